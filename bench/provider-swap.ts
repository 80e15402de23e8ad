// What would replacing the `openai` SDK in Oblix's OpenAI provider gain, end to end? Runs four
// Oblix servers from src/ (same core, same server, `model: "auto"`), differing only in the
// provider object behind `fakecloud`: the SDK (today), the SDK tuned, a raw undici request,
// node:http (bench/undici-provider.ts); and, as the floor, a bare pass-through proxy that does
// nothing but forward bytes. Same fake upstream, same client, interleaved; prints Markdown.
//   npm run bench:swap [-- --rounds 1000 --seconds 3]
// Internal: `--serve sdk|sdk-tuned|undici|http|passthrough UPSTREAM_URL` runs one such server and prints its address.
import { setTimeout as sleep } from 'node:timers/promises';
import * as path from 'node:path';
import { defaultConfig, type OblixConfig } from '../src/core/config';
import { Oblix } from '../src/core/oblix';
import type { Provider } from '../src/core/providers/provider';
import { OblixServer } from '../src/core/server/http-server';
import { baseEnv, REPO, startFakeUpstreamProcess, startNode, type Child } from './children';
import { LoadClient, type Target } from './client';
import { FAKE_MODEL } from './fake-upstream';
import { cpuMs, rssBytes, sampleRss } from './proc';
import { passthrough } from './passthrough';
import { RawOpenAIProvider, TunedSdkProvider, type Transport } from './undici-provider';
import { mb, median, percentile } from './stats';

const VARIANTS = ['sdk', 'sdk-tuned', 'undici', 'http', 'passthrough'] as const;
type Variant = (typeof VARIANTS)[number];
const LABEL: Record<Variant, string> = {
  sdk: 'Oblix, `openai` SDK (today)',
  'sdk-tuned': "Oblix, `openai` SDK with redirect 'error', no abort after a finished stream",
  undici: 'Oblix, raw undici 7 request()',
  http: 'Oblix, node:http + keep-alive Agent',
  passthrough: 'floor: a bare node:http → undici pass-through proxy (no parsing, no routing)',
};

async function serve(variant: Variant, upstream: string): Promise<void> {
  if (variant === 'passthrough') {
    console.log(`Oblix listening on ${await passthrough(upstream)}`);
    return;
  }
  const config: OblixConfig = {
    ...defaultConfig(),
    port: 0,
    providers: [
      { id: 'ollama', kind: 'ollama', baseURL: 'http://127.0.0.1:9' },
      { id: 'fakecloud', kind: 'openai', baseURL: upstream, apiKey: 'x', local: false },
    ],
    cloudModels: ['fakecloud:gpt-4o-mini'],
  };
  const oblix = new Oblix(config);
  if (variant !== 'sdk') {
    // The Router reads providers from this same map: the swap reaches every request.
    const provider = variant === 'sdk-tuned' ? new TunedSdkProvider('fakecloud', upstream, 'x', false) : new RawOpenAIProvider('fakecloud', upstream, 'x', false, variant as Transport);
    (oblix.providers as Map<string, Provider>).set('fakecloud', provider);
  }
  const server = new OblixServer(oblix, { host: config.host, port: 0, allowedOrigins: [], maxBodyBytes: config.maxBodyBytes });
  const url = await server.listen();
  void oblix.start();
  console.log(`Oblix listening on ${url}`);
  process.once('SIGTERM', () => {
    oblix.stop();
    void server.close().then(() => process.exit(0));
  });
}

const opt = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

