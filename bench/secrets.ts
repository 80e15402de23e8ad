// The secret scan's cost and false positives. Cost: µs per 10 KB of ordinary code and prose with no
// credential (the common case: every trigger literal is looked for, no rule runs), the same with one
// credential at the end, a 30 KB prompt seen for the first time, and an agent's next turn (30 KB of
// history seen before plus 2 KB new), together with the per-request reading routing already does
// (request-features.ts). False positives: every file of this repository's src/, README.md and docs/,
// each scanned as one prompt part, with the rule that fired. Run: npm run bench:secrets
// `-- --baseline DIR` (a checkout of another commit, with its node_modules) also times that
// checkout's scan on the same 30 KB prompts never seen, interleaved with this one's, and the ratio.
import { loadavg } from 'node:os';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { validateChatRequest } from '../src/core/dialects/openai-chat/parse';
import { requestFeatures } from '../src/core/routing/request-features';
import { secretIn, secretInPrompt } from '../src/core/routing/secret-scan';

const root = join(__dirname, '..');

function files(dir: string, ext: RegExp, out: string[] = []): string[] {
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    const st = statSync(p, { throwIfNoEntry: false });
    if (st?.isDirectory()) files(p, ext, out);
    else if (st && ext.test(e)) out.push(p);
  }
  return out;
}

/**
 * The median wall time of `runs` calls of `f` after a warm-up, and the mean CPU time per call (on a
 * machine shared with other work, the wall time includes waiting for a core; CPU time does not), in µs.
 */
function p50(f: (i: number) => unknown, runs = 2000): string {
  for (let i = 0; i < 300; i++) f(i + runs);
  const t: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f(i);
    t.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  t.sort((a, b) => a - b);
  return `p50 ${(t[Math.floor(runs / 2)]! * 1000).toFixed(1)} µs wall, ${((cpu.user + cpu.system) / runs).toFixed(1)} µs CPU`;
}

/**
 * `n` distinct copies of a text: fresh flat strings, as JSON.parse makes them for every request (a
 * concatenation alone would leave a rope, which V8 copies flat on the first scan: ~17 µs per 30 KB here).
 */
const copies = (text: string, n: number): string[] => Array.from({ length: n }, (_, i) => JSON.parse(JSON.stringify(`${i} ${text}`)) as string);

const sources = files(join(root, 'src'), /\.ts$/).map((p) => readFileSync(p, 'utf8'));
const corpus = sources.join('\n') + readFileSync(join(root, 'README.md'), 'utf8');
const code10k = corpus.slice(0, 10_240);
const code30k = corpus.slice(20_000, 20_000 + 30_720);
const key = 'ghp_' + 'aB3dE6'.repeat(6);

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on this machine (timings grow with it)\n`,
);
const clean = copies(code10k, 64);
const dirty = copies(`${code10k}\n${key}`, 64);
console.log(`scan, 10 KB without a credential: ${p50((i) => secretIn(clean[i % 64]!))}`);
console.log(`scan, 10 KB with a GitHub token:  ${p50((i) => secretIn(dirty[i % 64]!))}`);
// Every run a prompt never seen: the memo of parts (secret-scan.ts) cannot help.
const fresh30 = copies(code30k, 1300).map((text) => validateChatRequest({ model: 'auto', messages: [{ role: 'user', content: text }] }));
console.log(`30 KB prompt never seen, features + scan: ${p50((i) => (requestFeatures(fresh30[i]!).needsTools, secretInPrompt(fresh30[i]!)), 1000)}`);
// An agent's turn: system prompt and history as before (equal strings, but new ones, as JSON.parse
// makes them), and 2 KB never seen.
const system = code30k.slice(0, 16_000);
const history = code30k.slice(16_000, 28_000);
const fresh = (s: string): string => Buffer.from(s).toString();
const RUNS = 1000;
const turns = Array.from({ length: RUNS + 300 }, (_, i) =>
  validateChatRequest({
    model: 'auto',
    messages: [
      { role: 'system', content: fresh(system) },
      { role: 'user', content: 'Fix the failing test.' },
      { role: 'assistant', content: fresh(history) },
      { role: 'user', content: `${i} ${corpus.slice(60_000 + (i % 50) * 100, 62_048 + (i % 50) * 100)}` },
    ],
  }),
);
secretInPrompt(turns[0]!);
console.log(`agent turn, 30 KB of which 28 KB seen before, features + scan: ${p50((i) => (requestFeatures(turns[i]!).needsTools, secretInPrompt(turns[i]!)), RUNS)}`);

const baselineAt = process.argv.indexOf('--baseline');
if (baselineAt > 0) {
  const dir = process.argv[baselineAt + 1]!;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- another checkout's module, chosen at run time
  const base = require(join(dir, 'src/core/routing/secret-scan')) as { secretIn: (text: string) => string | null };
  const n = 1000;
  const texts = copies(code30k, 2 * n + 400);
  for (let i = 0; i < 200; i++) {
    base.secretIn(texts[2 * n + i]!);
    secretIn(texts[2 * n + 200 + i]!);
  }
  const [b, h]: number[][] = [[], []];
  // Interleaved, each call on a text neither has seen: load on the machine hits both alike.
  for (let i = 0; i < n; i++) {
    let t0 = performance.now();
    base.secretIn(texts[2 * i]!);
    b.push(performance.now() - t0);
    t0 = performance.now();
    secretIn(texts[2 * i + 1]!);
    h.push(performance.now() - t0);
  }
  const med = (xs: number[]): number => [...xs].sort((x, y) => x - y)[xs.length >> 1]! * 1000;
  console.log(
    `\nscan of a 30 KB prompt never seen, interleaved, p50: baseline ${dir} ${med(b).toFixed(1)} µs, this checkout ${med(h).toFixed(1)} µs (${(med(b) / med(h)).toFixed(1)}× faster)`,
  );
}

const docs = [join(root, 'README.md'), ...files(join(root, 'docs'), /\.md$/)];
const all = [...files(join(root, 'src'), /\.(ts|js|css|html)$/), ...docs];
let bytes = 0;
const fired: string[] = [];
for (const p of all) {
  const text = readFileSync(p, 'utf8');
  bytes += text.length;
  const rule = secretIn(text);
  if (rule) fired.push(`${relative(root, p)}: ${rule}`);
}
console.log(`\nfalse positives: ${fired.length} of ${all.length} files (src/, README.md, docs/; ${(bytes / 1024).toFixed(0)} KB)`);
for (const f of fired) console.log(`  ${f}`);
