// POST /v1/embeddings through the official `openai` client: auto picks the local embedding model,
// floats and base64, cloud models by id, no failover to another vector space unless configured,
// local-only, bad input.
import assert from 'node:assert/strict';
import { fakeVector } from '../fakes/fake-ollama';
import { lastBody, type Harness } from '../harness';
import { raw } from '../raw-http';
import { CODER, EMBEDDER, hits, startDialectHarness } from './ollama-fixture';

const CLOUD_EMBEDDER = 'openai:text-embedding-3-small';
const f32 = (v: number[]): number[] => Array.from(new Float32Array(v));

describe('/v1/embeddings', () => {
  let h: Harness;
  afterEach(() => h.stop());

  it('embeds with the local embedding model for auto, in base64 (the SDK default) and floats', async () => {
    h = await startDialectHarness();
    const r = await h.client.embeddings.create({ model: 'auto', input: ['a', 'b'] }).withResponse();
    assert.deepEqual(
      r.data.data.map((d) => d.embedding),
      [f32(fakeVector(`${EMBEDDER}|a`, 4)), f32(fakeVector(`${EMBEDDER}|b`, 4))],
    );
    assert.equal(r.data.model, `auto (selected: ollama:${EMBEDDER})`);
    assert.equal(r.response.headers.get('x-oblix-model'), `ollama:${EMBEDDER}`);
    const floats = await h.client.embeddings.create({ model: 'nomic-embed-text', input: 'a', encoding_format: 'float', dimensions: 2 });
    assert.deepEqual(floats.data[0]!.embedding, fakeVector(`${EMBEDDER}|a`, 2));
    assert.equal(lastBody(h.ollama, '/api/embed').dimensions, 2);
    assert.equal(hits(h.openai, '/v1/embeddings'), 0);
  });

  it('naming local models does not hide an installed embedding model: /v1/models lists it and auto embeds with it (issue 30)', async () => {
    // docs/configuration.md's example config names only chat models in localModels; nomic-embed-text is installed.
    h = await startDialectHarness({ configure: (c) => (c.localModels = ['ollama:llama3.2']) });
    const listed = (await h.client.models.list()).data.map((m) => m.id);
    assert.ok(listed.includes(`ollama:${EMBEDDER}`), listed.join(', '));
    assert.ok(listed.includes(`ollama:${CODER}`), listed.join(', '));
    const r = await h.client.embeddings.create({ model: 'auto', input: 'a', encoding_format: 'float' });
    assert.equal(r.model, `auto (selected: ollama:${EMBEDDER})`);
  });

  it('sends a cloud embedding model named by id, token arrays included', async () => {
    h = await startDialectHarness();
    const r = await h.client.embeddings.create({ model: CLOUD_EMBEDDER, input: [[1, 2, 3]], encoding_format: 'float' });
    assert.equal(r.data[0]!.embedding.length, 3);
    assert.deepEqual(lastBody(h.openai, '/v1/embeddings').input, [[1, 2, 3]]);
    const res = await raw(h.base, { path: '/v1/embeddings', body: { model: 'nomic-embed-text', input: [[1, 2]] } });
    assert.equal(res.status, 400); // Ollama embeds text only
  });

  it('never switches vector space silently: a failing model is an error unless the user paired it', async () => {
    h = await startDialectHarness({ before: ({ ollama }) => (ollama.faults = { status: 500 }) });
    await assert.rejects(h.client.embeddings.create({ model: 'auto', input: 'a' }), (e: { status?: number }) => e.status === 502);
    assert.equal(hits(h.openai, '/v1/embeddings'), 0);
    await h.stop();

    h = await startDialectHarness({
      before: ({ ollama }) => (ollama.faults = { status: 500 }),
      configure: (c) => (c.roles = { embeddingFailover: { [`ollama:${EMBEDDER}`]: CLOUD_EMBEDDER } }),
    });
    const r = await h.client.embeddings.create({ model: 'auto', input: 'a' }).withResponse();
    assert.equal(r.response.headers.get('x-oblix-model'), CLOUD_EMBEDDER);
    assert.equal(r.response.headers.get('x-oblix-route'), `failover-from:ollama:${EMBEDDER}`);
  });

  it('in local-only mode sends no embedding to the cloud', async () => {
    h = await startDialectHarness({
      before: ({ ollama }) => (ollama.faults = { status: 500 }),
      configure: (c) => {
        c.mode = 'local-only';
        c.roles = { embeddingFailover: { [`ollama:${EMBEDDER}`]: CLOUD_EMBEDDER } };
      },
    });
    await assert.rejects(h.client.embeddings.create({ model: 'auto', input: 'a' }));
    await assert.rejects(h.client.embeddings.create({ model: CLOUD_EMBEDDER, input: 'a' }), (e: { status?: number }) => e.status === 403);
    await h.stop();
    h = await startDialectHarness({ configure: (c) => ((c.mode = 'local-only'), (c.roles = { embedding: [CLOUD_EMBEDDER] })) });
    await assert.rejects(h.client.embeddings.create({ model: 'auto', input: 'a' }), (e: { status?: number }) => e.status === 403);
    assert.equal(hits(h.openai, '/v1/embeddings'), 0);
  });

  it('shows the roles in /v1/models and /health', async () => {
    h = await startDialectHarness({ configure: (c) => (c.roles = { completion: ['openai:gpt-3.5-turbo-instruct'] }) });
    const models = (await raw(h.base, { path: '/v1/models' })).json as { data: { id: string; roles: string[] }[] };
    const roles = Object.fromEntries(models.data.map((m) => [m.id, m.roles]));
    assert.deepEqual(roles[`ollama:${EMBEDDER}`], ['embedding']);
    assert.deepEqual(roles['ollama:llama3.2:latest'], ['chat']);
    assert.deepEqual(roles['openai:gpt-4o-mini'], ['chat']);
    const health = (await raw(h.base, { path: '/health' })).json as { roles: Record<string, string[]> };
    assert.deepEqual(health.roles['openai:gpt-3.5-turbo-instruct'], ['completion']);
  });

  it('answers a list in OpenAI’s shape, naming what it ignored, and a model by id as itself', async () => {
    h = await startDialectHarness();
    const r = await raw(h.base, { path: '/v1/embeddings', body: { model: `ollama:${EMBEDDER}`, input: ['a', 'b'], encoding_format: 'float', user: 'u1' } });
    assert.equal(r.status, 200);
    assert.equal(r.headers['x-oblix-ignored-params'], 'user');
    const json = r.json as { object: string; model: string; data: { object: string; index: number }[]; usage: { prompt_tokens: number; total_tokens: number } };
    assert.deepEqual([json.object, json.model], ['list', `ollama:${EMBEDDER}`]);
    assert.deepEqual(
      json.data.map((d) => [d.object, d.index]),
      [
        ['embedding', 0],
        ['embedding', 1],
      ],
    );
    assert.equal(json.usage.total_tokens, json.usage.prompt_tokens);
    const plain = await raw(h.base, { path: '/v1/embeddings', body: { model: 'auto', input: 'a' } });
    assert.equal(plain.headers['x-oblix-ignored-params'], undefined);
  });

  it('answers bad input with a 400 naming the parameter, before any upstream is asked', async () => {
    h = await startDialectHarness();
    for (const [body, param] of [
      [{ model: 'auto' }, 'input'],
      [{ model: 'auto', input: [] }, 'input'],
      [{ model: 'auto', input: '' }, 'input'],
      [{ model: 'auto', input: ['a', 1] }, 'input'],
      [{ model: 'auto', input: 'a', encoding_format: 'int8' }, 'encoding_format'],
      [{ model: 'auto', input: 'a', dimensions: 0 }, 'dimensions'],
    ] as const) {
      const res = await raw(h.base, { path: '/v1/embeddings', body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal((res.json as { error: { param: string } }).error.param, param);
    }
    assert.equal(hits(h.ollama, '/api/embed') + hits(h.openai, '/v1/embeddings'), 0);
  });
});
