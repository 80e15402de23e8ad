// The rest of the Ollama API on Oblix's port, as a client sees it over HTTP: the root check, /api/embed
// and /api/embeddings (names, headers, refusals), and model management forwarded to the real Ollama
// (what it receives, what comes back, and an Ollama that cannot be reached).
import assert from 'node:assert/strict';
import { fakeVector } from '../fakes/fake-ollama';
import { lastBody, type Harness } from '../harness';
import { raw } from '../raw-http';
import { EMBEDDER, startDialectHarness } from './ollama-fixture';

describe('Ollama dialect: root, embeddings and model management', () => {
  let h: Harness;
  beforeEach(async () => (h = await startDialectHarness()));
  afterEach(() => h.stop());

  it('GET / answers as Ollama does, in plain text', async () => {
    const r = await raw(h.base, { method: 'GET', path: '/' });
    assert.deepEqual([r.status, r.headers['content-type'], r.text], [200, 'text/plain; charset=utf-8', 'Ollama is running (Oblix)']);
  });

  it('/api/generate answered by a cloud model ends as Ollama’s generate does: a response and an empty context', async () => {
    h.ollama.faults = { status: 500 };
    const r = await raw(h.base, { path: '/api/generate', body: { model: 'auto', prompt: 'Hi', stream: false } });
    assert.equal(r.headers['x-oblix-model'], 'openai:gpt-4o-mini');
    const json = r.json as Record<string, unknown>;
    assert.deepEqual([json.response, json.context, json.done, json.done_reason, json.message], ['Hello from fake-openai.', [], true, 'stop', undefined]);
  });

  it('/api/embed: the model shown (auto names its pick), the routing headers, dimensions passed on', async () => {
    const auto = await raw(h.base, { path: '/api/embed', body: { model: 'auto', input: 'a' } });
    assert.equal(auto.status, 200);
    const json = auto.json as { model: string; embeddings: number[][]; prompt_eval_count: number };
    assert.equal(json.model, `auto (selected: ollama:${EMBEDDER})`);
    assert.deepEqual(json.embeddings, [fakeVector(`${EMBEDDER}|a`, 4)]);
    assert.equal(auto.headers['x-oblix-model'], `ollama:${EMBEDDER}`);
    assert.equal(typeof auto.headers['x-oblix-route'], 'string');
    const named = await raw(h.base, { path: '/api/embed', body: { model: 'nomic-embed-text', input: ['a'], dimensions: 2 } });
    assert.equal((named.json as { model: string }).model, `ollama:${EMBEDDER}`);
    assert.equal(lastBody(h.ollama, '/api/embed').dimensions, 2);
  });

  it('/api/embed and /api/embeddings refuse what they cannot embed, in Ollama’s shape', async () => {
    const cases: [string, unknown, string][] = [
      ['/api/embed', [], 'The request body must be a JSON object.'],
      ['/api/embeddings', [], 'The request body must be a JSON object.'],
      ['/api/embed', { model: EMBEDDER, input: 'a', dimensions: 0 }, 'dimensions: 0 is less than the minimum of 1.'],
      ['/api/embeddings', { model: EMBEDDER }, 'prompt: a non-empty string is required.'],
      ['/api/embeddings', { model: EMBEDDER, prompt: '' }, 'prompt: a non-empty string is required.'],
    ];
    for (const [path, body, error] of cases) {
      const r = await raw(h.base, { path, body });
      assert.deepEqual([r.status, r.json], [400, { error }], `${path} ${JSON.stringify(body)}`);
    }
    assert.equal(h.ollama.requests.filter((r) => r.path.startsWith('/api/embed')).length, 0);
  });

  it('/api/embeddings answers one vector with the routing headers', async () => {
    const r = await raw(h.base, { path: '/api/embeddings', body: { model: 'nomic-embed-text', prompt: 'a' } });
    assert.deepEqual(r.json, { embedding: fakeVector(`${EMBEDDER}|a`, 4) });
    assert.equal(r.headers['x-oblix-model'], `ollama:${EMBEDDER}`);
  });

  it('a pull goes to Ollama as JSON, the Oblix id read as its name; its answer comes back as Ollama sent it', async () => {
    const r = await raw(h.base, { path: '/api/pull', body: { model: 'ollama:tinyllama', name: 'ollama:tinyllama', stream: false } });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { status: 'success' });
    assert.equal(r.headers['content-type'], 'application/json');
    assert.deepEqual([r.headers['x-oblix-model'], r.headers['x-oblix-route']], ['ollama', 'model-management']);
    const sent = h.ollama.requests.filter((q) => q.path === '/api/pull').at(-1)!;
    assert.equal(sent.headers['content-type'], 'application/json');
    assert.deepEqual(sent.body, { model: 'tinyllama', name: 'tinyllama', stream: false });
    // Read again before the answer ends: the next request finds the new model.
    const tags = (await raw(h.base, { method: 'GET', path: '/api/tags' })).json as { models: { name: string }[] };
    assert.ok(tags.models.some((m) => m.name === 'tinyllama:latest'));
    const stream = await raw(h.base, { path: '/api/pull', body: { model: 'phi3' } });
    assert.equal(stream.headers['content-type'], 'application/x-ndjson');
  });

  it('a body that is not an object is refused before Ollama is asked', async () => {
    const r = await raw(h.base, { path: '/api/pull', body: ['tinyllama'] });
    assert.deepEqual([r.status, r.json], [400, { error: 'The request body must be a JSON object.' }]);
    assert.equal(h.ollama.requests.filter((q) => q.path === '/api/pull').length, 0);
  });

  it('an Ollama that cannot be reached is a 502 naming it, in Ollama’s shape', async () => {
    await h.ollama.stop();
    const r = await raw(h.base, { path: '/api/pull', body: { model: 'tinyllama', stream: false } });
    assert.equal(r.status, 502);
    assert.match((r.json as { error: string }).error, /Ollama at http:\/\/127\.0\.0\.1:\d+/);
  });
});

describe('Ollama dialect: a base URL with a trailing slash', () => {
  it('still reaches /api/pull', async () => {
    const h = await startDialectHarness({ configure: (c) => (c.providers.find((p) => p.id === 'ollama')!.baseURL += '//') });
    try {
      const r = await raw(h.base, { path: '/api/pull', body: { model: 'tinyllama', stream: false } });
      assert.equal(r.status, 200);
      assert.equal(h.ollama.requests.filter((q) => q.path === '/api/pull').length, 1);
    } finally {
      await h.stop();
    }
  });
});

describe('Ollama dialect: an embedding model whose bare name another provider shares', () => {
  it('/api/embed and /api/embeddings take the bare name as Ollama’s, as /api/tags lists it', async () => {
    const h = await startDialectHarness({ configure: (c) => c.cloudModels.push('openai:nomic-embed-text') });
    try {
      for (const [path, body] of [
        ['/api/embed', { model: 'nomic-embed-text', input: 'a' }],
        ['/api/embeddings', { model: 'nomic-embed-text', prompt: 'a' }],
      ] as const) {
        const r = await raw(h.base, { path, body });
        assert.deepEqual([r.status, r.headers['x-oblix-model']], [200, `ollama:${EMBEDDER}`], `${path}: ${r.text}`);
      }
    } finally {
      await h.stop();
    }
  });
});
