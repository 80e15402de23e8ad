// A fake OpenAI-compatible upstream for benchmarks: node:http on loopback, answering at once.
// POST /v1/chat/completions answers JSON, or SSE (role chunk, three content chunks, finish chunk,
// usage chunk when asked, [DONE]); GET /v1/models lists one model. No faults, no recording: the
// test fakes (test/fakes/) do more per request than a benchmark baseline should.
//   node --require tsx/cjs bench/fake-upstream.ts   → prints "fake upstream on http://127.0.0.1:PORT/v1"
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_MODEL = 'gpt-4o-mini';
export const FAKE_CONTENT = ['Hello', ' from', ' the fake.'];

let seq = 0;

function completion(model: string): string {
  return JSON.stringify({
    id: `chatcmpl-bench${++seq}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    system_fingerprint: 'fp_bench',
    choices: [{ index: 0, message: { role: 'assistant', content: FAKE_CONTENT.join(''), refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: 30, completion_tokens: 3, total_tokens: 33 },
  });
}

function sse(res: http.ServerResponse, model: string, includeUsage: boolean): void {
  const head = { id: `chatcmpl-bench${++seq}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model, system_fingerprint: 'fp_bench' };
  const extra = includeUsage ? { usage: null } : {};
  const send = (choices: unknown[], more: Record<string, unknown> = extra): void => void res.write(`data: ${JSON.stringify({ ...head, choices, ...more })}\n\n`);
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  send([{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }]);
  for (const t of FAKE_CONTENT) send([{ index: 0, delta: { content: t }, logprobs: null, finish_reason: null }]);
  send([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }]);
  if (includeUsage) send([], { usage: { prompt_tokens: 30, completion_tokens: 3, total_tokens: 33 } });
  res.end('data: [DONE]\n\n');
}

/** Legacy /v1/completions (autocomplete): `text_completion` objects, the same three tokens. */
function textCompletion(model: string): string {
  const choices = [{ text: FAKE_CONTENT.join(''), index: 0, logprobs: null, finish_reason: 'stop' }];
  return JSON.stringify({
    id: `cmpl-bench${++seq}`,
    object: 'text_completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices,
    usage: { prompt_tokens: 30, completion_tokens: 3, total_tokens: 33 },
  });
}

function textSse(res: http.ServerResponse, model: string): void {
  const head = { id: `cmpl-bench${++seq}`, object: 'text_completion', created: Math.floor(Date.now() / 1000), model };
  const send = (text: string, finish: string | null): void =>
    void res.write(`data: ${JSON.stringify({ ...head, choices: [{ text, index: 0, logprobs: null, finish_reason: finish }] })}\n\n`);
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  for (const t of FAKE_CONTENT) send(t, null);
  send('', 'stop');
  res.end('data: [DONE]\n\n');
}

function handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method === 'GET' && path === '/v1/models') {
    const text = JSON.stringify({ object: 'list', data: [{ id: FAKE_MODEL, object: 'model', created: 1700000000, owned_by: 'bench' }] });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
    return;
  }
  if (req.method !== 'POST' || (path !== '/v1/chat/completions' && path !== '/v1/completions')) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: `no route ${req.method} ${path}`, type: 'invalid_request_error', param: null, code: null } }));
    return;
  }
  let parsed: { model?: unknown; stream?: unknown; stream_options?: { include_usage?: unknown } };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: 'invalid JSON', type: 'invalid_request_error', param: null, code: null } }));
    return;
  }
  const model = typeof parsed.model === 'string' ? parsed.model : FAKE_MODEL;
  const legacy = path === '/v1/completions';
  if (parsed.stream === true) return legacy ? textSse(res, model) : sse(res, model, parsed.stream_options?.include_usage === true);
  const text = legacy ? textCompletion(model) : completion(model);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export interface FakeUpstream {
  /** `http://127.0.0.1:PORT/v1` */
  url: string;
  port: number;
  close(): Promise<void>;
}

export function startFakeUpstream(port = 0): Promise<FakeUpstream> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => handle(req, res, body));
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const p = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${p}/v1`,
        port: p,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

if (require.main === module) {
  void startFakeUpstream(Number(process.env.PORT ?? 0)).then((f) => {
    console.log(`fake upstream on ${f.url}`);
    const stop = (): void => void f.close().then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
