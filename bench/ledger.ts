// The usage ledger's cost. (1) The chat path with the ledger on and off, paired: two servers in
// this process, same build and config, one recording to a ledger and one not, asked in turn
// (A, B, direct, A, B, direct...) so machine noise falls on both; prints medians side by side and
// the median of the paired differences. (2) Reading 100k records as the usage view does (by day,
// model and client; bench/ledger-read.ts, which also runs alone). Prints numbers; asserts nothing.
//   npm run bench:ledger [-- --rounds 2000 --records 100000 --baseline /tmp/base]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultConfig } from '../src/core/config/config';
import { Ledger } from '../src/core/ledger/ledger';
import { Oblix } from '../src/core/oblix';
import { OblixServer } from '../src/core/server/http-server';
import { startFakeUpstreamProcess } from './children';
import { requestBody } from './client';
import { FAKE_MODEL } from './fake-upstream';
import { readingBench } from './ledger-read';
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

async function main(): Promise<void> {
  await chatPath();
  readingBench(RECORDS, 5, process.argv.includes('--baseline') ? process.argv[process.argv.indexOf('--baseline') + 1] : undefined);
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
