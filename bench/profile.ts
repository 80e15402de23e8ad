// Where does Oblix's added latency go? Runs `oblix serve` (the CLI bundled like dist/cli.js, but
// not minified, so functions keep their names) under `node --cpu-prof` against the fake upstream,
// sends non-stream (or, with --stream, stream) requests with `model: "auto"` for a while, then
// reads the profile: self time by module (Oblix's files, each bundled package, Node's internals)
// and the top functions. Prints Markdown; asserts nothing.
//   npm run bench:profile [-- --seconds 10 --concurrency 1 --stream --keep]
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startFakeUpstreamProcess, startOblix, REPO, type Child } from './children';
import { LoadClient } from './client';

const argv = process.argv;
const opt = (name: string, fallback: number): number => {
  const i = argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const SECONDS = opt('seconds', 10);
const CONCURRENCY = opt('concurrency', 1);
const STREAM = argv.includes('--stream');
const KEEP = argv.includes('--keep');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'oblix-profile-'));
  const cli = path.join(dir, 'cli.js');
  await build({
    entryPoints: [path.join(REPO, 'src', 'cli', 'main.ts')],
    outfile: cli,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: false,
    logLevel: 'warning',
  });
  const modules = moduleMap(readFileSync(cli, 'utf8'));

  const children: Child[] = [];
  const client = new LoadClient();
  let requests = 0;
  let errors = 0;
  try {
    const fake = await startFakeUpstreamProcess();
    children.push(fake.child);
    const profArgs = ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=100'];
    const oblix = await startOblix(fake.url, { cli, nodeArgs: profArgs });
    children.push(oblix.child);
    const target = { name: 'oblix', url: `${oblix.url}/chat/completions`, model: 'auto', headers: {} };
    await client.closedLoop(target, CONCURRENCY, 2_000, STREAM); // warm-up (in the profile too, a small share)
    console.error(`[profile] ${STREAM ? 'stream' : 'non-stream'} requests, ${CONCURRENCY} client(s), ${SECONDS} s`);
    const r = await client.closedLoop(target, CONCURRENCY, SECONDS * 1000, STREAM);
    requests = r.ok;
    errors = r.errors;
    await client.close();
    await oblix.child.stop(); // SIGTERM: `oblix serve` exits cleanly and Node writes the profile
  } finally {
    for (const c of children.reverse()) await c.stop();
  }

  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile was written in ${dir}`);
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
  console.log(render(profile, modules, requests, errors));
  if (KEEP) console.error(`[profile] kept ${path.join(dir, file)} (open it in Chrome DevTools) and ${cli}`);
  else rmSync(dir, { recursive: true, force: true });
}

/** esbuild (not minified) marks each bundled module with a `// path` comment line: line → module. */
function moduleMap(source: string): (line: number) => string {
  const starts: { line: number; module: string }[] = [];
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^\/\/ ((?:node_modules|src)\/\S+)$/.exec(lines[i]!);
    if (m) starts.push({ line: i, module: m[1]! });
  }
  return (line: number): string => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = '(bundle preamble)';
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]!.line <= line) {
        found = starts[mid]!.module;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

/** A module's group: an Oblix file, a bundled package, or a part of Node. */
function groupOf(url: string, line: number, modules: (line: number) => string): { group: string; module: string } {
  if (url === '') return { group: '(V8 and native code, by function below)', module: '' };
  if (url.startsWith('node:internal/deps/undici')) return { group: "Node's built-in fetch (undici 6, node:internal/deps/undici)", module: url };
  if (url.startsWith('node:internal/webstreams')) return { group: 'Node web streams (ReadableStream, TextDecoderStream)', module: url };
  if (url.startsWith('node:')) return { group: `Node core: ${url.replace(/^node:(internal\/)?/, '').split('/')[0]}`, module: url };
  if (url.endsWith('cli.js')) {
    const module = modules(line);
    const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(module);
    if (pkg) return { group: `package ${pkg[1]}`, module };
    return { group: `oblix ${module.replace(/^src\/core\//, '').replace(/^src\//, '')}`, module };
  }
  return { group: url, module: url };
}

/** Broad kinds of work, for the summary. */
function categoryOf(group: string): string {
  if (group === 'package openai') return '`openai` SDK (request building, SSE decoding, its Stream)';
  if (group.startsWith("Node's built-in fetch") || group.startsWith('Node web streams') || group.startsWith('wasm://') || group === 'package undici')
    return 'HTTP client: fetch / undici, web streams, llhttp (wasm)';
  if (/Node core: (abort_controller|per_context|worker|event_target)$/.test(group)) return 'AbortController / AbortSignal / DOMException (Node 20 makes them costly)';
  if (group.startsWith('native socket writes')) return 'socket write system calls (writev)';
  if (group === 'V8/native: (garbage collector)') return 'garbage collection';
  if (group.startsWith('oblix ')) return "Oblix's own code (src/)";
  if (group === 'Node core: crypto') return 'random bytes (crypto: response ids, SDK idempotency keys)';
  if (/Node core: (_http_\w+|net|stream_base_commons|streams|events|buffer|http)$/.test(group)) return 'Node http server, sockets, streams, events';
  return 'other (microtasks, timers, V8 runtime, JSON, url...)';
}

function render(p: CpuProfile, modules: (line: number) => string, requests: number, errors: number): string {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  // Only the measured window: the last SECONDS s before the process was stopped (start-up, module
  // loading and the warm-up stay out, so per-request figures divide the right work).
  const stamps: number[] = [];
  let t = p.startTime;
  for (const d of p.timeDeltas) stamps.push((t += d));
  const from = (stamps[stamps.length - 1] ?? p.endTime) - SECONDS * 1e6;
  const selfUs = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) if (stamps[i]! >= from) selfUs.set(p.samples[i]!, (selfUs.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i] ?? 0));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  let idle = 0;
  let total = 0;
  const groups = new Map<string, number>();
  const funcs = new Map<string, { us: number; group: string }>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!;
    const { functionName, url, lineNumber } = n.callFrame;
    total += us;
    if (functionName === '(idle)') {
      idle += us;
      continue;
    }
    const g = groupOf(url, lineNumber, modules);
    const group = url === '' ? (/^write/.test(functionName) ? 'native socket writes (writev, writeUtf8String...)' : `V8/native: ${functionName}`) : g.group;
    groups.set(group, (groups.get(group) ?? 0) + us);
    const key = `${functionName || '(anonymous)'} — ${g.module ? `${g.module}${url.endsWith('cli.js') ? '' : `:${lineNumber + 1}`}` : functionName}`;
    const f = funcs.get(key) ?? { us: 0, group };
    f.us += us;
    funcs.set(key, f);
  }

  const where = (n: ProfileNode): string => (n.callFrame.url.endsWith('cli.js') ? modules(n.callFrame.lineNumber) : n.callFrame.url);
  // Inclusive time of a few landmarks on the request path (each sample counted once per landmark).
  const landmarks: [string, (n: ProfileNode) => boolean][] = [
    ['handleChat (read body → validate → route → respond)', (n) => n.callFrame.functionName === 'handleChat'],
    ['readJsonBody', (n) => n.callFrame.functionName === 'readJsonBody'],
    ['validateChatRequest', (n) => n.callFrame.functionName === 'validateChatRequest'],
    ['Oblix.plan (routing decision)', (n) => n.callFrame.functionName === 'plan' && where(n).includes('oblix.ts')],
    ['OpenAIProvider.chat (the upstream call and its stream)', (n) => n.callFrame.functionName === 'chat' && where(n).includes('providers/openai/openai.ts')],
    ['native socket writes (writev, writeUtf8String, writeBuffer)', (n) => n.callFrame.url === '' && /^write/.test(n.callFrame.functionName)],
    ['Completions.create (openai SDK)', (n) => n.callFrame.functionName === 'create' && where(n).includes('resources/chat/completions')],
    ['fetch (Node built-in undici)', (n) => n.callFrame.url.startsWith('node:internal/deps/undici') && n.callFrame.functionName === 'fetch'],
    ['sendJson (response body)', (n) => n.callFrame.functionName === 'sendJson'],
    ['SseWriter.data', (n) => n.callFrame.functionName === 'data' && where(n).includes('sse.ts')],
    ['JSON.stringify (anywhere)', (n) => n.callFrame.functionName === 'stringify' && n.callFrame.url === ''],
    ['JSON.parse (anywhere)', (n) => n.callFrame.functionName === 'parse' && n.callFrame.url === ''],
  ];
  const inclusive = landmarks.map(([name, match]) => {
    let us = 0;
    for (const [id, s] of selfUs) {
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        if (match(byId.get(cur)!)) {
          us += s;
          break;
        }
      }
    }
    return { name, us };
  });

  const categories = new Map<string, number>();
  for (const [g, us] of groups) categories.set(categoryOf(g), (categories.get(categoryOf(g)) ?? 0) + us);
  const busy = total - idle;
  const perReq = (us: number): string => (requests ? `${(us / requests).toFixed(1)} µs` : 'n/a');
  const share = (us: number): string => `${((100 * us) / busy).toFixed(1)} %`;
  const out: string[] = [];
  out.push(`## Profile of \`oblix serve\` (dist/cli.js, not minified): ${STREAM ? 'stream' : 'non-stream'}, ${CONCURRENCY} client(s), ${SECONDS} s`, '');
  out.push(
    `${requests} requests (${errors} errors) after a 2 s warm-up; in the last ${SECONDS} s of the profile, busy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms sampled = ${perReq(busy)} per request. V8's profiler samples the thread's wall clock: time inside a system call (writev) counts even while the kernel has switched to the receiving process.`,
    '',
  );
  out.push('### Summary: self time by kind of work', '', '| kind of work | self time | share of busy | per request |', '| --- | --- | --- | --- |');
  for (const [c, us] of [...categories].sort((a, b) => b[1] - a[1])) out.push(`| ${c} | ${(us / 1000).toFixed(0)} ms | ${share(us)} | ${perReq(us)} |`);
  out.push('', '### Self time by where the code lives', '', '| where | self time | share of busy | per request |', '| --- | --- | --- | --- |');
  for (const [g, us] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 22)) out.push(`| ${g} | ${(us / 1000).toFixed(0)} ms | ${share(us)} | ${perReq(us)} |`);
  out.push(
    '',
    '### Landmarks on the request path (synchronous part only)',
    '',
    'Inclusive time of samples under each frame. Code after an `await` runs from the microtask queue and is counted under its own frames, not under the async function that awaited: these are lower bounds.',
    '',
    '| landmark | inclusive | share of busy | per request |',
    '| --- | --- | --- | --- |',
  );
  for (const l of inclusive) out.push(`| ${l.name} | ${(l.us / 1000).toFixed(0)} ms | ${share(l.us)} | ${perReq(l.us)} |`);
  out.push('', '### Top functions by self time', '', '| function — module | self | share |', '| --- | --- | --- |');
  for (const [k, f] of [...funcs].sort((a, b) => b[1].us - a[1].us).slice(0, 30)) out.push(`| ${k.replace(/\|/g, '\\|')} | ${(f.us / 1000).toFixed(1)} ms | ${share(f.us)} |`);
  out.push('');
  return out.join('\n');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
