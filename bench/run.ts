// `npm run bench`: Oblix against a direct connection and Portkey's gateway, in one run, on one
// machine. A fake OpenAI-compatible upstream answers at once on loopback; the same requests go
// directly to it, through `oblix serve` (`model: "auto"`, so the routing decision is included) and
// through Portkey's open-source gateway, interleaved round by round so machine noise hits all
// three alike. Prints a Markdown report and writes it to bench/RESULTS.md, the whole file (nothing
// in it is kept by hand). Asserts nothing. Portkey's gateway is a package of its own
// (bench/gateway, installed by `npm run bench:setup`); without it the Portkey column says so.
//
//   npm run bench [-- --rounds 2000 --stream-rounds 2000 --seconds 5 --idle-seconds 20
//                     --no-package --no-portkey --out FILE --quick]
//
// --seconds is the time per concurrency level per target (split in two interleaved halves);
// --idle-seconds the idle window of the routing benchmark (bench/routing.ts) and of `oblix serve`;
// --no-package skips `npm run package` (the VSIX size is then the existing oblix.vsix's);
// --quick is a smoke run with small counts.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { installedPortkey, startFakeUpstreamProcess, startFloor, startOblix, startPortkey, PORTKEY_SETUP, REPO, type Child } from './children';
import { LoadClient, type Outcome, type Target } from './client';
import { FAKE_MODEL } from './fake-upstream';
import { cpuMs, cpuPressure, machineCpuMs, peakRssBytes, rssBytes, sampleRss, selfAndEndedChildrenCpuMs } from './proc';
import type { RoutingResult } from './routing';
import { kb, mb, median, ms, pct, percentile, plusMs } from './stats';
import { writeBlocks } from '../scripts/docs/blocks';
import { benchBlocks } from './docs-blocks';

// ---------------------------------------------------------------------------------------------
// Options

