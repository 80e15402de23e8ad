// The usage ledger's cost. (1) The chat path with the ledger on and off, paired: two servers in
// this process, same build and config, one recording to a ledger and one not, asked in turn
// (A, B, direct, A, B, direct...) so machine noise falls on both; prints medians side by side and
// the median of the paired differences. (2) Reading 100k records as the usage view does (by day,
// model and client). Prints numbers; asserts nothing.
//   npm run bench:ledger [-- --rounds 2000 --records 100000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultConfig } from '../src/core/config/config';
import { Ledger } from '../src/core/ledger/ledger';
import { queryUsageBy } from '../src/core/ledger/usage-query';
import { LedgerWriter } from '../src/core/ledger/writer';
import { Oblix } from '../src/core/oblix';
import { OblixServer } from '../src/core/server/http-server';
import { startFakeUpstreamProcess } from './children';
import { requestBody } from './client';
import { FAKE_MODEL } from './fake-upstream';
import { median, ms, pairedMedian } from './stats';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const ROUNDS = arg('rounds', 2000);
const RECORDS = arg('records', 100_000);

async function timed(url: string, body: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer x' }, body });
  await res.arrayBuffer(); // the whole answer, streamed or not
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return performance.now() - t0;
}

async function chatPath(): Promise<void> {
  const fake = await startFakeUpstreamProcess();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oblix-bench-ledger-'));
  const config = {
    ...defaultConfig(),
    port: 0,
    providers: [{ id: 'openai', kind: 'openai' as const, baseURL: fake.url, apiKey: 'x', local: false }],
    cloudModels: [`openai:${FAKE_MODEL}`],
  };
  const ledger = new Ledger({ dir });
  const on = new Oblix(config, { ledger });
  const off = new Oblix(config);
  await Promise.all([on.start(), off.start()]);
  const servers = [
    new OblixServer(on, { host: '127.0.0.1', port: 0, allowedOrigins: [], maxBodyBytes: 1 << 20 }),
    new OblixServer(off, { host: '127.0.0.1', port: 0, allowedOrigins: [], maxBodyBytes: 1 << 20 }),
  ];
  const [onUrl, offUrl] = await Promise.all(servers.map((s) => s.listen()));
  try {
    console.log(`## Chat path, ledger on vs off (${ROUNDS} sequential requests each, interleaved)\n`);
    console.log('| answer | direct | ledger off | ledger on | on − off (paired median) |');
    console.log('|---|---|---|---|---|');
    for (const stream of [false, true]) {
      const body = requestBody(`openai:${FAKE_MODEL}`, stream);
      const direct = requestBody(FAKE_MODEL, stream);
      const a: number[] = [];
      const b: number[] = [];
      const d: number[] = [];
      for (let i = 0; i < 200; i++) await Promise.all([timed(`${onUrl}/chat/completions`, body), timed(`${offUrl}/chat/completions`, body)]); // warm-up
      for (let i = 0; i < ROUNDS; i++) {
        // Alternate which goes first, so neither always follows the other.
        if (i % 2) {
          a.push(await timed(`${onUrl}/chat/completions`, body));
          b.push(await timed(`${offUrl}/chat/completions`, body));
        } else {
          b.push(await timed(`${offUrl}/chat/completions`, body));
          a.push(await timed(`${onUrl}/chat/completions`, body));
        }
        d.push(await timed(`${fake.url}/chat/completions`, direct));
      }
      console.log(`| ${stream ? 'stream' : 'JSON'} | ${ms(median(d))} | ${ms(median(b))} | ${ms(median(a))} | ${ms(pairedMedian(a, b))} |`);
    }
    const written = ledger.read(0).records.length;
    console.log(`\nRecords written by the ledger-on server: ${written}.`);
  } finally {
    await Promise.all(servers.map((s) => s.close()));
    on.stop();
    off.stop();
    ledger.close();
    await fake.child.stop();
  }
}

function reading(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oblix-bench-read-'));
  const w = new LedgerWriter(dir);
  const now = Date.now();
  const models = ['ollama:llama3.2', 'ollama:qwen2.5-coder:7b', 'openai:gpt-4o-mini', 'anthropic:claude-sonnet-5'];
  const clients = ['claude-code', 'codex', 'cline', 'continue', 'opencode'];
  for (let i = 0; i < RECORDS; i++) {
    const model = models[i % models.length]!;
    const local = model.startsWith('ollama');
    // Spread over the last 30 days, the view's window.
    w.append({
      v: 1,
      t: now - Math.floor((i / RECORDS) * 29 * 86_400_000),
      dialect: 'openai-chat',
      client: clients[i % clients.length]!,
      requested: 'auto',
      model,
      local,
      kind: 'chat',
      reason: 'chat-easy-small',
      tokensIn: 1200 + (i % 500),
      tokensOut: 300 + (i % 200),
      estimated: false,
      ttftMs: 120,
      durationMs: 900,
      outcome: 'ok',
      costUSD: local ? 0 : 0.004,
      savedUSD: local ? 0.004 : null,
    });
    if (i % 1000 === 0) w.flush();
  }
  w.close();
  const bytes = fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
  const ledger = new Ledger({ dir });
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    queryUsageBy(ledger, 30, ['day', 'model', 'client']);
    times.push(performance.now() - t0);
  }
  ledger.close();
  console.log(
    `\n## Reading the ledger for the usage view\n\n${RECORDS} records (${(bytes / 1e6).toFixed(1)} MB), read and summed by day, model and client (one read, as the view does): median ${ms(median(times), 0)} over 5 runs (min ${ms(Math.min(...times), 0)}).`,
  );
}

async function main(): Promise<void> {
  await chatPath();
  reading();
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