async function main(): Promise<void> {
  const ROUNDS = opt('rounds', 1000);
  const SECONDS = opt('seconds', 3);
  const children: Child[] = [];
  const client = new LoadClient();
  try {
    const fake = await startFakeUpstreamProcess();
    children.push(fake.child);
    const targets: Record<string, Target> = { direct: { name: 'direct', url: `${fake.url}/chat/completions`, model: FAKE_MODEL, headers: {} } };
    const pids: Record<string, number> = {};
    for (const v of VARIANTS) {
      const { child, match } = await startNode(`${v} server`, ['--require', 'tsx/cjs', path.join(REPO, 'bench', 'provider-swap.ts'), '--serve', v, fake.url], baseEnv({}), /Oblix listening on (http:\/\/\S+)/);
      children.push(child);
      pids[v] = child.pid;
      targets[v] = { name: v, url: `${match[1]}/chat/completions`, model: 'auto', headers: {} };
    }
    await sleep(2_000);
    const names = ['direct', ...VARIANTS];
    for (const n of names) {
      for (const stream of [false, true]) {
        const o = await client.send(targets[n]!, stream);
        if (!o.ok) throw new Error(`${n} ${stream ? 'stream' : 'JSON'}: ${o.error}`);
      }
      await client.closedLoop(targets[n]!, 16, 1_000);
      await client.closedLoop(targets[n]!, 1, 500, true);
    }

    const seq = async (stream: boolean): Promise<Record<string, { total: number[]; first: number[]; errors: number }>> => {
      const r: Record<string, { total: number[]; first: number[]; errors: number }> = {};
      for (const n of names) r[n] = { total: [], first: [], errors: 0 };
      for (let i = 0; i < ROUNDS; i++) {
        for (let k = 0; k < names.length; k++) {
          const n = names[(i + k) % names.length]!;
          const o = await client.send(targets[n]!, stream);
          if (!o.ok) r[n]!.errors++;
          else {
            r[n]!.total.push(o.totalMs);
            r[n]!.first.push(o.firstByteMs);
          }
        }
      }
      return r;
    };
    console.error('[swap] non-stream latency');
    const json = await seq(false);
    console.error('[swap] stream latency');
    const sse = await seq(true);
    console.error('[swap] 1 client, closed loop');
    const one: Record<string, number[]> = {};
    for (let half = 0; half < 2; half++) {
      for (let k = 0; k < names.length; k++) {
        const n = names[(half + k) % names.length]!;
        const r = await client.closedLoop(targets[n]!, 1, 1_000);
        one[n] = [...(one[n] ?? []), ...r.latencies];
      }
    }
    console.error('[swap] throughput at 64 clients');
    const tp: Record<string, { rps: number; errors: number; cpuPerReq: number; maxRss: number }> = {};
    const idleRss: Record<string, number> = {};
    for (const [n, pid] of Object.entries(pids)) idleRss[n] = rssBytes(pid) ?? 0;
    for (let half = 0; half < 2; half++) {
      for (let k = 0; k < names.length; k++) {
        const n = names[(half + k) % names.length]!;
        const pid = pids[n];
        const c0 = pid ? cpuMs(pid)! : 0;
        const rss = pid ? sampleRss(pid, 50) : null;
        const r = await client.closedLoop(targets[n]!, 64, (SECONDS * 1000) / 2);
        const maxRss = rss?.stop() ?? 0;
        const c1 = pid ? cpuMs(pid)! : 0;
        const prev = tp[n] ?? { rps: 0, errors: 0, cpuPerReq: 0, maxRss: 0 };
        tp[n] = { rps: prev.rps + (1000 * r.ok) / r.elapsedMs / 2, errors: prev.errors + r.errors, cpuPerReq: prev.cpuPerReq + (1000 * (c1 - c0)) / r.ok / 2, maxRss: Math.max(prev.maxRss, maxRss) };
      }
    }

    const d = json.direct!;
    const ds = sse.direct!;
    console.log(`## Oblix with its OpenAI provider swapped (${ROUNDS} interleaved rounds; 64 clients for ${SECONDS} s each)`, '');
    console.log('| path | non-stream p50 (interleaved) | added p50 | added p50, 1 client closed loop | stream first byte p50 | added | stream last byte p50 | 64 clients | % of direct | server CPU per request at 64 clients | RSS before load / max at 64 clients | errors |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const n of names) {
      const j = json[n]!;
      const s = sse[n]!;
      const label = n === 'direct' ? 'direct to the fake upstream' : LABEL[n as Variant];
      const added = (a: number[], b: number[]): string => (n === 'direct' ? '—' : `+${(median(a) - median(b)).toFixed(3)} ms`);
      console.log(
        `| ${label} | ${median(j.total).toFixed(3)} ms | ${added(j.total, d.total)} | ${added(one[n]!, one.direct!)} | ${median(s.first).toFixed(3)} ms | ${added(s.first, ds.first)} | ${median(s.total).toFixed(3)} ms | ${tp[n]!.rps.toFixed(0)} req/s | ${((100 * tp[n]!.rps) / tp.direct!.rps).toFixed(0)} % | ${n === 'direct' ? '—' : `${tp[n]!.cpuPerReq.toFixed(0)} µs`} | ${n === 'direct' ? '—' : `${mb(idleRss[n] ?? null)} / ${mb(tp[n]!.maxRss)}`} | ${j.errors + s.errors + tp[n]!.errors} |`,
      );
    }
    console.log('', `p99 non-stream: ${names.map((n) => `${n} ${percentile(json[n]!.total, 99).toFixed(2)} ms`).join(', ')}.`);
  } finally {
    await client.close();
    for (const c of children.reverse()) await c.stop();
  }
}

const i = process.argv.indexOf('--serve');
if (i >= 0) {
  serve(process.argv[i + 1] as Variant, process.argv[i + 2]!).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
