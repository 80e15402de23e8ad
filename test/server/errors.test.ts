// Every class of bad input, refused caller and failing upstream gets OpenAI's error shape
// {"error": {"message", "type", "param", "code"}} and the right status, and none of it crashes the server.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { FAKE_ANTHROPIC_KEY, FAKE_OPENAI_KEY, startHarness, type Harness } from '../harness';
import { assertError, raw, sseData, type ErrorInfo, type RawRequest, type RawResponse } from '../raw-http';

const OLLAMA = 'ollama:llama3.2:latest';
const OPENAI = 'openai:gpt-4o-mini';
const ANTHROPIC = 'anthropic:claude-sonnet-5';
const PROVIDERS = [
  { id: OLLAMA, fake: 'ollama' as const },
  { id: OPENAI, fake: 'openai' as const },
  { id: ANTHROPIC, fake: 'anthropic' as const },
];
const HI = [{ role: 'user', content: 'hi' }];

const isBadRequest =
  (param: string) =>
  (err: unknown): boolean => {
    assert.ok(err instanceof OpenAI.BadRequestError, `expected BadRequestError, got ${String(err)}`);
    assert.equal(err.status, 400);
    assert.equal(err.param, param);
    return true;
  };

describe('errors: bad input, refused callers and failing upstreams', () => {
  let h: Harness;
  let port: string;
  before(async () => {
    h = await startHarness({ configure: (c) => (c.allowedOrigins = ['https://good.example']) });
    port = new URL(h.base).port;
  });
  after(() => h.stop());
  beforeEach(() => {
    h.ollama.reset();
    h.openai.reset();
    h.anthropic.reset();
  });

  describe('unreadable bodies', () => {
    it('malformed JSON → 400 invalid_json', async () => {
      const e = assertError(await raw(h.base, { body: '{"model": "auto", "messages": [' }), 400);
      assert.equal(e.type, 'invalid_request_error');
      assert.equal(e.code, 'invalid_json');
    });

    it('empty body → 400', async () => {
      const e = assertError(await raw(h.base, { method: 'POST', body: '' }), 400);
      assert.equal(e.type, 'invalid_request_error');
      const noBody = assertError(await raw(h.base, { method: 'POST' }), 400, 'no body at all');
      assert.equal(noBody.type, 'invalid_request_error');
    });

    it('a JSON array → 400', async () => {
      const e = assertError(await raw(h.base, { body: [{ model: 'auto', messages: HI }] }), 400);
      assert.equal(e.type, 'invalid_request_error');
    });

    it('a JSON scalar (null, number, string) → 400', async () => {
      for (const body of ['null', '42', '"hello"']) assertError(await raw(h.base, { body }), 400, body);
    });
  });

  describe('wrong types and out-of-range values name the param', () => {
    const ok = { model: OLLAMA, messages: HI };
    const CASES: Array<{ what: string; body: Record<string, unknown>; param: string }> = [
      { what: 'model missing', body: { messages: HI }, param: 'model' },
      { what: 'model a number', body: { model: 42, messages: HI }, param: 'model' },
      { what: 'model an empty string', body: { model: '  ', messages: HI }, param: 'model' },
      { what: 'model with non-ASCII characters', body: { model: 'ollama:模型', messages: HI }, param: 'model' },
      { what: 'model with a newline', body: { model: 'ollama:a\nb', messages: HI }, param: 'model' },
      { what: 'messages missing', body: { model: OLLAMA }, param: 'messages' },
      { what: 'messages not an array', body: { model: OLLAMA, messages: 'hi' }, param: 'messages' },
      { what: 'messages empty', body: { model: OLLAMA, messages: [] }, param: 'messages' },
      { what: 'message not an object', body: { model: OLLAMA, messages: ['hi'] }, param: 'messages[0]' },
      { what: 'bad role', body: { model: OLLAMA, messages: [{ role: 'wizard', content: 'hi' }] }, param: 'messages[0].role' },
      { what: 'user content a number', body: { model: OLLAMA, messages: [{ role: 'user', content: 5 }] }, param: 'messages[0].content' },
      {
        what: 'tool message without tool_call_id',
        body: {
          model: OLLAMA,
          messages: [
            { role: 'user', content: 'hi' },
            { role: 'tool', content: '42' },
          ],
        },
        param: 'messages[1].tool_call_id',
      },
      {
        what: 'assistant tool call without type',
        body: {
          model: OLLAMA,
          messages: [
            { role: 'user', content: 'hi' },
            { role: 'assistant', content: null, tool_calls: [{ id: 'c1', function: { name: 'f', arguments: '{}' } }] },
          ],
        },
        param: 'messages[1].tool_calls[0]',
      },
      {
        what: 'content part of unknown type',
        body: { model: OLLAMA, messages: [{ role: 'user', content: [{ type: 'video', video: 'x' }] }] },
        param: 'messages[0].content[0].type',
      },
      { what: 'temperature 2.5', body: { ...ok, temperature: 2.5 }, param: 'temperature' },
      { what: 'temperature "hot"', body: { ...ok, temperature: 'hot' }, param: 'temperature' },
      { what: 'top_p 1.5', body: { ...ok, top_p: 1.5 }, param: 'top_p' },
      { what: 'n 0', body: { ...ok, n: 0 }, param: 'n' },
      { what: 'n 1.5', body: { ...ok, n: 1.5 }, param: 'n' },
      { what: 'max_tokens 0', body: { ...ok, max_tokens: 0 }, param: 'max_tokens' },
      { what: 'max_completion_tokens -1', body: { ...ok, max_completion_tokens: -1 }, param: 'max_completion_tokens' },
      { what: 'presence_penalty 3', body: { ...ok, presence_penalty: 3 }, param: 'presence_penalty' },
      { what: 'frequency_penalty -3', body: { ...ok, frequency_penalty: -3 }, param: 'frequency_penalty' },
      { what: 'stop with 5 strings', body: { ...ok, stop: ['a', 'b', 'c', 'd', 'e'] }, param: 'stop' },
      { what: 'stop a number', body: { ...ok, stop: 7 }, param: 'stop' },
      { what: 'logit_bias an array', body: { ...ok, logit_bias: [1, 2] }, param: 'logit_bias' },
      { what: 'seed 1.5', body: { ...ok, seed: 1.5 }, param: 'seed' },
      { what: "response_format {type:'xml'}", body: { ...ok, response_format: { type: 'xml' } }, param: 'response_format.type' },
      { what: 'tools not an array', body: { ...ok, tools: { type: 'function' } }, param: 'tools' },
      { what: "tool_choice 'required' without tools", body: { ...ok, tool_choice: 'required' }, param: 'tool_choice' },
      { what: 'stream "yes"', body: { ...ok, stream: 'yes' }, param: 'stream' },
      { what: 'stream_options without stream', body: { ...ok, stream_options: { include_usage: true } }, param: 'stream_options' },
    ];
    for (const c of CASES) {
      it(`${c.what} → 400 param ${c.param}`, async () => {
        const e = assertError(await raw(h.base, { body: c.body }), 400, c.what);
        assert.equal(e.type, 'invalid_request_error', c.what);
        assert.equal(e.param, c.param, `${c.what}: ${e.message}`);
      });
    }

    it('an unknown parameter with a non-ASCII name is named in x-oblix-ignored-params without breaking the answer', async () => {
      const r = await raw(h.base, { body: { ...ok, réglage_模: 1 } });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.headers['x-oblix-ignored-params'], 'r?glage_?');
    });

    it('never reaches an upstream with an invalid request: every case of the table, sent here, leaves the fakes untouched', async () => {
      for (const c of CASES) assertError(await raw(h.base, { body: c.body }), 400, c.what);
      assert.deepEqual(
        [h.ollama, h.openai, h.anthropic].map((f) => f.requests.filter((x) => x.method === 'POST').length),
        [0, 0, 0],
      );
    });

    it('the openai SDK sees BadRequestError with status 400 and param', async () => {
      await assert.rejects(h.client.chat.completions.create({ model: OLLAMA, messages: HI as OpenAI.ChatCompletionMessageParam[], temperature: 2.5 }), isBadRequest('temperature'));
      await assert.rejects(h.client.chat.completions.create({ model: OLLAMA, messages: [] }), isBadRequest('messages'));
      await assert.rejects(h.client.chat.completions.create({ model: OLLAMA, messages: HI as OpenAI.ChatCompletionMessageParam[], n: 0 }), isBadRequest('n'));
      await assert.rejects(
        h.client.chat.completions.create({ model: OLLAMA, messages: HI as OpenAI.ChatCompletionMessageParam[], stop: ['a', 'b', 'c', 'd', 'e'] }),
        isBadRequest('stop'),
      );
    });
  });

  describe('unknown models', () => {
    it('nope:x → 404 model_not_found', async () => {
      const e = assertError(await raw(h.base, { body: { model: 'nope:x', messages: HI } }), 404);
      assert.equal(e.code, 'model_not_found');
      assert.equal(e.param, 'model');
      assert.match(e.message, /nope:x/);
    });

    it('openai:does-not-exist → the upstream 404 with its message', async () => {
      const e = assertError(await raw(h.base, { body: { model: 'openai:does-not-exist', messages: HI } }), 404);
      assert.match(e.message, /The model `does-not-exist` does not exist or you do not have access to it/);
      await assert.rejects(h.client.chat.completions.create({ model: 'openai:does-not-exist', messages: HI as OpenAI.ChatCompletionMessageParam[] }), (err: unknown) => {
        assert.ok(err instanceof OpenAI.NotFoundError);
        assert.equal(err.status, 404);
        return true;
      });
    });
  });

  describe('methods and paths', () => {
    it('GET /v1/chat/completions → 405 with Allow: POST', async () => {
      const r = await raw(h.base, { method: 'GET', path: '/v1/chat/completions' });
      const e = assertError(r, 405);
      assert.equal(r.headers.allow, 'POST');
      assert.equal(e.code, 'method_not_allowed');
    });

    it('DELETE /health → 405 with Allow: GET', async () => {
      const r = await raw(h.base, { method: 'DELETE', path: '/health' });
      assertError(r, 405);
      assert.equal(r.headers.allow, 'GET');
    });

    it('PUT /v1/models → 405', async () => {
      const r = await raw(h.base, { method: 'PUT', path: '/v1/models', body: {} });
      assertError(r, 405);
      assert.equal(r.headers.allow, 'GET');
    });

    it('unknown path /v1/nothing → 404', async () => {
      const e = assertError(await raw(h.base, { method: 'GET', path: '/v1/nothing' }), 404);
      assert.equal(e.type, 'invalid_request_error');
      assertError(await raw(h.base, { path: '/v1/nothing', body: { model: 'auto', messages: HI } }), 404, 'POST');
    });

    it('a query string and a trailing slash still find the route', async () => {
      const r = await raw(h.base, { method: 'GET', path: '/v1/models/?x=1' });
      assert.equal(r.status, 200);
    });
  });

  describe('Host and Origin (DNS rebinding and browsers)', () => {
    it('Host: evil.example → 403 host_not_allowed', async () => {
      const r = await raw(h.base, { body: { model: OLLAMA, messages: HI }, headers: { host: 'evil.example' } });
      const e = assertError(r, 403);
      assert.equal(e.code, 'host_not_allowed');
      assert.equal(e.type, 'permission_error');
      const get = await raw(h.base, { method: 'GET', path: '/health', headers: { host: `evil.example:${port}` } });
      assert.equal(assertError(get, 403, 'GET /health').code, 'host_not_allowed');
      assert.equal(h.ollama.requests.filter((x) => x.path === '/api/chat').length, 0, 'nothing went upstream');
    });

    it('Host: localhost:PORT and 127.0.0.1:PORT are allowed', async () => {
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) {
        const r = await raw(h.base, { body: { model: OLLAMA, messages: HI }, headers: { host } });
        assert.equal(r.status, 200, `${host}: ${r.text}`);
      }
    });

    it('Origin: https://evil.example → 403', async () => {
      const r = await raw(h.base, { body: { model: OLLAMA, messages: HI }, headers: { origin: 'https://evil.example' } });
      const e = assertError(r, 403);
      assert.equal(e.code, 'origin_not_allowed');
      assert.equal(r.headers['access-control-allow-origin'], undefined);
      const pre = await raw(h.base, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
      assertError(pre, 403, 'preflight from a refused origin');
    });

    it('Origin: vscode-webview://abc is allowed', async () => {
      const r = await raw(h.base, { body: { model: OLLAMA, messages: HI }, headers: { origin: 'vscode-webview://abc' } });
      assert.equal(r.status, 200, r.text);
    });

    it('an origin in allowedOrigins is allowed and echoed', async () => {
      const r = await raw(h.base, { body: { model: OLLAMA, messages: HI }, headers: { origin: 'https://good.example' } });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.headers['access-control-allow-origin'], 'https://good.example');
    });

    it('an OPTIONS preflight from an allowed origin → 204', async () => {
      const r = await raw(h.base, {
        method: 'OPTIONS',
        headers: { origin: 'https://good.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      });
      assert.equal(r.status, 204);
      assert.equal(r.headers['access-control-allow-origin'], 'https://good.example');
      assert.match(String(r.headers['access-control-allow-methods']), /\bPOST\b/);
      assert.match(String(r.headers['access-control-allow-headers']), /authorization/);
      assert.equal(r.text, '');
    });
  });

  describe('upstream errors are mapped', () => {
    it('OpenAI 429 with Retry-After → 429 with the upstream message and retry-after', async () => {
      h.openai.faults = { status: 429, retryAfter: 7, message: 'Rate limit reached for gpt-4o-mini on requests per min' };
      const r = await raw(h.base, { body: { model: OPENAI, messages: HI } });
      const e = assertError(r, 429);
      assert.equal(e.type, 'rate_limit_error');
      assert.match(e.message, /Rate limit reached for gpt-4o-mini/);
      assert.equal(r.headers['retry-after'], '7');
    });

    it('OpenAI 500 → 502 server_error', async () => {
      h.openai.faults = { status: 500, message: 'The server had an error while processing your request' };
      const e = assertError(await raw(h.base, { body: { model: OPENAI, messages: HI } }), 502);
      assert.equal(e.type, 'server_error');
      assert.match(e.message, /The server had an error/);
    });

    it('Anthropic 401 → 401 with the upstream message', async () => {
      h.anthropic.apiKey = 'a-different-key';
      try {
        const e = assertError(await raw(h.base, { body: { model: ANTHROPIC, messages: HI } }), 401);
        assert.equal(e.type, 'authentication_error');
        assert.match(e.message, /invalid x-api-key/);
      } finally {
        h.anthropic.apiKey = FAKE_ANTHROPIC_KEY;
      }
    });

    it('Ollama 404 → 404', async () => {
      h.ollama.faults = { status: 404, message: 'model "llama3.2" not found, try pulling it first' };
      const e = assertError(await raw(h.base, { body: { model: OLLAMA, messages: HI } }), 404);
      assert.match(e.message, /try pulling it first/);
    });

    it('Anthropic 429 with Retry-After → 429 with retry-after', async () => {
      h.anthropic.faults = { status: 429, retryAfter: 5, message: 'Number of request tokens has exceeded your per-minute rate limit' };
      const r = await raw(h.base, { body: { model: ANTHROPIC, messages: HI } });
      const e = assertError(r, 429);
      assert.equal(e.type, 'rate_limit_error');
      assert.match(e.message, /per-minute rate limit/);
      assert.equal(r.headers['retry-after'], '5');
    });

    it('Anthropic 529 overloaded → 503 service_unavailable', async () => {
      h.anthropic.faults = { status: 529, message: 'Overloaded' };
      const e = assertError(await raw(h.base, { body: { model: ANTHROPIC, messages: HI } }), 503);
      assert.equal(e.type, 'service_unavailable');
      assert.match(e.message, /Overloaded/);
    });

    it('the upstream keys never appear in an error', async () => {
      h.openai.faults = { status: 500 };
      const r = await raw(h.base, { body: { model: OPENAI, messages: HI } });
      assert.ok(!r.text.includes(FAKE_OPENAI_KEY));
      const health = await raw(h.base, { method: 'GET', path: '/health' });
      assert.ok(!health.text.includes(FAKE_OPENAI_KEY) && !health.text.includes(FAKE_ANTHROPIC_KEY));
    });
  });

  describe('failures after the first token', () => {
    for (const p of PROVIDERS) {
      describe(p.id, () => {
        it('errorMidStream: the SDK stream rejects', async () => {
          h[p.fake].faults = { errorMidStream: 'the model crashed' };
          const stream = h.client.chat.completions.stream({ model: p.id, messages: HI as OpenAI.ChatCompletionMessageParam[] });
          await assert.rejects(stream.finalChatCompletion(), /the model crashed/);
        });

        it('errorMidStream: the SSE carries an error event, then [DONE], and no stop chunk', async () => {
          h[p.fake].faults = { errorMidStream: 'the model crashed' };
          const r = await raw(h.base, { body: { model: p.id, messages: HI, stream: true } });
          assert.equal(r.status, 200);
          assert.match(String(r.headers['content-type']), /text\/event-stream/);
          const data = sseData(r.text);
          assert.ok(
            data.some((d) => /"content":"Hello"/.test(d)),
            `the first token was streamed: ${r.text}`,
          );
          const errAt = data.findIndex((d) => d.startsWith('{"error":'));
          assert.ok(errAt >= 0, `an error event: ${r.text}`);
          const err = (JSON.parse(data[errAt]!) as { error: ErrorInfo }).error;
          assert.match(err.message, /the model crashed/);
          assert.deepEqual(data.slice(errAt + 1), ['[DONE]']);
          assert.ok(!r.text.includes('"finish_reason":"stop"'), 'no clean finish');
        });

        // The fakes destroy the socket in the same tick as they write token 1, while Node still has the
        // response corked, so with cutAfterTokens 1 the token never reaches Oblix: that is a failure before
        // the first token, and an explicit model has nowhere to fail over to. Either answer is honest.
        it('cutAfterTokens 1: the SDK stream rejects; raw, an error and never a clean finish', async () => {
          h[p.fake].faults = { cutAfterTokens: 1 };
          await assert.rejects(h.client.chat.completions.stream({ model: p.id, messages: HI as OpenAI.ChatCompletionMessageParam[] }).finalChatCompletion());
          const r = await raw(h.base, { body: { model: p.id, messages: HI, stream: true } });
          if (r.status === 200) {
            const data = sseData(r.text);
            const errAt = data.findIndex((d) => d.startsWith('{"error":'));
            assert.ok(errAt >= 0, `an error event: ${r.text}`);
            assert.deepEqual(data.slice(errAt + 1), ['[DONE]']);
          } else {
            assertError(r, 502);
          }
          assert.ok(!r.text.includes('"finish_reason":"stop"'), 'no clean finish');
        });

        it('a cut after the first token reached Oblix: SSE error event, then [DONE], no stop chunk', async () => {
          h[p.fake].faults = { cutAfterTokens: 2, tokenDelayMs: 30 };
          await assert.rejects(h.client.chat.completions.stream({ model: p.id, messages: HI as OpenAI.ChatCompletionMessageParam[] }).finalChatCompletion());
          const r = await raw(h.base, { body: { model: p.id, messages: HI, stream: true } });
          assert.equal(r.status, 200, r.text);
          const data = sseData(r.text);
          assert.ok(
            data.some((d) => /"content":"Hello"/.test(d)),
            `the first token was streamed: ${r.text}`,
          );
          const errAt = data.findIndex((d) => d.startsWith('{"error":'));
          assert.ok(errAt >= 0, `an error event: ${r.text}`);
          const err = (JSON.parse(data[errAt]!) as { error: ErrorInfo }).error;
          assert.equal(err.type, 'server_error');
          assert.ok(err.message.length > 0);
          assert.deepEqual(data.slice(errAt + 1), ['[DONE]']);
          assert.ok(!r.text.includes('"finish_reason":"stop"'), 'no clean finish');
        });

        it('errorMidStream without stream → 502', async () => {
          h[p.fake].faults = { errorMidStream: 'the model crashed' };
          const e = assertError(await raw(h.base, { body: { model: p.id, messages: HI } }), 502);
          assert.equal(e.type, 'server_error');
          assert.match(e.message, /the model crashed/);
        });

        it('a cut after the first token without stream → 502', async () => {
          h[p.fake].faults = { cutAfterTokens: 2, tokenDelayMs: 30 };
          const e = assertError(await raw(h.base, { body: { model: p.id, messages: HI } }), 502);
          assert.equal(e.type, 'server_error');
        });
      });
    }
  });

  describe('after bad input and failing upstreams', () => {
    // Self-contained (no reliance on the tests above having run): the failures happen here first.
    it('the server still answers normal requests on every provider', async () => {
      assertError(await raw(h.base, { body: '{not json' }), 400);
      for (const p of PROVIDERS) {
        h[p.fake].faults = { errorMidStream: 'boom' };
        await assert.rejects(h.client.chat.completions.create({ model: p.id, messages: HI as OpenAI.ChatCompletionMessageParam[] }));
        h[p.fake].faults = { cutAfterTokens: 1 };
        await raw(h.base, { body: { model: p.id, messages: HI, stream: true } });
        h[p.fake].faults = {};
      }
      for (const p of PROVIDERS) {
        const res = await h.client.chat.completions.create({ model: p.id, messages: HI as OpenAI.ChatCompletionMessageParam[] });
        assert.equal(res.choices[0]!.message.content, h[p.fake].reply, p.id);
      }
      const health = await raw(h.base, { method: 'GET', path: '/health' });
      assert.equal(health.status, 200);
    });
  });
});

describe('errors: body size limit', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ configure: (c) => (c.maxBodyBytes = 1024) });
  });
  after(() => h.stop());

  const bodyOfSize = (bytes: number): string => {
    const base = JSON.stringify({ model: OLLAMA, messages: [{ role: 'user', content: '' }] });
    const body = JSON.stringify({ model: OLLAMA, messages: [{ role: 'user', content: 'x'.repeat(bytes - base.length) }] });
    assert.equal(Buffer.byteLength(body), bytes);
    return body;
  };

  it('a body over the limit (with Content-Length) → 413', async () => {
    const e = assertError(await raw(h.base, { body: bodyOfSize(1025) }), 413);
    assert.equal(e.code, 'request_too_large');
    assertError(await raw(h.base, { body: bodyOfSize(1024 * 1024) }), 413, '1 MiB');
  });

  it('a body over the limit through the openai SDK → 413', async () => {
    await assert.rejects(h.client.chat.completions.create({ model: OLLAMA, messages: [{ role: 'user', content: 'x'.repeat(4096) }] }), (err: unknown) => {
      assert.ok(err instanceof OpenAI.APIError);
      assert.equal(err.status, 413);
      return true;
    });
  });

  it('a chunked body over the limit (no Content-Length) → 413', async () => {
    const e = assertError(await raw(h.base, { body: bodyOfSize(8 * 1024), chunkSize: 512 }), 413);
    assert.equal(e.code, 'request_too_large');
    assertError(await raw(h.base, { body: bodyOfSize(1024 * 1024), chunkSize: 16 * 1024 }), 413, '1 MiB chunked');
  });

  it('a body just under the limit is accepted', async () => {
    const r = await raw(h.base, { body: bodyOfSize(1024) });
    assert.equal(r.status, 200, r.text);
    const chunked = await raw(h.base, { body: bodyOfSize(1000), chunkSize: 100 });
    assert.equal(chunked.status, 200, chunked.text);
  });

  it('still answers a normal request after a refused oversized one', async () => {
    assertError(await raw(h.base, { body: bodyOfSize(8 * 1024), chunkSize: 512 }), 413);
    const res = await h.client.chat.completions.create({ model: OLLAMA, messages: HI as OpenAI.ChatCompletionMessageParam[] });
    assert.equal(res.choices[0]!.message.content, h.ollama.reply);
  });
});

