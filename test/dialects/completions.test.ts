// POST /v1/completions through the official `openai` client: raw prompts and fill-in-the-middle to
// local models (Ollama /api/generate), cloud completion only where configured, local-only,
// autocomplete's own first-token timeout, client disconnects, bad input.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { lastBody, type Harness } from '../harness';
import { raw } from '../raw-http';
import { CODER, hits, startDialectHarness } from './ollama-fixture';

const INSTRUCT = 'openai:gpt-3.5-turbo-instruct';

describe('/v1/completions', () => {
  let h: Harness;
  afterEach(() => h.stop());

  it('continues a raw prompt on a local model, non-stream, with raw: true and no template', async () => {
    h = await startDialectHarness();
    const prompt = '<|fim_prefix|>def add(a, b):\n<|fim_suffix|>\n<|fim_middle|>'; // Continue's, FIM tokens included
    const r = await h.client.completions.create({ model: 'auto', prompt, max_tokens: 64, temperature: 0.2, stop: ['\n\n'] });
    assert.equal(r.object, 'text_completion');
    assert.equal(r.choices[0]!.text, 'Hello from fake-ollama.');
    assert.equal(r.choices[0]!.finish_reason, 'stop');
    assert.equal(r.model, 'auto (selected: ollama:llama3.2:latest)');
    assert.ok(r.usage!.completion_tokens > 0);
    const body = lastBody(h.ollama, '/api/generate');
    assert.equal(body.raw, true);
    assert.equal(body.prompt, prompt);
    assert.equal(body.template, undefined);
    assert.equal(body.suffix, undefined);
    assert.deepEqual((body.options as Record<string, unknown>).stop, ['\n\n']);
    assert.equal(hits(h.ollama, '/api/chat'), 0);
  });

  it('streams fill-in-the-middle to a local model with the insert capability', async () => {
    h = await startDialectHarness();
    const stream = await h.client.completions.create({
      model: 'auto',
      prompt: 'def add(a, b):\n',
      suffix: '\nprint(add(1, 2))',
      max_tokens: 2,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let finish: string | null = null;
    let usage = 0;
    for await (const c of stream) {
      for (const ch of c.choices) {
        text += ch.text;
        finish = ch.finish_reason ?? finish;
      }
      if (c.usage) usage = c.usage.completion_tokens;
    }
    assert.equal(text, 'Hello from');
    assert.equal(finish, 'length');
    assert.equal(usage, 2);
    const body = lastBody(h.ollama, '/api/generate');
    assert.equal(body.model, CODER);
    assert.equal(body.suffix, '\nprint(add(1, 2))');
    assert.equal(body.raw, undefined);
  });

  it('echoes the prompt and answers several prompts, each with its own choice', async () => {
    h = await startDialectHarness();
    const r = await h.client.completions.create({ model: 'llama3.2', prompt: ['A: ', 'B: '], echo: true });
    assert.deepEqual(
      r.choices.map((c) => [c.index, c.text]),
      [
        [0, 'A: Hello from fake-ollama.'],
        [1, 'B: Hello from fake-ollama.'],
      ],
    );
    assert.equal(hits(h.ollama, '/api/generate'), 2);
  });

  it('falls back to a completion-capable cloud model only when one is configured for the role', async () => {
    h = await startDialectHarness({ before: ({ ollama }) => (ollama.faults = { status: 500 }) });
    await assert.rejects(h.client.completions.create({ model: 'auto', prompt: 'x' }), (e: { status?: number }) => e.status === 500 || e.status === 502);
    assert.equal(hits(h.openai, '/v1/completions'), 0);
    await h.stop();

    h = await startDialectHarness({
      before: ({ ollama }) => (ollama.faults = { status: 500 }),
      configure: (c) => (c.roles = { completion: [`ollama:${CODER}`, INSTRUCT] }),
    });
    const r = await h.client.completions.create({ model: 'auto', prompt: 'x', suffix: 'y' }).withResponse();
    assert.equal(r.data.choices[0]!.text, 'Hello from fake-openai.');
    assert.equal(r.response.headers.get('x-oblix-route'), `failover-from:ollama:${CODER}`);
    assert.equal(lastBody(h.openai, '/v1/completions').suffix, 'y');
  });

  it('gives way after its own short first-token timeout', async () => {
    h = await startDialectHarness({
      // Loaded, so it is tried: a cold one would be skipped at once as too slow to load (cold-model).
      before: ({ ollama }) => (ollama.models[0]!.loaded = true),
      configure: (c) => {
        c.roles = { completion: ['ollama:llama3.2:latest', INSTRUCT] };
        c.completionFirstTokenTimeoutMs = 300;
        c.firstTokenTimeoutMs = 60_000;
      },
    });
    h.ollama.faults = { stallMs: 60_000 };
    const r = await h.client.completions.create({ model: 'auto', prompt: 'x' }).withResponse();
    assert.equal(r.response.headers.get('x-oblix-model'), INSTRUCT);
    assert.equal(r.response.headers.get('x-oblix-route'), 'failover-from:ollama:llama3.2:latest');
  });

  it('in local-only mode sends no completion to the cloud, whatever the roles say', async () => {
    h = await startDialectHarness({
      configure: (c) => {
        c.mode = 'local-only';
        c.roles = { completion: ['ollama:llama3.2:latest', INSTRUCT] };
      },
    });
    h.ollama.faults = { status: 503 };
    await assert.rejects(h.client.completions.create({ model: 'auto', prompt: 'x' }));
    await assert.rejects(h.client.completions.create({ model: INSTRUCT, prompt: 'x' }), (e: { status?: number }) => e.status === 403);
    assert.ok(hits(h.ollama, '/api/generate') > 0);
    assert.equal(hits(h.openai, '/v1/completions'), 0);
  });

  it('cancels the upstream generation as soon as the client disconnects', async () => {
    h = await startDialectHarness();
    h.ollama.reply = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
    h.ollama.faults = { tokenDelayMs: 50 };
    const url = new URL(h.base);
    await new Promise<void>((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, path: '/v1/completions', method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        res.once('data', () => {
          req.destroy(); // Continue cancels as the user types on
          resolve();
        });
      });
      req.on('error', () => undefined);
      req.on('response', (res) => res.on('error', () => undefined));
      req.once('error', reject);
      req.end(JSON.stringify({ model: 'auto', prompt: 'x', max_tokens: 500, stream: true }));
    });
    while (h.ollama.aborted === 0) await new Promise((r) => setTimeout(r, 10));
    assert.equal(h.ollama.aborted, 1);
    assert.equal(hits(h.ollama, '/api/generate'), 1);
  });

  it('ends a stream that failed after its first token with an error event and [DONE], never a finish', async () => {
    h = await startDialectHarness();
    h.ollama.faults = { errorMidStream: 'model crashed' };
    const res = await raw(h.base, { path: '/v1/completions', body: { model: 'auto', prompt: 'x', stream: true } });
    assert.equal(res.status, 200);
    const events = res.text
      .trim()
      .split('\n\n')
      .map((e) => e.replace(/^data: /, ''));
    assert.equal(events[events.length - 1], '[DONE]');
    const last = JSON.parse(events[events.length - 2]!) as { error?: { message: string } };
    assert.match(last.error!.message, /model crashed/);
    assert.ok(!res.text.includes('"finish_reason":"stop"'));
    assert.ok(res.text.includes('"text":"Hello"'));
  });

  it('a JSON answer whose model failed after its first token is a 502 naming it, never a partial completion', async () => {
    h = await startDialectHarness();
    h.ollama.faults = { errorMidStream: 'model crashed' };
    const res = await raw(h.base, { path: '/v1/completions', body: { model: 'auto', prompt: 'x' } });
    assert.equal(res.status, 502);
    assert.match((res.json as { error: { message: string } }).error.message, /^ollama:llama3\.2:latest failed after it began to answer: .*model crashed/);
  });

  it('a stream: SSE with no caching, an id and a creation time in every chunk, no chunk without a choice, then [DONE]', async () => {
    h = await startDialectHarness();
    const before = Math.floor(Date.now() / 1000);
    const res = await raw(h.base, { path: '/v1/completions', body: { model: 'auto', prompt: ['x', 'y'], n: 2, stream: true } });
    assert.equal(res.headers['content-type'], 'text/event-stream; charset=utf-8');
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.equal(res.headers['x-accel-buffering'], 'no');
    const events = res.text
      .trim()
      .split('\n\n')
      .map((e) => e.replace(/^data: /, ''));
    assert.equal(events.pop(), '[DONE]');
    const chunks = events.map((e) => JSON.parse(e) as { id: string; object: string; created: number; model: string; choices: { index: number; text: string }[] });
    assert.ok(chunks.length > 0);
    const id = chunks[0]!.id;
    assert.match(id, /^cmpl-[0-9a-f]{32}$/);
    for (const c of chunks) {
      assert.deepEqual([c.id, c.object, c.model], [id, 'text_completion', 'auto (selected: ollama:llama3.2:latest)']);
      assert.ok(c.created >= before && c.created <= Math.floor(Date.now() / 1000) + 1, String(c.created));
      assert.ok(c.choices.length > 0, JSON.stringify(c));
    }
    const text = (i: number): string =>
      chunks
        .flatMap((c) => c.choices)
        .filter((ch) => ch.index === i)
        .map((ch) => ch.text)
        .join('');
    assert.deepEqual([0, 1, 2, 3].map(text), Array(4).fill('Hello from fake-ollama.'));
  });

  it('a JSON answer: an id and a creation time, one choice per prompt and n', async () => {
    h = await startDialectHarness();
    const before = Math.floor(Date.now() / 1000);
    const r = await h.client.completions.create({ model: 'auto', prompt: ['x', 'y'], n: 2 });
    assert.match(r.id, /^cmpl-[0-9a-f]{32}$/);
    assert.ok(r.created >= before && r.created <= Math.floor(Date.now() / 1000) + 1, String(r.created));
    assert.deepEqual(
      r.choices.map((c) => [c.index, c.text, c.finish_reason]),
      [0, 1, 2, 3].map((i) => [i, 'Hello from fake-ollama.', 'stop']),
    );
  });

  it('answers bad input with a 400 naming the parameter, before any upstream is asked', async () => {
    h = await startDialectHarness();
    for (const [body, param] of [
      [{ model: 'auto' }, 'prompt'],
      [{ model: 'auto', prompt: 7 }, 'prompt'],
      [{ model: 'auto', prompt: [[1, 2, 3]] }, 'prompt'],
      [{ model: 'auto', prompt: 'x', max_tokens: -1 }, 'max_tokens'],
      [{ model: 'auto', prompt: 'x', temperature: 9 }, 'temperature'],
      [{ model: 'auto', prompt: 'x', stop: ['a', 'b', 'c', 'd', 'e'] }, 'stop'],
      [{ model: 'auto', prompt: 'x', suffix: 5 }, 'suffix'],
      [{ model: 'auto', prompt: 'x', stream_options: { include_usage: true } }, 'stream_options'],
    ] as const) {
      const res = await raw(h.base, { path: '/v1/completions', body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal((res.json as { error: { param: string } }).error.param, param);
    }
    assert.equal(hits(h.ollama, '/api/generate'), 0);
    assert.equal(hits(h.openai, '/v1/completions'), 0);
  });

  it('refuses a model whose provider cannot complete text', async () => {
    h = await startDialectHarness();
    const res = await raw(h.base, { path: '/v1/completions', body: { model: 'anthropic:claude-sonnet-5', prompt: 'x' } });
    assert.equal(res.status, 400);
    assert.equal(hits(h.anthropic, '/v1/messages'), 0);
  });
});
