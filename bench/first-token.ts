// Time to first token as users feel it (issue 29): a fake Ollama that models load time (a cold
// model waits its load time in real milliseconds; models unload after keep_alive on a clock the
// bench steps, so idle gaps cost no real time) and a cloud fake with a fixed first-token time.
// Each scenario runs twice on the same fakes: without warm-aware routing, pre-warming and
// keep_alive (Oblix as it was), and with them. Clients are the real `openai` SDK through
// `oblix serve`'s server; TTFT is from the request to the first content chunk, client side.
// Prints a table and the ratios; asserts nothing.
//   npm run bench:first-token [-- --trials 5] [--json]
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import { defaultConfig, type OblixConfig } from '../src/core/config/config';
import { Oblix } from '../src/core/oblix';
import { DEFAULT_CONNECTIVITY } from '../src/core/routing/connectivity';
import { OblixServer } from '../src/core/server/http-server';
import { FakeOllama } from '../test/fakes/fake-ollama';
import { FakeOpenAI } from '../test/fakes/fake-openai';
import { percentile } from './stats';

const GB = 1024 ** 3;
const MIN = 60_000;
/** A 7B chat model (4.7 GB) and a 1.5B coder (1 GB), with load times of a laptop SSD. */
const CHAT = { name: 'qwen2.5-coder:7b', sizeBytes: 4.7 * GB, loadMs: 4_000 };
const CODER = { name: 'qwen2.5-coder:1.5b', sizeBytes: 1 * GB, loadMs: 1_500 };
/** The cloud's first token, fixed. */
const CLOUD_TTFT_MS = 600;
/** How long the user types after the chat view opens (pre-warming runs meanwhile). */
const TYPING_MS = 2_000;
/** Agent loop: the idle gap before each turn (fake minutes): mostly quick, a few long reviews. */
const AGENT_GAPS_MIN = [0, 0.5, 1, 7, 0.5, 2, 0.5, 12, 1, 0.5, 3, 0.5, 6, 1, 0.5, 0.5, 9, 1, 2, 0.5];

type Variant = 'before' | 'after';

interface Rig {
  oblix: Oblix;
  client: OpenAI;
  ollama: FakeOllama;
  advance(ms: number): Promise<void>;
  stop(): Promise<void>;
}

async function rig(variant: Variant, configure: (c: OblixConfig) => void = () => {}): Promise<Rig> {
  let now = Date.now();
  const ollama = new FakeOllama();
  ollama.loading.now = () => now;
  ollama.models = [
    { name: CODER.name, contextLength: 32768, capabilities: ['completion', 'insert'], sizeBytes: CODER.sizeBytes, loadMs: CODER.loadMs },
    { name: CHAT.name, contextLength: 32768, capabilities: ['completion', 'insert', 'tools'], sizeBytes: CHAT.sizeBytes, loadMs: CHAT.loadMs },
  ];
  ollama.reply = 'Sure: here is the answer you asked for.';
  const cloud = new FakeOpenAI();
  cloud.faults = { stallMs: CLOUD_TTFT_MS };
  cloud.completionModels.push('gpt-4o-mini');
  await Promise.all([ollama.start(), cloud.start()]);
  const config: OblixConfig = {
    ...defaultConfig(),
    port: 0,
    providers: [
      { id: 'ollama', kind: 'ollama', baseURL: ollama.url },
      { id: 'openai', kind: 'openai', baseURL: `${cloud.url}/v1`, apiKey: 'sk-bench', local: false },
    ],
    localModels: [`ollama:${CHAT.name}`, `ollama:${CODER.name}`],
    cloudModels: ['openai:gpt-4o-mini'],
    // The bench machine is busy running the bench: load-based routing off, as in the tests.
    thresholds: { maxCpuLoadPct: 101, memoryHeadroom: 0, lowBatteryPct: 0 },
    ...(variant === 'after' && { keepAlive: '30m', prewarm: true }),
  };
  configure(config);
  const oblix = new Oblix(config, { connectivity: { ...DEFAULT_CONNECTIVITY, healthyIntervalMs: 10 * MIN, networkCheckMs: 0 }, warmAware: variant === 'after' });
  await oblix.start();
  const server = new OblixServer(oblix, { host: '127.0.0.1', port: 0, allowedOrigins: [], maxBodyBytes: config.maxBodyBytes });
  const v1 = await server.listen();
  return {
    oblix,
    ollama,
    client: new OpenAI({ baseURL: v1, apiKey: 'x', maxRetries: 0 }),
    // Idle time passes on the fake's clock; the background probe that would have run meanwhile re-reads /api/ps.
    async advance(ms) {
      now += ms;
      await oblix.refreshModels('ollama');
    },
    async stop() {
      oblix.stop();
      await server.close();
      await Promise.all([ollama.stop(), cloud.stop()]);
    },
  };
}

