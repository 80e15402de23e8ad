// `npm run bench:compare -- --baseline <cli.js>`: two builds of `oblix serve` side by side in one
// run, against the same fake upstream and a direct baseline, so a change to the hot path is judged
// by ratios measured under the same machine noise. With --floor, a bare pass-through proxy
// (bench/passthrough.ts) runs alongside: what any Node gateway adds on this machine; and the
// reading floor (bench/reading-floor.ts): what a gateway adds that reads what it forwards.
// Interleaved sequential latency (non-stream and stream), then closed-loop throughput in
// alternating halves with each server's CPU per request and RSS. Every server runs bundled, under
// plain node. Prints Markdown; asserts nothing.
//
//   npm run bench:compare -- --baseline /tmp/cli-before.js [--candidate dist/cli.js --floor
//     --candidate-node-args "--max-semi-space-size=2" --rounds 2000 --seconds 6 --concurrency 64]
import * as path from 'node:path';
import { startFakeUpstreamProcess, startFloor, startOblix, REPO, type Child } from './children';
import { LoadClient, type Target } from './client';
import { FAKE_MODEL } from './fake-upstream';
import { cpuMs, rssBytes, sampleRss } from './proc';
import { mb, median, ms, percentile, plusMs } from './stats';
import { arg, num } from './args';

const BASELINE = arg('baseline');
const CANDIDATE = path.resolve(arg('candidate') ?? path.join(REPO, 'dist', 'cli.js'));
const ROUNDS = num('rounds', 2000);
const SECONDS = num('seconds', 6);
const CONCURRENCY = num('concurrency', 64);
const FLOOR = process.argv.includes('--floor');
/** Node flags for the candidate's process, e.g. "--max-semi-space-size=2" (space-separated). */
const CANDIDATE_NODE_ARGS = (arg('candidate-node-args') ?? '').split(' ').filter(Boolean);

interface Column {
  label: string;
  target: Target;
  child: Child | null;
}

