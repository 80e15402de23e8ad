// Starts the three fake upstreams and an Oblix server wired to them, with the real `openai` SDK as client.
import type { Ledger } from '../src/core/ledger/ledger';
import OpenAI from 'openai';
import { defaultConfig, type OblixConfig } from '../src/core/config/config';
import { Oblix } from '../src/core/oblix';
import { DEFAULT_CONNECTIVITY, type ConnectivityOptions } from '../src/core/routing/connectivity';
import { OblixServer } from '../src/core/server/http-server';
import { FakeAnthropic } from './fakes/fake-anthropic';
import { FakeOllama } from './fakes/fake-ollama';
import { FakeOpenAI } from './fakes/fake-openai';
import type { ManualClock } from './manual-clock';

export const FAKE_OPENAI_KEY = 'sk-fake-openai-key-1234567890';
export const FAKE_ANTHROPIC_KEY = 'sk-ant-fake-key-1234567890';

/** One model per upstream kind the harness configures, with the fake that serves it and its chat path there. */
export const HARNESS_MODELS = [
  { id: 'ollama:llama3.2:latest', fake: 'ollama', path: '/api/chat' },
  { id: 'openai:gpt-4o-mini', fake: 'openai', path: '/v1/chat/completions' },
  { id: 'anthropic:claude-sonnet-5', fake: 'anthropic', path: '/v1/messages' },
] as const;

export interface Harness {
  ollama: FakeOllama;
  openai: FakeOpenAI;
  anthropic: FakeAnthropic;
  oblix: Oblix;
  server: OblixServer;
  /** http://127.0.0.1:PORT (no /v1) */
  base: string;
  client: OpenAI;
  /** Forgets what each fake received and any scripted behaviour. */
  resetFakes(): void;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  configure?: (config: OblixConfig) => void;
  /** Leave the fakes stopped (to test what happens when nothing answers). */
  upstreamsDown?: boolean;
  connectivity?: Partial<ConnectivityOptions>;
  /** Time and timers for Oblix's monitors and timeouts (a ManualClock steps them). */
  clock?: ManualClock;
  /** Sets up the fakes (models, replies) before Oblix first probes them. */
  before?: (fakes: { ollama: FakeOllama; openai: FakeOpenAI; anthropic: FakeAnthropic }) => void;
  /** Where Oblix records answered requests (none by default). */
  ledger?: Ledger;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const ollama = new FakeOllama();
  const openai = new FakeOpenAI();
  const anthropic = new FakeAnthropic();
  openai.apiKey = FAKE_OPENAI_KEY;
  anthropic.apiKey = FAKE_ANTHROPIC_KEY;
  anthropic.models = ['claude-sonnet-5'];
  opts.before?.({ ollama, openai, anthropic });
  if (!opts.upstreamsDown) await Promise.all([ollama.start(), openai.start(), anthropic.start()]);
  const url = (f: { url: string }, fallback: string): string => (opts.upstreamsDown ? fallback : f.url);
  const config: OblixConfig = {
    ...defaultConfig(),
    port: 0,
    // The cloud fakes live on loopback: `local: false` makes them count as cloud, as the real ones would.
    providers: [
      { id: 'ollama', kind: 'ollama', baseURL: url(ollama, 'http://127.0.0.1:9') },
      { id: 'openai', kind: 'openai', baseURL: `${url(openai, 'http://127.0.0.1:9')}/v1`, apiKey: FAKE_OPENAI_KEY, local: false },
      { id: 'anthropic', kind: 'anthropic', baseURL: url(anthropic, 'http://127.0.0.1:9'), apiKey: FAKE_ANTHROPIC_KEY, local: false },
    ],
    localModels: ['ollama:llama3.2:latest'],
    cloudModels: ['openai:gpt-4o-mini', 'anthropic:claude-sonnet-5'],
    firstTokenTimeoutMs: 5_000,
    // The test machine is busy running the tests: load-based routing is switched off unless a test asks.
    thresholds: { maxCpuLoadPct: 101, memoryHeadroom: 0, lowBatteryPct: 0 },
    // The locality-first order these tests were written for; tests of routing by need set another.
    prefer: 'local',
  };
  opts.configure?.(config);
  const oblix = new Oblix(config, {
    connectivity: { ...DEFAULT_CONNECTIVITY, healthyIntervalMs: 60_000, probeTimeoutMs: 1_000, networkCheckMs: 0, ...opts.connectivity },
    ...(opts.clock && { clock: opts.clock }),
    ...(opts.ledger && { ledger: opts.ledger }),
  });
  const started = oblix.start();
  await opts.clock?.advance(250); // the first CPU reading
  await started;
  const server = new OblixServer(oblix, { host: config.host, port: 0, allowedOrigins: config.allowedOrigins, apiKey: config.apiKey, maxBodyBytes: config.maxBodyBytes });
  const v1 = await server.listen();
  const base = v1.replace(/\/v1$/, '');
  const client = new OpenAI({ baseURL: v1, apiKey: config.apiKey ?? 'placeholder', maxRetries: 0 });
  return {
    ollama,
    openai,
    anthropic,
    oblix,
    server,
    base,
    client,
    resetFakes() {
      for (const f of [ollama, openai, anthropic]) f.reset();
    },
    async stop() {
      oblix.stop();
      await server.close();
      await Promise.all([ollama.stop(), openai.stop(), anthropic.stop()].map((p) => p.catch(() => undefined)));
    },
  };
}

/** The last request a fake received on a path. */
export function lastBody(fake: { requests: { path: string; body: unknown }[] }, path: string): Record<string, unknown> {
  const r = [...fake.requests].reverse().find((x) => x.path === path);
  if (!r) throw new Error(`no request on ${path}`);
  return r.body as Record<string, unknown>;
}