async function chatTtft(client: OpenAI, content: string, tools = false): Promise<number> {
  const started = performance.now();
  const stream = await client.chat.completions.create({
    model: 'auto',
    stream: true,
    messages: [{ role: 'user', content }],
    ...(tools && { tools: [{ type: 'function' as const, function: { name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } } } } }] }),
  });
  let first = Number.NaN;
  for await (const chunk of stream) if (Number.isNaN(first) && chunk.choices[0]?.delta?.content) first = performance.now() - started;
  return first;
}

async function completionTtft(client: OpenAI): Promise<number> {
  const started = performance.now();
  const stream = await client.completions.create({ model: 'auto', stream: true, prompt: 'def add(a, b):\n    ', suffix: '\n\nprint(add(1, 2))', max_tokens: 16 });
  let first = Number.NaN;
  for await (const chunk of stream) if (Number.isNaN(first) && chunk.choices[0]?.text) first = performance.now() - started;
  return first;
}

/** The first request after idle: every model unloaded; the chat view opens, the user types, then asks. */
async function firstAfterIdle(variant: Variant, trials: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < trials; i++) {
    const r = await rig(variant);
    if (variant === 'after') void r.oblix.prewarm(); // as the chat view opening does, in the background
    await sleep(TYPING_MS);
    out.push(await chatTtft(r.client, 'What does this error mean: ENOENT?'));
    await r.stop();
  }
  return out;
}

/** Autocomplete while the chat model is loaded: 10 completions in a row, the coder cold. */
async function autocompleteBurst(variant: Variant, trials: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < trials; i++) {
    const r = await rig(variant, (c) => (c.localModels = [`ollama:${CODER.name}`, `ollama:${CHAT.name}`]));
    r.ollama.models.find((m) => m.name === CHAT.name)!.loaded = true;
    await r.advance(0);
    for (let k = 0; k < 10; k++) out.push(await completionTtft(r.client));
    await r.stop();
  }
  return out;
}

/** An agent of 20 turns (tools, routed to the local model under prefer local) with idle gaps between them. */
async function agentLoop(variant: Variant, trials: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < trials; i++) {
    const r = await rig(variant, (c) => (c.prefer = 'local'));
    if (variant === 'after') await r.oblix.prewarm(); // VS Code started a while before the agent
    for (const gap of AGENT_GAPS_MIN) {
      await r.advance(gap * MIN);
      out.push(await chatTtft(r.client, 'Read src/app.ts and fix the failing test.', true));
    }
    await r.stop();
  }
  return out;
}

interface Row {
  scenario: string;
  n: number;
  before: { p50: number; p95: number };
  after: { p50: number; p95: number };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const trialsAt = args.indexOf('--trials');
  const trials = trialsAt >= 0 ? Number(args[trialsAt + 1]) : 5;
  const json = args.includes('--json');
  const scenarios: [string, (v: Variant, t: number) => Promise<number[]>, number][] = [
    ['first request after idle (chat)', firstAfterIdle, trials],
    ['autocomplete burst, chat model loaded', autocompleteBurst, Math.max(1, Math.ceil(trials / 2))],
    ['agent loop, 20 turns with idle gaps', agentLoop, Math.max(1, Math.ceil(trials / 3))],
  ];
  const rows: Row[] = [];
  for (const [scenario, run, t] of scenarios) {
    const before = await run('before', t);
    const after = await run('after', t);
    const stat = (s: number[]): { p50: number; p95: number } => ({ p50: percentile(s, 50), p95: percentile(s, 95) });
    rows.push({ scenario, n: before.length, before: stat(before), after: stat(after) });
  }
  if (json) return void console.log(JSON.stringify(rows));
  const f = (ms: number): string => `${(ms / 1000).toFixed(2)} s`.padStart(8);
  const x = (a: number, b: number): string => `${(a / b).toFixed(1)}×`.padStart(7);
  console.log(
    `Time to first token (client side). Loads: ${CHAT.name} ${CHAT.loadMs / 1000} s, ${CODER.name} ${CODER.loadMs / 1000} s; cloud first token ${CLOUD_TTFT_MS / 1000} s.`,
  );
  console.log("before: Oblix as it was (no warm-aware routing, no pre-warm, Ollama's keep_alive); after: all three (keepAlive 30m).\n");
  console.log(
    `${'scenario'.padEnd(40)} ${'n'.padStart(4)}   ${'p50 before'.padStart(10)} ${'p50 after'.padStart(9)} ${'ratio'.padStart(7)}   ${'p95 before'.padStart(10)} ${'p95 after'.padStart(9)} ${'ratio'.padStart(7)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.scenario.padEnd(40)} ${String(r.n).padStart(4)}   ${f(r.before.p50).padStart(10)} ${f(r.after.p50).padStart(9)} ${x(r.before.p50, r.after.p50)}   ${f(r.before.p95).padStart(10)} ${f(r.after.p95).padStart(9)} ${x(r.before.p95, r.after.p95)}`,
    );
  }
  console.log('\nratio: before ÷ after (higher is better). A fake answers at once once loaded, so a warm TTFT is Oblix plus loopback.');
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
