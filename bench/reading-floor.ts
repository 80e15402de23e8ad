// The reading floor: the least a gateway does that reads what it forwards, the way Oblix must to
// route by need. It parses the request, asks the upstream for a stream (as Oblix does, to time the
// first token), parses each SSE event, and answers one JSON body, or, to a stream request, each
// event serialised again. No validation, routing, timers,
// ledger or headers of its own. bench/passthrough.ts is the floor without the reading; the gap
// between the two is what reading alone costs, before any decision is made.
// bench/children.ts bundles it for `npm run bench:compare -- --floor`; `node reading-floor.js UPSTREAM_URL`
// prints its address.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';

interface Chunk {
  id: string;
  created: number;
  model: string;
  choices: { index: number; delta: { content?: string | null }; finish_reason: string | null }[];
  usage?: unknown;
}

async function readingFloor(upstream: string): Promise<string> {
  const agent = new Agent({ connections: 256, keepAliveTimeout: 60_000 });
  const target = `${upstream}/chat/completions`;
  const fail = (res: http.ServerResponse, err: unknown): void => {
    if (res.headersSent) return void res.destroy();
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: String(err) } }));
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch (err) {
        return fail(res, err);
      }
      const streamed = body.stream === true;
      body.stream = true;
      body.stream_options = { include_usage: true };
      const headers = { 'content-type': 'application/json', authorization: 'Bearer x' };
      request(target, { dispatcher: agent, method: 'POST', headers, body: JSON.stringify(body) })
        .then(async (up) => {
          let buf = '';
          let content = '';
          let last: Chunk | null = null;
          let finish: string | null = null;
          let usage: unknown = null;
          if (streamed) res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
          up.body.setEncoding('utf8');
          for await (const text of up.body) {
            buf += text as string;
            for (let end = buf.indexOf('\n\n'); end >= 0; end = buf.indexOf('\n\n')) {
              const data = buf.slice(6, end); // after "data: "
              buf = buf.slice(end + 2);
              if (data === '[DONE]') continue;
              const chunk = JSON.parse(data) as Chunk;
              if (streamed) {
                res.write(`data: ${JSON.stringify(chunk)}\n\n`);
                continue;
              }
              last = chunk;
              for (const c of chunk.choices) {
                if (c.delta.content) content += c.delta.content;
                if (c.finish_reason) finish = c.finish_reason;
              }
              if (chunk.usage) usage = chunk.usage;
            }
          }
          if (streamed) return void res.end('data: [DONE]\n\n');
          const message = { role: 'assistant', content };
          const text = JSON.stringify({
            id: last?.id,
            object: 'chat.completion',
            created: last?.created,
            model: last?.model,
            choices: [{ index: 0, message, finish_reason: finish }],
            usage,
          });
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
          res.end(text);
        })
        .catch((err: unknown) => fail(res, err));
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

if (require.main === module && process.argv[2]) {
  void readingFloor(process.argv[2]).then((url) => console.log(`Oblix listening on ${url}`));
}
