// The OpenAI-kind chat call on both transports (undici on loopback, node:http elsewhere), against
// a raw SSE server that controls how bytes are split across reads.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Cancel } from '../../../../src/core/support/cancel';
import type { ChatCompletionChunk } from '../../../../src/core/request';
import { HttpStatusError } from '../../../../src/core/providers/http-status-error';
import { OpenAIStream } from '../../../../src/core/providers/openai/openai-stream';
import { transportFor, type TransportKind } from '../../../../src/core/providers/openai/upstream-transport';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const event = (content: string): string =>
  `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;

describe('OpenAI-kind chat call transports', () => {
  let server: http.Server;
  let base = '';
  let handler: (req: http.IncomingMessage, res: http.ServerResponse) => void = () => {};
  before(async () => {
    server = http.createServer((req, res) => handler(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('uses undici on loopback only', () => {
    assert.equal(transportFor(new URL('http://127.0.0.1:1234/v1')), 'undici');
    assert.equal(transportFor(new URL('http://localhost:1234/v1')), 'undici');
    assert.equal(transportFor(new URL('http://[::1]:1234/v1')), 'undici');
    assert.equal(transportFor(new URL('https://api.openai.com/v1')), 'http');
    assert.equal(transportFor(new URL('http://192.168.1.20:1234/v1')), 'http');
  });

  for (const kind of ['undici', 'http'] as TransportKind[]) {
    const collect = async (stream: OpenAIStream, cancel = new Cancel()): Promise<string> => {
      let text = '';
      const batches = stream.batches<string>(
        { model: 'm' },
        cancel,
        (c: ChatCompletionChunk, out) => out.push(c.choices[0]?.delta.content ?? ''),
        (e) => (e instanceof Error ? e : new Error(String(e))),
      );
      for await (const batch of batches) text += batch.join('');
      return text;
    };

    it(`${kind}: keeps a character whole when its bytes arrive in two reads`, async () => {
      const bytes = Buffer.from(`${event('prix: 5 €, 日本, 🎉')}data: [DONE]\n\n`, 'utf8');
      const euro = bytes.indexOf(Buffer.from('€', 'utf8'));
      handler = (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(bytes.subarray(0, euro + 1)); // the first of the euro sign's three bytes
        void sleep(40).then(() => res.end(bytes.subarray(euro + 1)));
      };
      assert.equal(await collect(new OpenAIStream(base, 'k', kind)), 'prix: 5 €, 日本, 🎉');
    });

    it(`${kind}: an error answer becomes an HttpStatusError with its body and retry-after`, async () => {
      handler = (_req, res) => {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' });
        res.end(JSON.stringify({ error: { message: 'slow down', type: 'rate_limit', code: 'rate_limit_exceeded' } }));
      };
      await assert.rejects(collect(new OpenAIStream(base, 'k', kind)), (err: unknown) => {
        assert.ok(err instanceof HttpStatusError);
        assert.equal(err.status, 429);
        assert.equal(err.headers.get('retry-after'), '7');
        assert.deepEqual((err.error as { error: { message: string } }).error.message, 'slow down');
        return true;
      });
    });

    it(`${kind}: a cancel mid-stream stops the call and closes the upstream connection`, async () => {
      let closed = false;
      handler = (req, res) => {
        req.socket.once('close', () => (closed = true));
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(event('one'));
      };
      const cancel = new Cancel();
      const stream = new OpenAIStream(base, 'k', kind);
      const seen: string[] = [];
      await assert.rejects(
        (async () => {
          for await (const batch of stream.batches<string>(
            { model: 'm' },
            cancel,
            (c, out) => out.push(c.choices[0]?.delta.content ?? ''),
            (e) => e as Error,
          )) {
            seen.push(...batch);
            cancel.abort();
          }
        })(),
        (err: Error) => /abort/i.test(`${err.name} ${err.message}`),
      );
      assert.deepEqual(seen, ['one']);
      for (let i = 0; i < 50 && !closed; i++) await sleep(20);
      assert.ok(closed, 'the upstream saw its connection close');
    });
  }
});