async function main(): Promise<void> {
  if (!BASELINE) throw new Error('--baseline <path to a cli.js build> is required');
  const children: Child[] = [];
  const client = new LoadClient();
  try {
    const fake = await startFakeUpstreamProcess();
    children.push(fake.child);
    const cols: Column[] = [{ label: 'direct', target: { name: 'direct', url: `${fake.url}/chat/completions`, model: FAKE_MODEL, headers: {} }, child: null }];
    for (const [label, cli, nodeArgs] of [
      ['baseline', path.resolve(BASELINE), []],
      ['candidate', CANDIDATE, CANDIDATE_NODE_ARGS],
    ] as const) {
      const o = await startOblix(fake.url, { cli, nodeArgs: [...nodeArgs] });
      children.push(o.child);
      cols.push({ label, target: { name: label, url: `${o.url}/chat/completions`, model: 'auto', headers: {} }, child: o.child });
    }
    if (FLOOR) {
      const floor = await startFloor(fake.url);
      children.push(floor.child);
      cols.push({ label: 'floor', target: { name: 'floor', url: `${floor.url}/chat/completions`, model: FAKE_MODEL, headers: {} }, child: floor.child });
      const reading = await startFloor(fake.url, 'reading-floor');
      children.push(reading.child);
      cols.push({ label: 'reading floor', target: { name: 'reading floor', url: `${reading.url}/chat/completions`, model: FAKE_MODEL, headers: {} }, child: reading.child });
    }
    for (const c of cols) await client.closedLoop(c.target, 4, 1_000); // warm-up
    const idleRss = cols.map((c) => (c.child ? rssBytes(c.child.pid) : null));

    const B = 1;
    const C = 2;
    const lines: string[] = [];
    const row = (cells: string[], ratio: string): number => lines.push(`| ${[...cells, ratio].join(' | ')} |`);
    const flags = CANDIDATE_NODE_ARGS.length ? ` (node ${CANDIDATE_NODE_ARGS.join(' ')})` : '';
    lines.push(
      `## Oblix builds side by side (${new Date().toISOString()})`,
      '',
      `baseline: \`${BASELINE}\`; candidate: \`${path.relative(REPO, CANDIDATE)}\`${flags}${FLOOR ? '; floor: bench/passthrough.ts, a bare node:http → undici proxy; reading floor: bench/reading-floor.ts, the same reading the request and the upstream stream' : ''}`,
      '',
    );
    row(['measure', ...cols.map((c) => c.label)], 'candidate / baseline');
    row(cols.map(() => '---').concat('---'), '---');

    for (const stream of [false, true]) {
      const samples = cols.map(() => [] as number[]);
      let errors = 0;
      for (let r = 0; r < ROUNDS; r++) {
        for (let k = 0; k < cols.length; k++) {
          const i = (r + k) % cols.length; // rotate the order so no target always goes first
          const o = await client.send(cols[i]!.target, stream);
          if (o.ok) samples[i]!.push(stream ? o.firstByteMs : o.totalMs);
          else errors++;
        }
      }
      const p50 = samples.map((s) => median(s));
      const added = p50.map((v) => v - p50[0]!);
      const what = stream ? 'stream time to first byte' : 'non-stream latency';
      row([`${what} p50 (${ROUNDS} interleaved rounds)`, ...p50.map((v) => ms(v))], '');
      row([`${what} p99`, ...samples.map((s) => ms(percentile(s, 99)))], '');
      row([`added ${what} p50 over direct`, '—', ...added.slice(1).map((v) => plusMs(v))], `${((added[C]! / added[B]!) * 100).toFixed(0)} %`);
      if (errors) row([`errors (${what})`, ...cols.map(() => '')], String(errors));
    }

    // Throughput: each target runs two halves, in opposite orders, so drift hits all alike.
    const half = (SECONDS * 1000) / 2;
    const tp = cols.map(() => ({ ok: 0, errors: 0, elapsed: 0, cpu: 0, rss: 0 }));
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < cols.length; k++) {
        const i = pass === 0 ? k : cols.length - 1 - k;
        const { child, target } = cols[i]!;
        const cpu0 = child ? (cpuMs(child.pid) ?? 0) : 0;
        const rss = child ? sampleRss(child.pid) : null;
        const r = await client.closedLoop(target, CONCURRENCY, half);
        const acc = tp[i]!;
        acc.ok += r.ok;
        acc.errors += r.errors;
        acc.elapsed += r.elapsedMs;
        if (child) {
          acc.cpu += (cpuMs(child.pid) ?? 0) - cpu0;
          acc.rss = Math.max(acc.rss, rss!.stop() ?? 0);
        }
      }
    }
    const rps = tp.map((t) => (t.ok * 1000) / t.elapsed);
    const ofDirect = (i: number): string => `${rps[i]!.toFixed(0)} req/s (${((rps[i]! / rps[0]!) * 100).toFixed(0)} %)`;
    row(
      [`throughput, ${CONCURRENCY} clients (${SECONDS} s each; % of direct)`, `${rps[0]!.toFixed(0)} req/s`, ...cols.slice(1).map((_, i) => ofDirect(i + 1))],
      `${((rps[C]! / rps[B]!) * 100).toFixed(0)} %`,
    );
    row(['errors under load', ...tp.map((t) => String(t.errors))], '');
    const cpuPer = tp.map((t) => (t.cpu * 1000) / Math.max(1, t.ok));
    row([`server CPU per request at ${CONCURRENCY} clients`, '—', ...cpuPer.slice(1).map((v) => `${v.toFixed(0)} µs`)], `${((cpuPer[C]! / cpuPer[B]!) * 100).toFixed(0)} %`);
    row(
      ['resident memory idle → max under load', '—', ...cols.slice(1).map((_, i) => `${mb(idleRss[i + 1]!)} → ${mb(tp[i + 1]!.rss)}`)],
      `${((tp[C]!.rss / tp[B]!.rss) * 100).toFixed(0)} %`,
    );
    if (FLOOR) {
      // The candidate against each floor (columns 3 and 4): the ratios issue 29 sets its goal in.
      const against = (i: number): string => `${cols[i]!.label}: CPU per request ${(cpuPer[C]! / cpuPer[i]!).toFixed(2)} ×, throughput ${((rps[C]! / rps[i]!) * 100).toFixed(0)} %`;
      lines.push('', `candidate against ${against(3)}; against the ${against(4)}`);
    }
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