describe('errors: API key', () => {
  const KEY = 'secret-token';
  let h: Harness;
  const bodies: string[] = [];
  before(async () => {
    h = await startHarness({
      configure: (c) => {
        c.apiKey = KEY;
        c.allowedOrigins = ['https://good.example'];
      },
    });
  });
  after(async () => {
    await h.stop();
  });

  const call = async (r: RawRequest): Promise<RawResponse> => {
    const res = await raw(h.base, r);
    bodies.push(res.text);
    return res;
  };

  it('no Authorization → 401 authentication_error', async () => {
    const e = assertError(await call({ body: { model: OLLAMA, messages: HI } }), 401);
    assert.equal(e.type, 'authentication_error');
    assertError(await call({ method: 'GET', path: '/v1/models' }), 401, 'GET /v1/models');
    assertError(await call({ method: 'GET', path: '/health' }), 401, 'GET /health');
  });

  it('a wrong token → 401', async () => {
    for (const authorization of ['Bearer wrong-token', `Bearer ${KEY}x`, `Bearer ${KEY.slice(0, -1)}`, KEY, `Basic ${KEY}`]) {
      const e = assertError(await call({ body: { model: OLLAMA, messages: HI }, headers: { authorization } }), 401, authorization);
      assert.equal(e.type, 'authentication_error');
    }
    const sdk = new OpenAI({ baseURL: `${h.base}/v1`, apiKey: 'wrong-token', maxRetries: 0 });
    await assert.rejects(sdk.chat.completions.create({ model: OLLAMA, messages: HI as OpenAI.ChatCompletionMessageParam[] }), (err: unknown) => {
      assert.ok(err instanceof OpenAI.AuthenticationError);
      assert.equal(err.status, 401);
      return true;
    });
  });

  it('the right token through the openai SDK → 200', async () => {
    const sdk = new OpenAI({ baseURL: `${h.base}/v1`, apiKey: KEY, maxRetries: 0 });
    const { data, response } = await sdk.chat.completions.create({ model: OLLAMA, messages: HI as OpenAI.ChatCompletionMessageParam[] }).withResponse();
    assert.equal(response.status, 200);
    assert.equal(data.choices[0]!.message.content, h.ollama.reply);
    bodies.push(JSON.stringify(data));
    const models = await sdk.models.list();
    assert.ok(models.data.some((m) => m.id === 'auto'));
    const health = await call({ method: 'GET', path: '/health', headers: { authorization: `Bearer ${KEY}` } });
    assert.equal(health.status, 200);
  });

  it('with a key, an OPTIONS preflight from an allowed origin → 204, and its 401s are readable', async () => {
    const pre = await call({
      method: 'OPTIONS',
      headers: { origin: 'https://good.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    assert.equal(pre.status, 204, pre.text);
    assert.equal(pre.headers['access-control-allow-origin'], 'https://good.example');
    const noKey = await call({ body: { model: OLLAMA, messages: HI }, headers: { origin: 'https://good.example' } });
    assertError(noKey, 401);
    assert.equal(noKey.headers['access-control-allow-origin'], 'https://good.example');
  });

  it('with a key, a request from an allowed origin with the right token → 200', async () => {
    const r = await call({ body: { model: OLLAMA, messages: HI }, headers: { origin: 'https://good.example', authorization: `Bearer ${KEY}` } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.headers['access-control-allow-origin'], 'https://good.example');
  });

  it('the key never appears in any response body', () => {
    assert.ok(bodies.length >= 8);
    for (const b of bodies) assert.ok(!b.includes(KEY), `leaked in: ${b}`);
  });
});

describe('errors: nothing available', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ upstreamsDown: true });
  });
  after(() => h.stop());

  it('model auto → 503 that names Ollama and says what to do', async () => {
    const e = assertError(await raw(h.base, { body: { model: 'auto', messages: HI } }), 503);
    assert.equal(e.type, 'service_unavailable');
    assert.equal(e.code, 'no_model_available');
    assert.match(e.message, /ollama/i);
    assert.match(e.message, /ollama serve/);
    await assert.rejects(h.client.chat.completions.create({ model: 'auto', messages: HI as OpenAI.ChatCompletionMessageParam[] }), (err: unknown) => {
      assert.ok(err instanceof OpenAI.APIError);
      assert.equal(err.status, 503);
      return true;
    });
  });

  it('GET /health is still 200 and lists every provider as offline', async () => {
    const r = await raw(h.base, { method: 'GET', path: '/health' });
    assert.equal(r.status, 200);
    const health = r.json as { status: string; providers: Array<{ id: string; state: string }>; problems: string[] };
    assert.equal(health.status, 'unavailable');
    assert.deepEqual(
      health.providers.map((p) => [p.id, p.state]),
      [
        ['ollama', 'offline'],
        ['openai', 'offline'],
        ['anthropic', 'offline'],
      ],
    );
    assert.ok(
      health.problems.some((p) => /ollama serve/.test(p)),
      JSON.stringify(health.problems),
    );
  });

  it('GET /v1/models lists only auto', async () => {
    const list = await h.client.models.list();
    assert.deepEqual(
      list.data.map((m) => m.id),
      ['auto'],
    );
  });
});
