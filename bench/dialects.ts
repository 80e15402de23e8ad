// `npm run bench:dialects`: what each client dialect adds. The same question goes directly to a
// fake OpenAI-compatible upstream (chat completions) and through `oblix serve` as chat completions,
// Anthropic Messages and OpenAI Responses (`model: "auto"`; the last two are translated to chat
// completions towards that upstream), interleaved request by request in a rotating order so machine
// noise hits all alike. Prints medians, each path's paired median over direct, and Messages' and
// Responses' paired median over Oblix's own chat completions. Asserts nothing.
//   npm run build && npm run bench:dialects [-- --rounds 2000]
import { Agent, request } from 'undici';
import { startFakeUpstreamProcess, startOblix, type Child } from './children';
import { FAKE_CONTENT, FAKE_MODEL } from './fake-upstream';
import { median, ms, percentile, plusMs } from './stats';

const i = process.argv.indexOf('--rounds');
const ROUNDS = i >= 0 && Number(process.argv[i + 1]) > 0 ? Number(process.argv[i + 1]) : 2000;
const WARMUP = Math.min(200, ROUNDS);
const agent = new Agent({ connections: 4, keepAliveTimeout: 60_000 });
const ASK = 'Say hello.';

interface Path {
  name: string;
  url: string;
  body: (stream: boolean) => unknown;
}

interface Sample {
  firstByteMs: number;
  totalMs: number;
}

async function send(p: Path, stream: boolean): Promise<Sample> {
  const t0 = performance.now();
  const res = await request(p.url, { dispatcher: agent, method: 'POST', headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' }, body: JSON.stringify(p.body(stream)) });
  let text = '';
  let firstByteMs = Number.NaN;
  res.body.setEncoding('utf8');
  for await (const chunk of res.body as AsyncIterable<string>) {
    if (text === '') firstByteMs = performance.now() - t0;
    text += chunk;
  }
  const totalMs = performance.now() - t0;
  if (res.statusCode !== 200 || !text.includes(FAKE_CONTENT[FAKE_CONTENT.length - 1]!)) throw new Error(`${p.name}: bad answer (${res.statusCode}): ${text.slice(0, 300)}`);
  return { firstByteMs, totalMs };
}

async function main(): Promise<void> {
  const children: Child[] = [];
  try {
    const upstream = await startFakeUpstreamProcess();
    children.push(upstream.child);
    const oblix = await startOblix(upstream.url);
    children.push(oblix.child);
    const v1 = oblix.url.replace(/\/v1$/, '') + '/v1';
    const paths: Path[] = [
      { name: 'direct', url: `${upstream.url}/chat/completions`, body: (stream) => ({ model: FAKE_MODEL, stream, messages: [{ role: 'user', content: ASK }] }) },
      { name: 'Oblix chat completions', url: `${v1}/chat/completions`, body: (stream) => ({ model: 'auto', stream, messages: [{ role: 'user', content: ASK }] }) },
      { name: 'Oblix Messages', url: `${v1}/messages`, body: (stream) => ({ model: 'auto', stream, max_tokens: 256, messages: [{ role: 'user', content: ASK }] }) },
      { name: 'Oblix Responses', url: `${v1}/responses`, body: (stream) => ({ model: 'auto', stream, input: ASK }) },
    ];
    const lines = [`| measure (${ROUNDS} rounds, interleaved) | p50 (p99) | added over direct (paired median) | added over Oblix chat completions (paired median) |`, '| --- | --- | --- | --- |'];
    for (const stream of [false, true]) {
      const samples: Sample[][] = paths.map(() => []);
      for (let r = 0; r < WARMUP + ROUNDS; r++) {
        for (let k = 0; k < paths.length; k++) {
          const t = (r + k) % paths.length; // rotate who goes first
          const s = await send(paths[t]!, stream);
          if (r >= WARMUP) samples[t]!.push(s);
        }
      }
      for (const key of stream ? (['firstByteMs', 'totalMs'] as const) : (['totalMs'] as const)) {
        const col = samples.map((list) => list.map((s) => s[key]));
        paths.forEach((p, t) => {
          const v = col[t]!;
          const overDirect = t === 0 ? '—' : plusMs(median(v.map((x, j) => x - col[0]![j]!)));
          const overChat = t < 2 ? '—' : plusMs(median(v.map((x, j) => x - col[1]![j]!)));
          lines.push(`| ${p.name}, ${stream ? 'stream' : 'non-stream'} ${key === 'totalMs' ? 'total' : 'first byte'} | ${ms(median(v))} (${ms(percentile(v, 99))}) | ${overDirect} | ${overChat} |`);
        });
      }
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
