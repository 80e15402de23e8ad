// The Ollama API on Oblix's port, through the official `ollama` client: version, tags, show, ps,
// chat and generate (streamed, to local and cloud models), embed, pull and delete; Copilot's BYOK
// request sequence; errors in Ollama's shape before any upstream is asked.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { Ollama } from 'ollama';
import { fakeVector } from '../fakes/fake-ollama';
import { lastBody, type Harness } from '../harness';
import { raw } from '../raw-http';
import { CODER, EMBEDDER, hits, startDialectHarness } from './ollama-fixture';

describe('Ollama dialect', () => {
  let h: Harness;
  let client: Ollama;

  beforeEach(async () => {
    h = await startDialectHarness();
    client = new Ollama({ host: h.base });
  });
  afterEach(() => h.stop());

  it('reports the real Ollama version when it is new enough, a compatible one otherwise', async () => {
    assert.equal((await client.version()).version, '0.12.0'); // the fake's own
    await h.stop();
    h = await startDialectHarness({ before: ({ ollama }) => (ollama.version = '0.5.1') });
    client = new Ollama({ host: h.base });
    const v = (await client.version()).version;
    assert.notEqual(v, '0.5.1');
    const [major, minor] = v.split('.').map(Number);
    assert.ok(major! > 0 || minor! >= 7, v);
  });

  it('lists auto and every routable model: Ollama models by their own names, others by Oblix id', async () => {
    const names = (await client.list()).models.map((m) => m.name);
    assert.deepEqual(names.slice(0, 4), ['auto', 'llama3.2:latest', CODER, EMBEDDER]);
    assert.ok(names.includes('openai:gpt-4o-mini'));
    assert.ok(names.includes('anthropic:claude-sonnet-5'));
  });

  it('shows capabilities and context length for routed models and for auto', async () => {
    const llama = await client.show({ model: 'llama3.2:latest' });
    assert.deepEqual(llama.capabilities, ['completion', 'tools']);
    const info = llama.model_info as unknown as Record<string, unknown>;
    assert.equal(info[`${String(info['general.architecture'])}.context_length`], 131072);
    const embed = await client.show({ model: 'nomic-embed-text' });
    assert.deepEqual(embed.capabilities, ['embedding']);
    const auto = await client.show({ model: 'auto' });
    assert.ok(auto.capabilities.includes('tools') && auto.capabilities.includes('completion'), auto.capabilities.join());
    assert.ok(!auto.capabilities.includes('embedding'));
    await assert.rejects(client.show({ model: 'no-such-model:7b' }), (e: Error & { status_code?: number }) => e.status_code === 404);
  });

  it('lists the loaded local models in /api/ps, from what Ollama last told', async () => {
    assert.deepEqual((await client.ps()).models, []);
    await h.stop();
    h = await startDialectHarness({ before: ({ ollama }) => (ollama.models[0]!.loaded = true) });
    client = new Ollama({ host: h.base });
    const ps = await client.ps();
    assert.deepEqual(
      ps.models.map((m) => m.name),
      ['llama3.2:latest'],
    );
  });

  it('streams a chat routed by auto, and names the selected model', async () => {
    const parts = [];
    for await (const p of await client.chat({ model: 'auto', messages: [{ role: 'user', content: 'Hi' }], stream: true })) parts.push(p);
    const last = parts[parts.length - 1]!;
    assert.equal(last.done, true);
    assert.equal(last.done_reason, 'stop');
    assert.equal(parts.map((p) => p.message.content).join(''), 'Hello from fake-ollama.');
    assert.equal(last.model, 'auto (selected: ollama:llama3.2:latest)');
    assert.ok(last.eval_count > 0);
    assert.equal(lastBody(h.ollama, '/api/chat').model, 'llama3.2:latest');
  });

  it('sends a chat to a cloud model named by its Oblix id, with tools coming back in Ollama’s shape', async () => {
    h.openai.toolCall = { name: 'get_weather', arguments: { city: 'Paris' } };
    const tools = [{ type: 'function', function: { name: 'get_weather', description: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    const r = await client.chat({ model: 'openai:gpt-4o-mini', messages: [{ role: 'user', content: 'Weather?' }], tools, stream: false });
    assert.deepEqual(r.message.tool_calls, [{ function: { name: 'get_weather', arguments: { city: 'Paris' } } }]);
    assert.equal(r.model, 'openai:gpt-4o-mini');
    assert.equal(hits(h.ollama, '/api/chat'), 0);
    assert.equal(hits(h.openai, '/v1/chat/completions'), 1);
  });

  it('ends a stream that failed after its first token with an error line, never done: true', async () => {
    h.ollama.faults = { errorMidStream: 'model crashed' };
    const res = await raw(h.base, { path: '/api/chat', body: { model: 'llama3.2', messages: [{ role: 'user', content: 'Hi' }] } });
    assert.equal(res.status, 200);
    const lines = res.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.ok(lines.length >= 2);
    assert.match(String(lines[lines.length - 1]!.error), /model crashed/);
    assert.ok(!lines.some((l) => l.done === true));
  });

  it('answers a JSON chat whose model failed after its first token with a 502 in Ollama’s shape', async () => {
    h.ollama.faults = { errorMidStream: 'model crashed' };
    const res = await raw(h.base, { path: '/api/chat', body: { model: 'llama3.2', stream: false, messages: [{ role: 'user', content: 'Hi' }] } });
    assert.equal(res.status, 502);
    assert.equal(res.headers['x-oblix-model'], 'ollama:llama3.2:latest');
    assert.match(String((res.json as { error: string }).error), /^ollama:llama3\.2:latest failed after it began to answer: .*model crashed/);
  });

  it('loads a model for an empty /api/generate prompt at once, asking no upstream, streamed or not', async () => {
    for (const stream of [true, false]) {
      const res = await raw(h.base, { path: '/api/generate', body: { model: 'llama3.2', prompt: '', stream } });
      assert.equal(res.status, 200);
      assert.deepEqual([res.headers['x-oblix-model'], res.headers['x-oblix-route']], ['ollama:llama3.2:latest', 'load']);
      const r = res.json as Record<string, unknown>;
      assert.deepEqual({ ...r, created_at: '' }, { model: 'ollama:llama3.2:latest', created_at: '', response: '', done: true, done_reason: 'load' });
      assert.ok(!Number.isNaN(Date.parse(r.created_at as string)));
    }
    assert.equal(hits(h.ollama, '/api/generate'), 0);
  });

  it('streams NDJSON with no caching, and names the selected model in every line', async () => {
    const res = await raw(h.base, { path: '/api/chat', body: { model: 'auto', messages: [{ role: 'user', content: 'Hi' }] } });
    assert.equal(res.headers['content-type'], 'application/x-ndjson');
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.equal(res.headers['x-accel-buffering'], 'no');
    const lines = res.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.ok(lines.every((l) => l.model === 'auto (selected: ollama:llama3.2:latest)'));
  });

  it('cancels a passed-through generation upstream as soon as the client disconnects', async () => {
    h.ollama.reply = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
    h.ollama.faults = { tokenDelayMs: 50 };
    const url = new URL(h.base);
    await new Promise<void>((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, path: '/api/generate', method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        res.on('error', () => undefined);
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.once('error', reject);
      req.end(JSON.stringify({ model: CODER, prompt: 'def add(', suffix: ')', options: { num_ctx: 4096 } }));
    });
    while (h.ollama.aborted === 0) await new Promise((r) => setTimeout(r, 10));
    assert.equal(h.ollama.aborted, 1);
    assert.deepEqual(lastBody(h.ollama, '/api/generate').options, { num_ctx: 4096 });
  });

  it('generates with a suffix on a model that can insert (fill-in-the-middle through its template)', async () => {
    const r = await client.generate({ model: CODER, prompt: 'def add(a, b):\n', suffix: '\nprint(add(1, 2))', stream: false, options: { num_predict: 2 } });
    assert.equal(r.response, 'Hello from');
    assert.equal(r.done_reason, 'length');
    const body = lastBody(h.ollama, '/api/generate');
    assert.equal(body.suffix, '\nprint(add(1, 2))');
    assert.equal(body.raw, undefined);
  });

  it('passes a raw prompt on with raw: true and no template', async () => {
    const prompt = '<|fim_prefix|>def add(a, b):\n<|fim_suffix|>\n<|fim_middle|>';
    const parts = [];
    for await (const p of await client.generate({ model: 'llama3.2', prompt, raw: true, stream: true })) parts.push(p);
    assert.equal(parts.map((p) => p.response).join(''), 'Hello from fake-ollama.');
    const body = lastBody(h.ollama, '/api/generate');
    assert.equal(body.raw, true);
    assert.equal(body.prompt, prompt);
    assert.equal(body.template, undefined);
    assert.equal(body.suffix, undefined);
  });

  it('passes a body through to Ollama as sent (only model replaced), so num_ctx and keep_alive survive', async () => {
    const res = await raw(h.base, {
      path: '/api/chat',
      body: { model: 'auto', messages: [{ role: 'user', content: 'Hi' }], options: { num_ctx: 8192, top_k: 20 }, keep_alive: '10m', stream: false },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers['x-oblix-ignored-params'], undefined);
    assert.equal((res.json as { message: { content: string } }).message.content, 'Hello from fake-ollama.');
    assert.equal((res.json as { model: string }).model, 'auto (selected: ollama:llama3.2:latest)');
    const body = lastBody(h.ollama, '/api/chat');
    assert.deepEqual(body.options, { num_ctx: 8192, top_k: 20 });
    assert.equal(body.keep_alive, '10m');
    assert.equal(body.model, 'llama3.2:latest');
    const r = await client.generate({ model: 'auto', prompt: 'Hi', system: 'Be brief', stream: false });
    assert.equal(r.response, 'Hello from fake-ollama.');
    assert.equal(lastBody(h.ollama, '/api/generate').system, 'Be brief');
  });

  it('translates for a cloud model and names what it could not carry', async () => {
    h.ollama.faults = { status: 500 };
    const res = await raw(h.base, { path: '/api/chat', body: { model: 'auto', messages: [{ role: 'user', content: 'Hi' }], options: { num_ctx: 8192 }, stream: false } });
    assert.equal(res.status, 200);
    assert.equal(res.headers['x-oblix-model'], 'openai:gpt-4o-mini');
    assert.equal(res.headers['x-oblix-ignored-params'], 'options.num_ctx');
    assert.equal((res.json as { message: { content: string } }).message.content, 'Hello from fake-openai.');
    const r = await client.generate({ model: 'auto', prompt: 'Hi', system: 'Be brief', stream: false });
    assert.equal(r.response, 'Hello from fake-openai.');
    assert.deepEqual(
      (lastBody(h.openai, '/v1/chat/completions').messages as { role: string }[]).map((m) => m.role),
      ['system', 'user'],
    );
  });

  it('embeds with /api/embed and the older /api/embeddings', async () => {
    const r = await client.embed({ model: 'nomic-embed-text', input: ['a', 'b'] });
    assert.deepEqual(r.embeddings, [fakeVector(`${EMBEDDER}|a`, 4), fakeVector(`${EMBEDDER}|b`, 4)]);
    const old = await client.embeddings({ model: 'nomic-embed-text', prompt: 'a' });
    assert.deepEqual(old.embedding, fakeVector(`${EMBEDDER}|a`, 4));
    const auto = await client.embed({ model: 'auto', input: 'a' });
    assert.deepEqual(auto.embeddings, [fakeVector(`${EMBEDDER}|a`, 4)]);
  });

  it('forwards pull (with its progress stream) and delete to the real Ollama', async () => {
    const statuses: string[] = [];
    for await (const p of await client.pull({ model: 'ollama:tinyllama', stream: true })) statuses.push(p.status);
    assert.equal(statuses[0], 'pulling manifest');
    assert.equal(statuses[statuses.length - 1], 'success');
    const pulled = lastBody(h.ollama, '/api/pull');
    assert.equal(pulled.model ?? pulled.name, 'tinyllama'); // the `ollama` client sends `name`
    await client.delete({ model: 'tinyllama' });
    assert.ok(!h.ollama.models.some((m) => m.name === 'tinyllama:latest'));
    await assert.rejects(client.delete({ model: 'tinyllama' }), (e: Error & { status_code?: number }) => e.status_code === 404);
  });

  it('refuses model management with a clear error when no Ollama is configured', async () => {
    await h.stop();
    h = await startDialectHarness({
      configure: (c) => {
        c.providers = c.providers.filter((p) => p.kind !== 'ollama');
        c.localModels = [];
      },
    });
    const res = await raw(h.base, { path: '/api/pull', body: { model: 'tinyllama' } });
    assert.equal(res.status, 501);
    assert.match(String((res.json as { error: string }).error), /none is configured/);
  });

  it('answers bad input with a 400 in Ollama’s shape, before any upstream is asked', async () => {
    for (const [path, body] of [
      ['/api/chat', { model: 'auto', messages: 'hi' }],
      ['/api/chat', { model: 'auto', messages: [{ role: 'wizard', content: 'x' }] }],
      ['/api/chat', { model: 'auto', messages: [{ role: 'user', content: 'x' }], options: { temperature: 'hot' } }],
      ['/api/generate', { model: 'auto', prompt: 3 }],
      ['/api/embed', { model: 'auto', input: [] }],
      ['/api/chat', '{"model": '],
    ] as const) {
      const res = await raw(h.base, { path, body });
      assert.equal(res.status, 400, `${path} ${JSON.stringify(body)}`);
      assert.equal(typeof (res.json as { error: unknown }).error, 'string');
    }
    assert.equal(hits(h.ollama, '/api/chat') + hits(h.ollama, '/api/generate') + hits(h.ollama, '/api/embed'), 0);
    assert.equal(hits(h.openai, '/v1/chat/completions'), 0);
  });

  it('refuses calls from an Oblix’s own Ollama provider (OLLAMA_HOST pointed at Oblix would loop)', async () => {
    await client.chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'Hi' }], stream: false });
    const hop = h.ollama.requests.find((r) => r.path === '/api/chat')!.headers['x-oblix-hop'];
    assert.equal(hop, '1');
    const res = await raw(h.base, { path: '/api/chat', headers: { 'x-oblix-hop': '1' }, body: { model: 'auto', messages: [{ role: 'user', content: 'Hi' }] } });
    assert.equal(res.status, 508);
    assert.match(String((res.json as { error: string }).error), /OLLAMA_HOST/);
  });

  it('serves `codex --oss`: tags, a pull of a missing model, then the Responses API by its Ollama name', async () => {
    const names = (await client.list()).models.map((m) => m.name);
    assert.ok(!names.includes('gpt-oss:20b'));
    const pull = await raw(h.base, { path: '/api/pull', body: { model: 'gpt-oss:20b', stream: false } });
    assert.deepEqual(pull.json, { status: 'success' });
    const r = await h.client.responses.create({ model: 'gpt-oss:20b', input: 'Hi' });
    assert.equal(r.output_text, 'Hello from fake-ollama.');
    assert.equal(lastBody(h.ollama, '/api/chat').model, 'gpt-oss:20b');
  });

  it("follows Copilot's BYOK sequence: version, tags, show for each model, then chat completions by name", async () => {
    const headers = { authorization: 'Bearer ', 'user-agent': 'GitHubCopilotChat/0.30.0' }; // Copilot sends an empty bearer token
    const version = await raw(h.base, { path: '/api/version', headers });
    assert.equal(version.status, 200);
    const [major, minor, patch] = (version.json as { version: string }).version.split('.').map(Number);
    assert.ok(major! * 1e6 + minor! * 1e3 + patch! >= 6004);
    const tags = await raw(h.base, { path: '/api/tags', headers });
    const models = (tags.json as { models: { model: string }[] }).models.map((m) => m.model);
    const shown: Record<string, { capabilities: string[]; model_info: Record<string, unknown> }> = {};
    for (const model of models) {
      const show = await raw(h.base, { path: '/api/show', body: { model }, headers });
      assert.equal(show.status, 200, model);
      shown[model] = show.json as (typeof shown)[string];
    }
    const ctx = (m: string): unknown => shown[m]!.model_info[`${String(shown[m]!.model_info['general.architecture'])}.context_length`];
    assert.equal(ctx('llama3.2:latest'), 131072);
    assert.equal(shown['llama3.2:latest']!.model_info['general.basename'], 'llama3.2:latest');
    assert.ok(shown.auto!.capabilities.includes('tools'));
    const r = await h.client.chat.completions.create({ model: 'llama3.2:latest', messages: [{ role: 'user', content: 'Hi' }] });
    assert.equal(r.model, 'ollama:llama3.2:latest');
    assert.equal(r.choices[0]!.message.content, 'Hello from fake-ollama.');
  });
});
