// `npm run bench:completions`: the latency Oblix adds to autocomplete. The same legacy
// /v1/completions requests (a FIM-style prompt with a suffix) go directly to a fake
// OpenAI-compatible upstream and through `oblix serve` (`model: "auto"`, the completion role
// naming that upstream), interleaved request by request, alternating which goes first, so machine
// noise hits both alike. Prints medians and the paired median of the difference. Asserts nothing.
//   npm run build && npm run bench:completions [-- --rounds 2000]
import { Agent, request } from 'undici';
import { startFakeUpstreamProcess, startOblix, type Child } from './children';
import { FAKE_CONTENT, FAKE_MODEL } from './fake-upstream';
import { median, ms, percentile, plusMs } from './stats';

const i = process.argv.indexOf('--rounds');
const ROUNDS = i >= 0 && Number(process.argv[i + 1]) > 0 ? Number(process.argv[i + 1]) : 2000;
const WARMUP = Math.min(200, ROUNDS);
const agent = new Agent({ connections: 4, keepAliveTimeout: 60_000 });

interface Sample {
  firstByteMs: number;
  totalMs: number;
}

async function send(url: string, model: string, stream: boolean): Promise<Sample> {
  const body = JSON.stringify({ model, prompt: 'def add(a, b):\n    ', suffix: '\n\nprint(add(1, 2))\n', max_tokens: 64, temperature: 0.2, stream });
  const t0 = performance.now();
  const res = await request(`${url}/completions`, { dispatcher: agent, method: 'POST', headers: { 'content-type': 'application/json' }, body });
  let text = '';
  let firstByteMs = Number.NaN;
  res.body.setEncoding('utf8');
  for await (const chunk of res.body as AsyncIterable<string>) {
    if (text === '') firstByteMs = performance.now() - t0;
    text += chunk;
  }
  const totalMs = performance.now() - t0;
  if (res.statusCode !== 200 || !text.includes(FAKE_CONTENT[FAKE_CONTENT.length - 1]!)) throw new Error(`bad answer (${res.statusCode}): ${text.slice(0, 200)}`);
  return { firstByteMs, totalMs };
}

async function main(): Promise<void> {
  const children: Child[] = [];
  try {
    const upstream = await startFakeUpstreamProcess();
    children.push(upstream.child);
    const oblix = await startOblix(upstream.url, { config: { roles: { completion: [`fakecloud:${FAKE_MODEL}`] } } });
    children.push(oblix.child);
    const targets = [{ name: 'direct', url: upstream.url, model: FAKE_MODEL }, { name: 'oblix', url: oblix.url, model: 'auto' }];
    const lines = [`| measure (${ROUNDS} interleaved rounds) | direct | Oblix | added (paired median) |`, '| --- | --- | --- | --- |'];
    for (const stream of [false, true]) {
      const samples: Sample[][] = [[], []];
      for (let r = 0; r < WARMUP + ROUNDS; r++) {
        const order = r % 2 === 0 ? [0, 1] : [1, 0];
        for (const t of order) {
          const s = await send(targets[t]!.url, targets[t]!.model, stream);
          if (r >= WARMUP) samples[t]!.push(s);
        }
      }
      const pick = (k: keyof Sample): void => {
        const [d, o] = [samples[0]!.map((s) => s[k]), samples[1]!.map((s) => s[k])];
        const diff = median(o.map((v, j) => v - d[j]!));
        const label = `${stream ? 'stream' : 'non-stream'} ${k === 'totalMs' ? 'total' : 'first byte'} p50 (p99)`;
        lines.push(`| ${label} | ${ms(median(d))} (${ms(percentile(d, 99))}) | ${ms(median(o))} (${ms(percentile(o, 99))}) | ${plusMs(diff)} |`);
      };
      if (stream) pick('firstByteMs');
      pick('totalMs');
    }
    console.log(lines.join('\n'));
  } finally {
    await agent.close();
    await Promise.all(children.map((c) => c.stop()));
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
