// How much does the client library cost Oblix on each upstream call? Oblix's OpenAI provider calls
// the `openai` SDK (`chat.completions.create({ stream: true })`, iterate, then abort the
// controller), which runs on Node's built-in fetch. This measures that call and its alternatives
// against the same fake upstream (its own process, loopback, answers at once), in this process:
// client-side CPU per request and sequential latency, variants interleaved batch by batch.
// Every variant reads the whole stream and extracts the content, as the provider does.
//   npm run bench:clients [-- --batches 10 --per-batch 200]
import * as http from 'node:http';
import OpenAI from 'openai';
import { Agent, fetch as undiciFetch, request as undiciRequest } from 'undici';
import { startFakeUpstreamProcess } from './children';
import { FAKE_CONTENT, FAKE_MODEL } from './fake-upstream';
import { median, percentile } from './stats';

const opt = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const BATCHES = opt('batches', 10);
const PER_BATCH = opt('per-batch', 200);
const EXPECTED = FAKE_CONTENT.join('');

const MESSAGES = [
  { role: 'system' as const, content: 'You are a careful coding assistant. Answer briefly.' },
  { role: 'user' as const, content: 'What does this function do?\n```ts\nexport const add = (a: number, b: number): number => a + b;\n```' },
  { role: 'assistant' as const, content: 'It adds two numbers.' },
  { role: 'user' as const, content: 'Write a test for it.' },
];
const streamParams = { model: FAKE_MODEL, messages: MESSAGES, temperature: 0.2, stream: true as const, stream_options: { include_usage: true } };
const streamBody = JSON.stringify(streamParams);

/** Minimal SSE reading: `data:` events separated by blank lines, `[DONE]` ends; content deltas joined. */
class SseText {
  private buf = '';
  text = '';
  done = false;
  push(chunk: string): void {
    this.buf += chunk;
    let end: number;
    while ((end = this.buf.indexOf('\n\n')) >= 0) {
      const event = this.buf.slice(0, end);
      this.buf = this.buf.slice(end + 2);
      for (const line of event.split('\n')) {
        if (!line.startsWith('data:')) continue;
        const data = line.slice(5).trim();
        if (data === '[DONE]') {
          this.done = true;
          continue;
        }
        const c = JSON.parse(data) as { choices?: { delta?: { content?: string } }[] };
        for (const ch of c.choices ?? []) if (ch.delta?.content) this.text += ch.delta.content;
      }
    }
  }
}

type Variant = { name: string; note: string; run(): Promise<string> };

