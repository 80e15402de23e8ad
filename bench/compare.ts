// `npm run bench:compare -- --baseline <cli.js> [--candidate dist/cli.js]`: two builds of
// `oblix serve` side by side in one run, against the same fake upstream and a direct baseline, so
// a change to the hot path is judged by ratios measured under the same machine noise.
// Interleaved sequential latency (non-stream and stream), then closed-loop throughput at 64
// clients in alternating halves with each server's CPU per request and peak RSS. Asserts nothing.
//
//   npm run bench:compare -- --baseline /tmp/cli-before.js [--candidate dist/cli.js --candidate-node-args "--max-semi-space-size=2"
//                            --rounds 2000 --seconds 6 --concurrency 64]
import * as path from 'node:path';
import { startFakeUpstreamProcess, startOblix, REPO, type Child } from './children';
import { LoadClient, type Target } from './client';
import { FAKE_MODEL } from './fake-upstream';
import { cpuMs, rssBytes, sampleRss } from './proc';
import { mb, median, ms, percentile, plusMs } from './stats';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const num = (name: string, fallback: number): number => {
  const v = Number(arg(name));
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

const BASELINE = arg('baseline');
const CANDIDATE = path.resolve(arg('candidate') ?? path.join(REPO, 'dist', 'cli.js'));
const ROUNDS = num('rounds', 2000);
const SECONDS = num('seconds', 6);
const CONCURRENCY = num('concurrency', 64);
/** Node flags for the candidate's process, e.g. "--max-semi-space-size=2" (space-separated). */
const CANDIDATE_NODE_ARGS = (arg('candidate-node-args') ?? '').split(' ').filter(Boolean);

interface Server {
  label: string;
  child: Child;
  target: Target;
}

async function main(): Promise<void> {
  if (!BASELINE) throw new Error('--baseline <path to a cli.js build> is required');
  const children: Child[] = [];
  const client = new LoadClient();
  try {
    const fake = await startFakeUpstreamProcess();
    children.push(fake.child);
    const servers: Server[] = [];
    for (const [label, cli, nodeArgs] of [['baseline', path.resolve(BASELINE), []], ['candidate', CANDIDATE, CANDIDATE_NODE_ARGS]] as const) {
      const o = await startOblix(fake.url, { cli, nodeArgs: [...nodeArgs] });
      children.push(o.child);
      servers.push({ label, child: o.child, target: { name: label, url: `${o.url}/chat/completions`, model: 'auto', headers: {} } });
    }
    const direct: Target = { name: 'direct', url: `${fake.url}/chat/completions`, model: FAKE_MODEL, headers: {} };
    const all: Target[] = [direct, ...servers.map((s) => s.target)];
    for (const t of all) await client.closedLoop(t, 4, 1_000); // warm-up
    const idleRss = servers.map((s) => rssBytes(s.child.pid));

    const lines: string[] = [];
    const row = (...cells: string[]): number => lines.push(`| ${cells.join(' | ')} |`);
    const flags = CANDIDATE_NODE_ARGS.length ? ` (node ${CANDIDATE_NODE_ARGS.join(' ')})` : '';
    lines.push(`## Oblix builds side by side (${new Date().toISOString()})`, '', `baseline: \`${BASELINE}\`; candidate: \`${path.relative(REPO, CANDIDATE)}\`${flags}`, '');
    row('measure', 'direct', 'baseline', 'candidate', 'candidate / baseline');
    row('---', '---', '---', '---', '---');

    for (const stream of [false, true]) {
      const samples = all.map(() => [] as number[]);
      const pick = (o: { totalMs: number; firstByteMs: number }): number => (stream ? o.firstByteMs : o.totalMs);
      let errors = 0;
      for (let r = 0; r < ROUNDS; r++) {
        for (let k = 0; k < all.length; k++) {
          const i = (r + k) % all.length; // rotate the order so no target always goes first
          const o = await client.send(all[i]!, stream);
          if (o.ok) samples[i]!.push(pick(o));
          else errors++;
        }
      }
      const p50 = samples.map((s) => median(s));
      const added = p50.slice(1).map((v) => v - p50[0]!);
      const what = stream ? 'stream time to first byte' : 'non-stream latency';
      row(`${what} p50 (${ROUNDS} interleaved rounds)`, ms(p50[0]!), ms(p50[1]!), ms(p50[2]!), '');
      row(`${what} p99`, ms(percentile(samples[0]!, 99)), ms(percentile(samples[1]!, 99)), ms(percentile(samples[2]!, 99)), '');
      row(`added ${what} p50 over direct`, '—', plusMs(added[0]!), plusMs(added[1]!), `${((added[1]! / added[0]!) * 100).toFixed(0)} %`);
      if (errors) row(`errors (${what})`, '', '', '', String(errors));
    }

    // Throughput: each target runs two halves, alternating, so drift hits all alike.
    const half = (SECONDS * 1000) / 2;
    const tp = all.map(() => ({ ok: 0, errors: 0, elapsed: 0, cpu: 0, rss: 0 }));
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < all.length; k++) {
        const i = pass === 0 ? k : all.length - 1 - k;
        const server = servers[i - 1];
        const cpu0 = server ? (cpuMs(server.child.pid) ?? 0) : 0;
        const rss = server ? sampleRss(server.child.pid) : null;
        const r = await client.closedLoop(all[i]!, CONCURRENCY, half);
        const acc = tp[i]!;
        acc.ok += r.ok;
        acc.errors += r.errors;
        acc.elapsed += r.elapsedMs;
        if (server) {
          acc.cpu += (cpuMs(server.child.pid) ?? 0) - cpu0;
          acc.rss = Math.max(acc.rss, rss!.stop() ?? 0);
        }
      }
    }
    const rps = tp.map((t) => (t.ok * 1000) / t.elapsed);
    row(`throughput, ${CONCURRENCY} clients (${SECONDS} s each)`, `${rps[0]!.toFixed(0)} req/s`, `${rps[1]!.toFixed(0)} req/s (${((rps[1]! / rps[0]!) * 100).toFixed(0)} % of direct)`, `${rps[2]!.toFixed(0)} req/s (${((rps[2]! / rps[0]!) * 100).toFixed(0)} % of direct)`, `${((rps[2]! / rps[1]!) * 100).toFixed(0)} %`);
    row('errors under load', String(tp[0]!.errors), String(tp[1]!.errors), String(tp[2]!.errors), '');
    const cpuPer = tp.slice(1).map((t) => (t.cpu * 1000) / Math.max(1, t.ok));
    row(`server CPU per request at ${CONCURRENCY} clients`, '—', `${cpuPer[0]!.toFixed(0)} µs`, `${cpuPer[1]!.toFixed(0)} µs`, `${((cpuPer[1]! / cpuPer[0]!) * 100).toFixed(0)} %`);
    row('resident memory idle → max under load', '—', `${mb(idleRss[0]!)} → ${mb(tp[1]!.rss)}`, `${mb(idleRss[1]!)} → ${mb(tp[2]!.rss)}`, `${((tp[2]!.rss / tp[1]!.rss) * 100).toFixed(0)} %`);
    console.log(lines.join('\n'));
  } finally {
    await client.close();
    for (const c of children.reverse()) await c.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
