// Reading the ledger as the usage view does: 100k records over the last 30 days, summed by day, model
// and client from one read. Three cases, each timed on a Ledger of its own:
//   open    a new Ledger (it seeds the budgets from this month's file) and its first query: the cost
//           of everything read from disk, once;
//   first   the first query of a Ledger built beforehand (the view opened after the editor started);
//   refresh a query after one more record was written (the open view refreshing).
// With `--baseline <tree>` the same cases run against another checkout's src/core/ledger in the same
// process, in turn (this build, that build, ...), so machine noise falls on both; prints medians and
// the ratio. Prints numbers; asserts nothing.
//   npm run bench:ledger-read [-- --records 100000 --runs 7 --baseline /tmp/base]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { UsageRecord } from '../src/core/ledger/record';
import { median, ms } from './stats';
import { arg, num } from './args';

interface LedgerLike {
  add(r: UsageRecord): void;
  close(): void;
}
interface Build {
  name: string;
  Ledger: new (o: { dir: string }) => LedgerLike;
  queryUsageBy: (ledger: LedgerLike, days: number, groups: string[]) => unknown;
}

function load(name: string, root: string): Build {
  // A checkout's own source, run through tsx like this one's (the ledger imports only node: modules and core/support).
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { Ledger } = require(path.join(root, 'src/core/ledger/ledger')) as Pick<Build, 'Ledger'>;
  const { queryUsageBy } = require(path.join(root, 'src/core/ledger/usage-query')) as Pick<Build, 'queryUsageBy'>;
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { name, Ledger, queryUsageBy };
}

export function record(i: number, count: number, now: number): UsageRecord {
  const models = ['ollama:llama3.2', 'ollama:qwen2.5-coder:7b', 'openai:gpt-4o-mini', 'anthropic:claude-sonnet-5'];
  const clients = ['claude-code', 'codex', 'cline', 'continue', 'opencode'];
  const model = models[i % models.length]!;
  const local = model.startsWith('ollama');
  return {
    v: 1,
    // Spread over the last 30 days, the view's window.
    t: now - Math.floor((i / count) * 29 * 86_400_000),
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
  };
}

/** A ledger directory of `count` records written by this build's writer; its size in bytes. */
export function writeLedger(dir: string, count: number): number {
  /* eslint-disable-next-line @typescript-eslint/no-require-imports */
  const { LedgerWriter } = require('../src/core/ledger/writer') as typeof import('../src/core/ledger/writer');
  const w = new LedgerWriter(dir);
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    w.append(record(i, count, now));
    if (i % 1000 === 0) w.flush();
  }
  w.close();
  return fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
}

const GROUPS = ['day', 'model', 'client'];

function timeOnce(b: Build, dir: string): { open: number; first: number; refresh: number } {
  let t0 = performance.now();
  const a = new b.Ledger({ dir });
  b.queryUsageBy(a, 30, GROUPS);
  const open = performance.now() - t0;
  a.close();
  const l = new b.Ledger({ dir });
  t0 = performance.now();
  b.queryUsageBy(l, 30, GROUPS);
  const first = performance.now() - t0;
  l.add({ ...record(0, 1, Date.now()), client: `bench-${b.name}` });
  t0 = performance.now();
  b.queryUsageBy(l, 30, GROUPS);
  const refresh = performance.now() - t0;
  l.close();
  return { open, first, refresh };
}

export function readingBench(count: number, runs: number, baseline?: string): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oblix-bench-read-'));
  const bytes = writeLedger(dir, count);
  const builds = [load('this build', path.resolve(__dirname, '..')), ...(baseline ? [load(`baseline (${path.basename(baseline)})`, baseline)] : [])];
  const times = builds.map(() => ({ open: [] as number[], first: [] as number[], refresh: [] as number[] }));
  for (const b of builds) timeOnce(b, dir); // warm-up: compile, page cache
  for (let r = 0; r < runs; r++) {
    // Alternate which goes first.
    const order = r % 2 ? [...builds.keys()].reverse() : [...builds.keys()];
    for (const i of order) {
      const t = timeOnce(builds[i]!, dir);
      times[i]!.open.push(t.open);
      times[i]!.first.push(t.first);
      times[i]!.refresh.push(t.refresh);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`\n## Reading the ledger for the usage view\n`);
  console.log(`${count} records (${(bytes / 1e6).toFixed(1)} MB), summed by day, model and client from one read; median of ${runs} runs (min in brackets).\n`);
  console.log('| build | open (new Ledger + first query) | first query | refresh after one more record |');
  console.log('|---|---|---|---|');
  for (const [i, b] of builds.entries()) {
    const t = times[i]!;
    const cell = (v: number[]): string => `${ms(median(v), 0)} (${ms(Math.min(...v), 0)})`;
    console.log(`| ${b.name} | ${cell(t.open)} | ${cell(t.first)} | ${cell(t.refresh)} |`);
  }
  if (builds.length === 2) {
    const ratio = (k: 'open' | 'first' | 'refresh'): string => `${(median(times[1]![k]) / median(times[0]![k])).toFixed(1)}×`;
    console.log(`\nBaseline ÷ this build (medians): open ${ratio('open')}, first query ${ratio('first')}, refresh ${ratio('refresh')}.`);
  }
}

if (require.main === module) readingBench(num('records', 100_000), num('runs', 7), arg('baseline'));