function variants(baseURL: string): Variant[] {
  const url = `${baseURL}/chat/completions`;
  const sdk = new OpenAI({ baseURL, apiKey: 'x', maxRetries: 0 });
  const agent7 = new Agent({ connections: 16, keepAliveTimeout: 60_000 });
  const sdkUndici7 = new OpenAI({ baseURL, apiKey: 'x', maxRetries: 0, fetch: undiciFetch as unknown as typeof fetch, fetchOptions: { dispatcher: agent7 } as unknown as NonNullable<ConstructorParameters<typeof OpenAI>[0]>['fetchOptions'] });
  // fetch clones the request (tee of its body stream) unless redirect is 'error' (fetch spec, HTTP-network-or-cache fetch step 1).
  const sdkNoRedirect = new OpenAI({ baseURL, apiKey: 'x', maxRetries: 0, fetchOptions: { redirect: 'error' } });
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const headers = { 'content-type': 'application/json', authorization: 'Bearer x' };

  // What OpenAIProvider.chat does today (src/core/providers/openai/openai.ts).
  const sdkAsOblix = async (client: OpenAI): Promise<string> => {
    const signal = new AbortController().signal;
    const stream = await client.chat.completions.create(streamParams, { signal });
    let text = '';
    try {
      for await (const chunk of stream) for (const c of chunk.choices ?? []) if (c.delta?.content) text += c.delta.content;
    } finally {
      stream.controller.abort();
    }
    return text;
  };

  return [
    { name: 'openai SDK, stream (as Oblix today)', note: "Node's built-in fetch; iterate; controller.abort() at the end", run: () => sdkAsOblix(sdk) },
    {
      name: 'openai SDK, stream, no abort at the end',
      note: 'the same without the final controller.abort()',
      run: async () => {
        const stream = await sdk.chat.completions.create(streamParams, { signal: new AbortController().signal });
        let text = '';
        for await (const chunk of stream) for (const c of chunk.choices ?? []) if (c.delta?.content) text += c.delta.content;
        return text;
      },
    },
    { name: "openai SDK, stream, fetchOptions { redirect: 'error' }", note: 'spares fetch its request clone (a tee of the body stream)', run: () => sdkAsOblix(sdkNoRedirect) },
    {
      name: "openai SDK, stream, redirect 'error' and no abort at the end",
      note: 'both changes that keep the SDK',
      run: async () => {
        const stream = await sdkNoRedirect.chat.completions.create(streamParams, { signal: new AbortController().signal });
        let text = '';
        for await (const chunk of stream) for (const c of chunk.choices ?? []) if (c.delta?.content) text += c.delta.content;
        return text;
      },
    },
    { name: 'openai SDK, stream, fetch = undici 7 (keep-alive Agent)', note: 'client option `fetch` + `fetchOptions.dispatcher`', run: () => sdkAsOblix(sdkUndici7) },
    {
      name: 'openai SDK .asResponse(), own SSE reading',
      note: "the SDK builds and sends the request; Oblix reads the body (web stream) itself",
      run: async () => {
        const res = await sdk.chat.completions.create(streamParams, { signal: new AbortController().signal }).asResponse();
        const sse = new SseText();
        const decoder = new TextDecoder();
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) sse.push(decoder.decode(chunk, { stream: true }));
        return sse.text;
      },
    },
    {
      name: 'openai SDK, non-stream upstream call',
      note: 'for a non-stream client request: one JSON body instead of SSE',
      run: async () => {
        const r = await sdk.chat.completions.create({ ...streamParams, stream: false, stream_options: undefined }, { signal: new AbortController().signal });
        return r.choices[0]?.message.content ?? '';
      },
    },
    {
      name: "raw fetch (Node's built-in undici 6), own SSE reading",
      note: 'global fetch, keep-alive by default',
      run: async () => {
        const res = await fetch(url, { method: 'POST', headers, body: streamBody, signal: new AbortController().signal });
        const sse = new SseText();
        const decoder = new TextDecoder();
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) sse.push(decoder.decode(chunk, { stream: true }));
        return sse.text;
      },
    },
    {
      name: "raw fetch, redirect 'error', own SSE reading",
      note: 'the same, without the request clone',
      run: async () => {
        const res = await fetch(url, { method: 'POST', headers, body: streamBody, redirect: 'error', signal: new AbortController().signal });
        const sse = new SseText();
        const decoder = new TextDecoder();
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) sse.push(decoder.decode(chunk, { stream: true }));
        return sse.text;
      },
    },
    {
      name: 'undici 7 request(), own SSE reading',
      note: 'npm undici, keep-alive Agent, Node stream body',
      run: async () => {
        const res = await undiciRequest(url, { dispatcher: agent7, method: 'POST', headers, body: streamBody, signal: new AbortController().signal });
        const sse = new SseText();
        res.body.setEncoding('utf8');
        for await (const chunk of res.body as AsyncIterable<string>) sse.push(chunk);
        return sse.text;
      },
    },
    {
      name: 'node:http request, keep-alive Agent, own SSE reading',
      note: 'no dependency at all',
      run: () =>
        new Promise<string>((resolve, reject) => {
          const req = http.request(url, { method: 'POST', agent: httpAgent, headers: { ...headers, 'content-length': Buffer.byteLength(streamBody) }, signal: new AbortController().signal }, (res) => {
            const sse = new SseText();
            res.setEncoding('utf8');
            res.on('data', (c: string) => sse.push(c));
            res.on('end', () => resolve(sse.text));
            res.on('error', reject);
          });
          req.on('error', reject);
          req.end(streamBody);
        }),
    },
  ];
}

async function main(): Promise<void> {
  const fake = await startFakeUpstreamProcess();
  try {
    const vs = variants(fake.url);
    for (const v of vs) {
      const t = await v.run();
      if (t !== EXPECTED) throw new Error(`${v.name}: got ${JSON.stringify(t)}`);
      for (let i = 0; i < 300; i++) await v.run(); // warm-up
    }
    const lat = new Map<string, number[]>(vs.map((v) => [v.name, []]));
    const cpu = new Map<string, number>(vs.map((v) => [v.name, 0]));
    for (let b = 0; b < BATCHES; b++) {
      for (let k = 0; k < vs.length; k++) {
        const v = vs[(b + k) % vs.length]!;
        const c0 = process.cpuUsage();
        for (let i = 0; i < PER_BATCH; i++) {
          const t0 = performance.now();
          await v.run();
          lat.get(v.name)!.push(performance.now() - t0);
        }
        const c = process.cpuUsage(c0);
        cpu.set(v.name, cpu.get(v.name)! + c.user + c.system);
      }
    }
    const n = BATCHES * PER_BATCH;
    const base = cpu.get(vs[0]!.name)! / n;
    console.log(`## Upstream client alternatives (${n} sequential requests each, ${BATCHES} interleaved batches; client process only)`, '');
    console.log('| client | CPU per request | vs today | latency p50 | p99 | how |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const v of vs) {
      const l = lat.get(v.name)!;
      const perReq = cpu.get(v.name)! / n;
      console.log(`| ${v.name} | ${perReq.toFixed(0)} µs | ${((100 * perReq) / base).toFixed(0)} % | ${median(l).toFixed(3)} ms | ${percentile(l, 99).toFixed(3)} ms | ${v.note} |`);
    }
  } finally {
    await fake.child.stop();
  }
  process.exit(0); // keep-alive sockets of the SDK's fetch would hold the loop open
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