function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}
function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}
function stringOption(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const quick = flag('quick');
const ROUNDS = option('rounds', quick ? 200 : 2000);
const STREAM_ROUNDS = option('stream-rounds', quick ? 200 : 2000);
const SECONDS = option('seconds', quick ? 1 : 5);
const IDLE_SECONDS = option('idle-seconds', quick ? 4 : 20);
const CONCURRENCY = [1, 16, 64];
const PACKAGE = !flag('no-package');
const PORTKEY = !flag('no-portkey');
const DEFAULT_OUT = path.resolve(REPO, 'bench', 'RESULTS.md');
const OUT = path.resolve(REPO, stringOption('out', DEFAULT_OUT));

const log = (msg: string): void => console.error(`[bench] ${msg}`);

// ---------------------------------------------------------------------------------------------
// Results

interface LatencySet {
  outcomes: Outcome[];
  errors: number;
  firstError?: string;
}

interface Throughput {
  ok: number;
  errors: number;
  elapsedMs: number;
  latencies: number[];
  firstError?: string;
  /** CPU the servers on this path used, ms, keyed by process name. */
  cpu: Record<string, number>;
}

const NAMES = ['direct', 'oblix', 'portkey', 'floor'] as const;
type Name = (typeof NAMES)[number];

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const startedAt = new Date();
  const machine = describeMachine();
  log(machine);

  // 1. Build: the production bundles and the VSIX, as shipped.
  const build = buildAll();

  // 2. The servers, each in its own process.
  const children: Child[] = [];
  const client = new LoadClient();
  try {
    const fake = await startFakeUpstreamProcess();
    children.push(fake.child);
    log(`fake upstream ${fake.url} (pid ${fake.child.pid})`);
    const oblix = await startOblix(fake.url);
    children.push(oblix.child);
    log(`oblix serve ${oblix.url} (pid ${oblix.child.pid})`);
    let portkey: { child: Child; url: string } | null = null;
    const portkeyVersion = PORTKEY ? installedPortkey() : null;
    let portkeyProblem: string | null = null;
    if (!PORTKEY) portkeyProblem = 'left out (--no-portkey)';
    else if (portkeyVersion === null) {
      portkeyProblem = `not installed, so not measured: \`${PORTKEY_SETUP}\` installs it (into bench/gateway, a package of its own), then \`npm run bench\` compares against it`;
      log(`Portkey's gateway is not installed: run \`${PORTKEY_SETUP}\` once to compare against it. Measuring without it.`);
    } else {
      try {
        portkey = await startPortkey();
        children.push(portkey.child);
        log(`portkey gateway ${portkeyVersion} ${portkey.url} (pid ${portkey.child.pid})`);
      } catch (err) {
        portkeyProblem = `could not start: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
        log(`portkey ${portkeyProblem}`);
      }
    }

    // The floor: a bare pass-through proxy, what any Node gateway costs on this machine.
    const floor = await startFloor(fake.url);
    children.push(floor.child);
    log(`floor proxy ${floor.url} (pid ${floor.child.pid})`);

    const targets: Record<Name, Target | null> = {
      direct: { name: 'direct', url: `${fake.url}/chat/completions`, model: FAKE_MODEL, headers: { authorization: 'Bearer x' } },
      oblix: { name: 'oblix', url: `${oblix.url}/chat/completions`, model: 'auto', headers: {} },
      portkey: portkey
        ? {
            name: 'portkey',
            url: `${portkey.url}/chat/completions`,
            model: FAKE_MODEL,
            headers: { authorization: 'Bearer x', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': fake.url },
          }
        : null,
      floor: { name: 'floor', url: `${floor.url}/chat/completions`, model: FAKE_MODEL, headers: { authorization: 'Bearer x' } },
    };
    const pids: Record<string, number> = { fake: fake.child.pid, oblix: oblix.child.pid, floor: floor.child.pid, ...(portkey ? { portkey: portkey.child.pid } : {}) };
    // Noise: CPU that processes other than this benchmark's used while it measured.
    const ours = (): number => Object.values(pids).reduce((a, pid) => a + (cpuMs(pid) ?? 0), 0) + selfAndEndedChildrenCpuMs();
    const noise0 = { machine: machineCpuMs(), ours: ours(), pressure: cpuPressure(), wall: performance.now() };

    // 3. Does each path answer correctly? (Portkey's streams are known to fail on Node 20.)
    const sanity = await checkPaths(client, targets, oblix.url);
    if (!sanity.oblixOk) throw new Error(`Oblix does not answer correctly: ${sanity.notes.join(' ')}\n${oblix.child.output().slice(-2000)}`);
    let portkeyStreamProblem: string | null = null;
    if (targets.portkey && !sanity.portkeyJsonOk) {
      portkeyProblem = `answers non-stream requests wrongly: ${sanity.portkeyJsonError}`;
      targets.portkey = null;
    }
    if (portkey && !sanity.portkeyStreamOk) {
      await sleep(200);
      const trace = /^.*(TypeError|Error)[^\n]*$/m.exec(portkey.child.output());
      portkeyStreamProblem = `${sanity.portkeyStreamError ?? 'fails'}${trace ? ` — gateway log: \`${trace[0].trim().slice(0, 160)}\`` : ''}`;
      log(`portkey streams fail: ${portkeyStreamProblem}`);
    }

    // 4. Idle: `oblix serve` before any load (CPU over the window, RSS at its end), while
    //    bench/routing.ts measures the routing decision and the monitors' CPU in a process of its own.
    await sleep(3_000);
    const idleCpu0 = cpuMs(oblix.child.pid)!;
    const idleT0 = performance.now();
    log(`idle: bench/routing.ts in its own process (${IDLE_SECONDS} s monitor window), oblix serve idle meanwhile`);
    const routing = await measureRoutingApart(IDLE_SECONDS);
    const oblixIdleCpuPct = (100 * (cpuMs(oblix.child.pid)! - idleCpu0)) / (performance.now() - idleT0);
    const oblixIdleWindowS = (performance.now() - idleT0) / 1000;
    const idleRss: Record<string, number | null> = {};
    for (const [k, pid] of Object.entries(pids)) idleRss[k] = rssBytes(pid);

    const active = NAMES.filter((n) => targets[n] !== null);

    // 5. Warm-up: JIT, connection pools.
    log('warm-up');
    await rounds(client, targets, active, Math.min(300, ROUNDS), false);
    await rounds(client, targets, ['direct', 'oblix', 'floor'], Math.min(300, STREAM_ROUNDS), true);
    for (const n of active) await client.closedLoop(targets[n]!, 16, 500);

    // 6. Non-stream latency, sequential, interleaved.
    log(`non-stream latency: ${ROUNDS} rounds × ${active.join(', ')}`);
    const latency = await rounds(client, targets, active, ROUNDS, false);

    // 7. Streams: direct and Oblix.
    log(`stream: ${STREAM_ROUNDS} rounds × direct, oblix, floor`);
    const streams = await rounds(client, targets, ['direct', 'oblix', 'floor'], STREAM_ROUNDS, true);

    // 8. Throughput at 1, 16 and 64 clients, each level interleaved in two halves.
    const throughput: Record<number, Partial<Record<Name, Throughput>>> = {};
    let oblixLoadRss: number | null = null;
    let floorLoadRss: number | null = null;
    for (const c of CONCURRENCY) {
      throughput[c] = {};
      for (let half = 0; half < 2; half++) {
        for (const n of rotate(active, half)) {
          log(`throughput: ${c} clients → ${n} (${SECONDS / 2} s)`);
          const cpu0 = cpuAll(pids);
          const sampled = c === 64 && (n === 'oblix' || n === 'floor') ? pids[n] : undefined;
          const rss = sampled !== undefined ? sampleRss(sampled, 50) : null;
          const r = await client.closedLoop(targets[n]!, c, (SECONDS * 1000) / 2);
          const maxRss = rss?.stop() ?? null;
          if (maxRss !== null && n === 'oblix' && (oblixLoadRss === null || maxRss > oblixLoadRss)) oblixLoadRss = maxRss;
          if (maxRss !== null && n === 'floor' && (floorLoadRss === null || maxRss > floorLoadRss)) floorLoadRss = maxRss;
          const cpu1 = cpuAll(pids);
          const prev = throughput[c]![n];
          const cpu: Record<string, number> = {};
          for (const k of Object.keys(pids)) cpu[k] = (cpu1[k] ?? 0) - (cpu0[k] ?? 0) + (prev?.cpu[k] ?? 0);
          throughput[c]![n] = {
            ok: r.ok + (prev?.ok ?? 0),
            errors: r.errors + (prev?.errors ?? 0),
            elapsedMs: r.elapsedMs + (prev?.elapsedMs ?? 0),
            latencies: [...(prev?.latencies ?? []), ...r.latencies],
            firstError: prev?.firstError ?? r.firstError,
            cpu,
          };
        }
      }
    }
    const machine1 = machineCpuMs();
    const cores = os.cpus().length;
    const noise: Noise = {
      othersPct: (100 * (machine1.busy - noise0.machine.busy - (ours() - noise0.ours))) / (machine1.total - noise0.machine.total),
      machineBusyPct: (100 * (machine1.busy - noise0.machine.busy)) / (machine1.total - noise0.machine.total),
      cores,
      pressureStart: noise0.pressure,
      pressureEnd: cpuPressure(),
      minutes: (performance.now() - noise0.wall) / 60_000,
    };
    const afterLoadRss = rssBytes(oblix.child.pid);
    const oblixPeakRss = peakRssBytes(oblix.child.pid);
    const portkeyLoadRss = portkey ? rssBytes(portkey.child.pid) : null;

    // 9. Activation: the extension's own log line from the latest end-to-end run, and the bundle's load time.
    const activation = findActivationLog();
    const loadMs = extensionLoadTimes(5);

    const report = renderReport({
      startedAt,
      command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
      machine,
      build,
      portkeyVersion: portkey ? portkeyVersion : null,
      portkeyInstalled: !PORTKEY || portkeyVersion !== null,
      portkeyProblem,
      portkeyStreamProblem,
      sanityNotes: sanity.notes,
      targets,
      latency,
      streams,
      throughput,
      routing,
      oblixIdleCpuPct,
      oblixIdleWindowS,
      idleRss,
      oblixLoadRss,
      floorLoadRss,
      afterLoadRss,
      oblixPeakRss,
      portkeyLoadRss,
      activation,
      loadMs,
      noise,
    });
    writeFileSync(OUT, report);
    if (OUT === DEFAULT_OUT) writeBlocks(path.join(REPO, 'docs', 'performance.md'), benchBlocks(report));
    console.log(report);
    log(`written to ${path.relative(process.cwd(), OUT)}`);
  } finally {
    await client.close().catch(() => undefined);
    for (const c of children.reverse()) await c.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Phases

function describeMachine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}, load average at start ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')}`;
}

interface BuildInfo {
  extensionBytes: number | null;
  cliBytes: number | null;
  vsixBytes: number | null;
  vsixNote: string;
}

function buildAll(): BuildInfo {
  const size = (f: string): number | null => (existsSync(f) ? statSync(f).size : null);
  let vsixNote = '';
  if (PACKAGE) {
    log('npm run package (esbuild --production, vsce package)');
    try {
      execFileSync('npm', ['run', '--silent', 'package'], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
      vsixNote = 'packaged in this run';
    } catch (err) {
      vsixNote = `npm run package failed in this run (${
        String((err as { stderr?: Buffer }).stderr ?? err)
          .trim()
          .split('\n')[0]
      }); size of the oblix.vsix already there`;
      execFileSync(process.execPath, ['esbuild.js', '--production'], { cwd: REPO, stdio: 'inherit' });
    }
  } else {
    log('node esbuild.js --production');
    execFileSync(process.execPath, ['esbuild.js', '--production'], { cwd: REPO, stdio: 'inherit' });
    vsixNote = 'not packaged in this run (--no-package): size of the oblix.vsix already there';
  }
  return {
    extensionBytes: size(path.join(REPO, 'dist', 'extension.js')),
    cliBytes: size(path.join(REPO, 'dist', 'cli.js')),
    vsixBytes: size(path.join(REPO, 'oblix.vsix')),
    vsixNote,
  };
}

interface Sanity {
  oblixOk: boolean;
  portkeyJsonOk: boolean;
  portkeyJsonError?: string;
  portkeyStreamOk: boolean;
  portkeyStreamError?: string;
  notes: string[];
}

async function checkPaths(client: LoadClient, targets: Record<Name, Target | null>, oblixUrl: string): Promise<Sanity> {
  const notes: string[] = [];
  const check = async (n: Name, stream: boolean): Promise<Outcome | null> => {
    const t = targets[n];
    if (!t) return null;
    const o = await client.send(t, stream);
    if (!o.ok) notes.push(`${n} ${stream ? 'stream' : 'JSON'}: ${o.error}`);
    return o;
  };
  const dj = await check('direct', false);
  const ds = await check('direct', true);
  const oj = await check('oblix', false);
  const os_ = await check('oblix', true);
  const pj = await check('portkey', false);
  let ps: Outcome | null = null;
  for (let i = 0; i < 3 && targets.portkey; i++) ps = await check('portkey', true);
  if (!dj?.ok || !ds?.ok) throw new Error(`The fake upstream does not answer correctly: ${notes.join(' ')}`);
  // Which model and route did `auto` choose?
  const res = await request(`${oblixUrl}/chat/completions`, {
    dispatcher: client.agent,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] }),
  });
  await res.body.text();
  notes.push(`Oblix chose ${String(res.headers['x-oblix-model'])} (${String(res.headers['x-oblix-route'])}).`);
  return {
    oblixOk: Boolean(oj?.ok && os_?.ok),
    portkeyJsonOk: Boolean(pj?.ok),
    portkeyJsonError: pj?.error,
    portkeyStreamOk: Boolean(ps?.ok),
    portkeyStreamError: ps?.error?.replace(/\s+/g, ' ').slice(0, 160),
    notes,
  };
}

/** bench/routing.ts --json in a fresh process: its idle CPU baseline is then that process's alone. */
function measureRoutingApart(idleSeconds: number): Promise<RoutingResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--require', 'tsx/cjs', path.join(REPO, 'bench', 'routing.ts'), '--idle-seconds', String(idleSeconds), '--json'],
      { cwd: REPO, timeout: (idleSeconds * 2 + 120) * 1000 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`bench/routing.ts failed: ${err.message}\n${stderr}`));
        try {
          resolve(JSON.parse(stdout.trim().split('\n').pop()!) as RoutingResult);
        } catch (e) {
          reject(new Error(`bench/routing.ts printed no result: ${String(e)}\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}

function rotate<T>(list: readonly T[], by: number): T[] {
  const k = by % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

/** `count` rounds; each round sends one request to every target in turn, the order rotating. */
async function rounds(
  client: LoadClient,
  targets: Record<Name, Target | null>,
  names: readonly Name[],
  count: number,
  stream: boolean,
): Promise<Partial<Record<Name, LatencySet>>> {
  const out: Partial<Record<Name, LatencySet>> = {};
  for (const n of names) out[n] = { outcomes: [], errors: 0 };
  for (let i = 0; i < count; i++) {
    for (const n of rotate(names, i)) {
      const o = await client.send(targets[n]!, stream);
      const set = out[n]!;
      set.outcomes.push(o);
      if (!o.ok) {
        set.errors++;
        set.firstError ??= o.error;
      }
    }
  }
  return out;
}

function cpuAll(pids: Record<string, number>): Record<string, number> {
  const r: Record<string, number> = {};
  for (const [k, pid] of Object.entries(pids)) r[k] = cpuMs(pid) ?? Number.NaN;
  return r;
}

interface ActivationLog {
  file: string;
  at: string;
  values: number[];
}

/** The newest "Activated in X ms" lines written by the extension in an end-to-end run (test/e2e). */
function findActivationLog(): ActivationLog | null {
  const found: { file: string; mtime: number }[] = [];
  const tmp = os.tmpdir();
  let dirs: string[] = [];
  try {
    dirs = readdirSync(tmp).filter((d) => d.startsWith('oblix-e2e-'));
  } catch {
    return null;
  }
  for (const d of dirs) {
    const logs = path.join(tmp, d, 'data', 'logs');
    const walk = (dir: string, depth: number): void => {
      if (depth > 5) return;
      let entries: import('node:fs').Dirent[] = [];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p, depth + 1);
        else if (e.name === 'Oblix.log') found.push({ file: p, mtime: statSync(p).mtimeMs });
      }
    };
    walk(logs, 0);
  }
  if (found.length === 0) return null;
  found.sort((a, b) => b.mtime - a.mtime);
  const newestRun = path.dirname(path.dirname(path.dirname(found[0]!.file))); // logs/<session>/exthostN/oblix.oblix/Oblix.log
  const values: number[] = [];
  for (const f of found.filter((x) => x.file.startsWith(newestRun)).sort((a, b) => a.mtime - b.mtime)) {
    for (const m of readFileSync(f.file, 'utf8').matchAll(/Activated in ([\d.]+) ms/g)) values.push(Number(m[1]));
  }
  return values.length ? { file: newestRun, at: new Date(found[0]!.mtime).toISOString(), values } : null;
}

/** Loads dist/extension.js in `n` fresh processes (vscode stubbed) and returns each load time. */
function extensionLoadTimes(n: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const out = execFileSync(process.execPath, [path.join(REPO, 'bench', 'extension-load.cjs')], { cwd: REPO, encoding: 'utf8' });
    times.push((JSON.parse(out) as { loadMs: number }).loadMs);
  }
  return times;
}

// ---------------------------------------------------------------------------------------------
// Report

interface Noise {
  /** Share of all cores' time that other processes used while this benchmark measured. */
  othersPct: number;
  machineBusyPct: number;
  cores: number;
  pressureStart: { avg10: number; avg60: number } | null;
  pressureEnd: { avg10: number; avg60: number } | null;
  minutes: number;
}

interface ReportInput {
  /** The command line that produced the report, named in its header. */
  command: string;
  noise: Noise;
  startedAt: Date;
  machine: string;
  build: BuildInfo;
  portkeyVersion: string | null;
  /** False when `npm run bench:setup` has not installed Portkey's gateway (true with --no-portkey: nothing was missing). */
  portkeyInstalled: boolean;
  portkeyProblem: string | null;
  portkeyStreamProblem: string | null;
  sanityNotes: string[];
  targets: Record<Name, Target | null>;
  latency: Partial<Record<Name, LatencySet>>;
  streams: Partial<Record<Name, LatencySet>>;
  throughput: Record<number, Partial<Record<Name, Throughput>>>;
  routing: RoutingResult;
  oblixIdleCpuPct: number;
  oblixIdleWindowS: number;
  idleRss: Record<string, number | null>;
  oblixLoadRss: number | null;
  floorLoadRss: number | null;
  afterLoadRss: number | null;
  oblixPeakRss: number | null;
  portkeyLoadRss: number | null;
  activation: ActivationLog | null;
  loadMs: number[];
}

function okTimes(set: LatencySet | undefined, pick: (o: Outcome) => number): number[] {
  return (set?.outcomes ?? []).filter((o) => o.ok).map(pick);
}

/** Median over rounds of (target − direct) for the same round: noise common to both cancels. */
function pairedAdded(set: LatencySet | undefined, base: LatencySet | undefined, pick: (o: Outcome) => number): number {
  if (!set || !base) return Number.NaN;
  const d: number[] = [];
  for (let i = 0; i < Math.min(set.outcomes.length, base.outcomes.length); i++) {
    const a = set.outcomes[i]!;
    const b = base.outcomes[i]!;
    if (a.ok && b.ok) d.push(pick(a) - pick(b));
  }
  return median(d);
}

const yes = (b: boolean): string => (b ? '**met**' : '**not met**');

function renderReport(r: ReportInput): string {
  const total = (o: Outcome): number => o.totalMs;
  const first = (o: Outcome): number => o.firstByteMs;
  const L = r.latency;
  const p50 = (n: Name): number => median(okTimes(L[n], total));
  const p99 = (n: Name): number => percentile(okTimes(L[n], total), 99);
  const addedP50 = (n: Name): number => p50(n) - p50('direct');
  const paired = (n: Name): number => pairedAdded(L[n], L.direct, total);
  const S = r.streams;
  const sFirst = (n: Name, p: number): number => percentile(okTimes(S[n], first), p);
  const sLast = (n: Name, p: number): number => percentile(okTimes(S[n], total), p);
  const hasPk = r.targets.portkey !== null && L.portkey !== undefined;
  const noPk = r.portkeyInstalled ? 'n/a' : 'not installed';
  const pk = (s: string): string => (hasPk ? s : noPk);
  const rps = (t: Throughput | undefined): number => (t ? (1000 * t.ok) / t.elapsedMs : Number.NaN);
  const cpuPerReq = (t: Throughput | undefined, proc: string): number => (t && t.ok ? (1000 * (t.cpu[proc] ?? Number.NaN)) / t.ok : Number.NaN);
  const errs = (s: LatencySet | undefined): number => s?.errors ?? 0;

  const lines: string[] = [];
  const row = (...cells: string[]): void => void lines.push(`| ${cells.join(' | ')} |`);
  lines.push('# Oblix benchmark results', '');
  lines.push(
    `Produced by \`${r.command}\` (bench/run.ts) on ${r.startedAt.toISOString()}, which writes this whole file: do not edit it by hand, run it again. Numbers from one run on a shared, noisy machine: read the medians and the ratios against the direct baseline of the same run, not the absolute values.`,
    '',
  );
  lines.push(`**Machine:** ${r.machine}.`, '');
  const psi = (p: { avg10: number; avg60: number } | null): string => (p ? `${p.avg10.toFixed(0)} %` : 'n/a');
  lines.push(
    `**Noise during the ${r.noise.minutes.toFixed(1)} minutes of measurement:** the machine's ${r.noise.cores} cores were ${r.noise.machineBusyPct.toFixed(0)} % busy, of which other processes (not this benchmark, its servers or its client) ${r.noise.othersPct.toFixed(1)} % of all cores; CPU pressure (some task waiting for a core, /proc/pressure/cpu avg10) ${psi(r.noise.pressureStart)} at the start, ${psi(r.noise.pressureEnd)} at the end.`,
    '',
  );
  lines.push(
    `**Setup:** every server in its own process, all on 127.0.0.1. *Upstream*: bench/fake-upstream.ts (node:http, answers at once: JSON, or SSE with a role chunk, 3 content chunks, a finish chunk, a usage chunk and \`[DONE]\`). *Oblix*: \`node dist/cli.js serve --port 0 --config <tmp>\` (the production bundle), provider \`fakecloud\` (kind openai, \`local: false\`) at the fake, Ollama at a closed port, requests with \`model: "auto"\` (so each one is planned; it picks \`fakecloud:gpt-4o-mini\`). *Portkey*: \`@portkey-ai/gateway\` ${r.portkeyVersion ?? (r.portkeyInstalled ? '(not running)' : '(not installed)')} (bench/gateway, build/start-server.js, bound to loopback by bench/loopback-only.cjs), \`x-portkey-provider: openai\`, \`x-portkey-custom-host\` = the fake. *Floor*: bench/passthrough.ts, a bare node:http → undici proxy that reads the body, forwards it and pipes the answer back (no parsing, no routing), bundled and run under plain node: what any Node gateway adds on this machine. *Client*: one undici 7 Agent with keep-alive for all four; the same 4-message request body; targets interleaved round by round (order rotating); warm-up first; each answer checked (status, content, \`[DONE]\`) or counted as an error.`,
    '',
  );
  if (r.portkeyProblem) lines.push(`**Portkey:** ${r.portkeyProblem}.`, '');
  if (r.portkeyStreamProblem) lines.push(`**Portkey streams:** ${r.portkeyStreamProblem}. Streams are compared with the direct connection only.`, '');

  const nL = L.direct?.outcomes.length ?? 0;
  const nS = S.direct?.outcomes.length ?? 0;
  lines.push('## Gateways against the direct connection', '');
  row('measure', 'direct', 'Oblix', 'Portkey', 'floor (bare proxy)');
  row('---', '---', '---', '---', '---');
  row(`non-stream latency p50 (${nL} sequential requests each)`, ms(p50('direct')), ms(p50('oblix')), pk(ms(p50('portkey'))), ms(p50('floor')));
  row('non-stream latency p99', ms(p99('direct')), ms(p99('oblix')), pk(ms(p99('portkey'))), ms(p99('floor')));
  row(
    'added p50 latency over direct (p50 − p50 / median of per-round differences)',
    '—',
    `${plusMs(addedP50('oblix'))} / ${plusMs(paired('oblix'))}`,
    pk(`${plusMs(addedP50('portkey'))} / ${plusMs(paired('portkey'))}`),
    `${plusMs(addedP50('floor'))} / ${plusMs(paired('floor'))}`,
  );
  row('errors in the latency run', String(errs(L.direct)), String(errs(L.oblix)), pk(String(errs(L.portkey))), String(errs(L.floor)));
  const sPair = (n: Name, p: number): string => `${ms(sFirst(n, p))}`;
  row(
    `stream time to first byte p50 / p99 (${nS} each)`,
    `${sPair('direct', 50)} / ${sPair('direct', 99)}`,
    `${sPair('oblix', 50)} / ${sPair('oblix', 99)}`,
    r.portkeyStreamProblem ? 'fails (see above)' : noPk,
    `${sPair('floor', 50)} / ${sPair('floor', 99)}`,
  );
  row(
    'stream time to last byte p50 / p99',
    `${ms(sLast('direct', 50))} / ${ms(sLast('direct', 99))}`,
    `${ms(sLast('oblix', 50))} / ${ms(sLast('oblix', 99))}`,
    r.portkeyStreamProblem ? 'fails' : noPk,
    `${ms(sLast('floor', 50))} / ${ms(sLast('floor', 99))}`,
  );
  const sAdded = (n: Name, pick: (o: Outcome) => number, p50f: (n: Name) => number): string => `${plusMs(p50f(n) - p50f('direct'))} / ${plusMs(pairedAdded(S[n], S.direct, pick))}`;
  row(
    'added stream time to first byte, p50 − p50 / paired median',
    '—',
    sAdded('oblix', first, (n) => sFirst(n, 50)),
    '—',
    sAdded('floor', first, (n) => sFirst(n, 50)),
  );
  row(
    'added stream time to last byte, p50 − p50 / paired median',
    '—',
    sAdded('oblix', total, (n) => sLast(n, 50)),
    '—',
    sAdded('floor', total, (n) => sLast(n, 50)),
  );
  row('errors in the stream run', String(errs(S.direct)), String(errs(S.oblix)), '—', String(errs(S.floor)));
  for (const c of CONCURRENCY) {
    const t = r.throughput[c] ?? {};
    const cell = (n: Name): string => {
      const x = t[n];
      if (!x) return 'n/a';
      const share = n === 'direct' ? '' : ` (${pct((100 * rps(x)) / rps(t.direct))} of direct)`;
      return `${rps(x).toFixed(0)} req/s${share}, p50 ${ms(median(x.latencies), 2)}, ${x.errors} errors${x.firstError ? ` (first: ${x.firstError.slice(0, 80)})` : ''}`;
    };
    row(`throughput, ${c} concurrent client${c > 1 ? 's' : ''} (${SECONDS} s each)`, cell('direct'), cell('oblix'), pk(cell('portkey')), cell('floor'));
  }
  const t1 = r.throughput[1] ?? {};
  const added1 = (n: Name): number => median(t1[n]?.latencies ?? []) - median(t1.direct?.latencies ?? []);
  row(
    'added p50 latency at 1 client, closed loop (no other target in between: warm caches and cores)',
    '—',
    plusMs(added1('oblix')),
    pk(plusMs(added1('portkey'))),
    plusMs(added1('floor')),
  );
  const t64 = r.throughput[64] ?? {};
  const cpuCell = (n: Name): string => `${cpuPerReq(t64[n], n).toFixed(0)} µs / ${cpuPerReq(t64[n], 'fake').toFixed(0)} µs`;
  row(
    'server CPU per request at 64 clients (gateway process / fake upstream)',
    `— / ${cpuPerReq(t64.direct, 'fake').toFixed(0)} µs`,
    cpuCell('oblix'),
    pk(cpuCell('portkey')),
    cpuCell('floor'),
  );
  row(
    'resident memory idle (gateway process)',
    `fake upstream ${mb(r.idleRss.fake ?? null)}`,
    mb(r.idleRss.oblix ?? null),
    pk(mb(r.idleRss.portkey ?? null)),
    mb(r.idleRss.floor ?? null),
  );
  row(
    'resident memory under load: max during the 64-client run / after it / peak (VmHWM)',
    '—',
    `${mb(r.oblixLoadRss)} / ${mb(r.afterLoadRss)} / ${mb(r.oblixPeakRss)}`,
    pk(`— / ${mb(r.portkeyLoadRss)} / —`),
    `${mb(r.floorLoadRss)} / — / —`,
  );
  lines.push('');

  const rt = r.routing;
  lines.push('## Oblix alone', '');
  row('measure', 'value', 'how');
  row('---', '---', '---');
  row(
    'routing decision, median (p90)',
    `${rt.decision.medianUs.toFixed(2)} µs (${rt.decision.p90Us.toFixed(2)} µs)`,
    `bench/routing.ts: \`plan()\` for a 4-message request with tools, ${rt.decision.batches} batches × ${rt.decision.perBatch}; chose ${rt.chosen?.id} (${rt.chosen?.reason})`,
  );
  row(
    'CPU of the idle monitors',
    `${(rt.monitoredPct - rt.baselinePct).toFixed(3)} % of one core`,
    `bench/routing.ts: in-process core with connectivity, resources and model-facts monitors (${rt.idleSeconds} s, ${rt.monitoredPct.toFixed(3)} %) minus the same process without them (${rt.idleSeconds / 2} s, ${rt.baselinePct.toFixed(3)} %)`,
  );
  row(
    'CPU of `oblix serve` idle, whole process',
    `${r.oblixIdleCpuPct.toFixed(3)} % of one core`,
    `/proc/PID/stat over ${r.oblixIdleWindowS.toFixed(0)} s before any load (probes of the fake every 30 s, of the closed Ollama port every 4 s, resources every 5 s)`,
  );
  row('`dist/extension.js`', kb(r.build.extensionBytes), 'esbuild --production (minified, every runtime dependency bundled)');
  row('`dist/cli.js`', kb(r.build.cliBytes), 'esbuild --production');
  row('`oblix.vsix`', kb(r.build.vsixBytes), r.build.vsixNote);
  row(
    'extension activation (`activate()` to its return)',
    r.activation ? r.activation.values.map((v) => `${v} ms`).join(', ') : 'not measured here',
    r.activation
      ? `the extension's own log line "Activated in X ms", from the newest end-to-end run found (${r.activation.at}, code-server; one value per window activation); not re-run by this benchmark: \`npm run test:e2e\``
      : 'the extension logs "Activated in X ms" in a real VS Code: run `npm run test:e2e`, whose log this benchmark reads when it exists',
  );
  row(
    'loading `dist/extension.js` before `activate()` (require, median of 5 fresh processes)',
    ms(median(r.loadMs), 1),
    `bench/extension-load.cjs: Node reads, compiles and runs the bundle's top level, \`vscode\` stubbed (${r.loadMs.map((v) => v.toFixed(0)).join(', ')} ms)`,
  );
  lines.push('');

  const addedOblix = paired('oblix');
  const addedPortkey = paired('portkey');
  const ttfbAdded = pairedAdded(S.oblix, S.direct, first);
  const share64 = (100 * rps(t64.oblix)) / rps(t64.direct);
  const loadRss = Math.max(r.oblixLoadRss ?? 0, r.afterLoadRss ?? 0);
  const floorAdded = paired('floor');
  const floorShare64 = (100 * rps(t64.floor)) / rps(t64.direct);
  lines.push('## Targets (issue 6)', '');
  lines.push(
    'The last column is the bare pass-through proxy of the same run: a gateway that does nothing. Where it misses a target too, no Node gateway in its own process reaches that target on this machine.',
    '',
  );
  row('target', 'Oblix', 'verdict', 'floor (bare proxy), same run');
  row('---', '---', '---', '---');
  row(
    'added p50 latency over direct ≤ 0.5 ms',
    `${plusMs(addedOblix)} (interleaved, paired median; p50 − p50: ${plusMs(addedP50('oblix'))}; 1-client closed loop: ${plusMs(added1('oblix'))})`,
    yes(addedOblix <= 0.5),
    `${plusMs(floorAdded)} (closed loop ${plusMs(added1('floor'))})`,
  );
  row(
    "… and at most a third of Portkey's added latency",
    hasPk
      ? `${plusMs(addedOblix)} vs Portkey ${plusMs(addedPortkey)}: ${((100 * addedOblix) / addedPortkey).toFixed(0)} % of it (1-client closed loop: ${((100 * added1('oblix')) / added1('portkey')).toFixed(0)} %)`
      : `Portkey ${r.portkeyInstalled ? 'not measured' : 'not installed'}`,
    hasPk ? yes(addedOblix <= addedPortkey / 3) : noPk,
    hasPk ? `${((100 * floorAdded) / addedPortkey).toFixed(0)} % of Portkey's (closed loop ${((100 * added1('floor')) / added1('portkey')).toFixed(0)} %)` : noPk,
  );
  row('added stream time to first byte ≤ 0.5 ms', `${plusMs(ttfbAdded)} (paired median)`, yes(ttfbAdded <= 0.5), plusMs(pairedAdded(S.floor, S.direct, first)));
  row(
    'throughput at 64 clients ≥ 80 % of direct, zero errors',
    `${pct(share64)} of direct, ${t64.oblix?.errors ?? 'n/a'} errors`,
    yes(share64 >= 80 && (t64.oblix?.errors ?? 1) === 0),
    `${pct(floorShare64)} of direct, ${t64.floor?.errors ?? 'n/a'} errors`,
  );
  row('routing decision ≤ 20 µs median', `${rt.decision.medianUs.toFixed(2)} µs`, yes(rt.decision.medianUs <= 20), '—');
  row(
    'idle monitors ≤ 1 % of one core',
    `${(rt.monitoredPct - rt.baselinePct).toFixed(3)} % (monitors' share); whole idle \`oblix serve\` ${r.oblixIdleCpuPct.toFixed(3)} %`,
    yes(rt.monitoredPct - rt.baselinePct <= 1),
    '—',
  );
  row('`oblix serve` under load ≤ 80 MB resident', `${mb(loadRss)} (peak since start ${mb(r.oblixPeakRss)})`, yes(loadRss > 0 && loadRss <= 80 * 1024 ** 2), mb(r.floorLoadRss));
  lines.push('');
  if (r.sanityNotes.length) lines.push(`Checks before measuring: ${[...new Set(r.sanityNotes)].join(' ')}`, '');
  lines.push(
    'Where the time goes, the client-library alternatives and the floor any gateway pays on this machine: docs/performance/PROFILE.md (`npm run bench:profile`, `npm run bench:compare`).',
    '',
  );
  return lines.join('\n');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
