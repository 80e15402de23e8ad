// Hostile bodies on the completions, embeddings and Ollama endpoints: each gets a 4xx in its
// dialect's shape (never a 5xx), none reaches an upstream, and the server keeps serving.
import assert from 'node:assert/strict';
import type { Harness } from '../harness';
import { raw } from '../raw-http';
import { startDialectHarness } from './ollama-fixture';

const deep = (n: number): string => `${'['.repeat(n)}1${']'.repeat(n)}`;
const ANY = ['null', '"x"', '[]', '{}', '{"model":{"x":1}}', `{"model":"auto","x":${deep(50_000)}}`];
const SPECIFIC: Record<string, string[]> = {
  '/v1/completions': ['{"model":"auto","prompt":"x","n":1e9}', '{"model":"auto","prompt":[[1,-2]]}', '{"model":"auto","prompt":"x","echo":"yes"}'],
  '/v1/embeddings': ['{"model":"auto","input":[[1,-2]]}', '{"model":"auto","input":[]}', '{"model":"auto","input":"x","dimensions":1.5}'],
  '/api/chat': [
    '{"model":"auto","messages":[{"role":"__proto__"}]}',
    '{"model":"auto","messages":[],"options":{"stop":[1]}}',
    '{"model":"auto","messages":[{"role":"user","content":"x","images":[1]}]}',
    '{"model":"auto","messages":[{"role":"user","content":"x"}],"tools":[{}]}',
  ],
  '/api/generate': [
    '{"model":"auto","prompt":"x","options":{"num_predict":"many"}}',
    '{"model":"auto","prompt":"x","images":"abc"}',
    '{"model":"auto","prompt":"x","format":7}',
    '{"model":"auto","prompt":"x","raw":"yes"}',
  ],
  '/api/embed': ['{"model":"auto","input":[[1,-2]]}', '{"model":"auto","input":["a",1]}'],
  '/api/embeddings': ['{"model":"auto","prompt":""}', '{"model":"auto","prompt":7}'],
  '/api/show': ['{"model":7}', '{"name":""}'],
};
/** Where a request would mean a prompt reached an upstream (probes and /api/show refreshes run in the background). */
const GENERATION = new Set(['/api/chat', '/api/generate', '/api/embed', '/api/embeddings', '/v1/chat/completions', '/v1/completions', '/v1/embeddings']);

describe('robustness: hostile input on the new endpoints', function () {
  this.timeout(60_000);
  let h: Harness;
  before(async () => (h = await startDialectHarness()));
  after(() => h.stop());

  for (const [path, specific] of Object.entries(SPECIFIC)) {
    it(`${path}: every hostile body is a 4xx in the dialect's shape, and nothing reaches an upstream`, async () => {
      for (const body of [...ANY, ...specific]) {
        const res = await raw(h.base, { path, body });
        assert.ok(res.status >= 400 && res.status < 500, `${path} ${body.slice(0, 60)} → ${res.status}`);
        const err = (res.json as { error?: unknown }).error;
        if (path.startsWith('/api/')) assert.equal(typeof err, 'string', `${path} ${body.slice(0, 60)}`);
        else assert.equal(typeof (err as { message?: unknown }).message, 'string', `${path} ${body.slice(0, 60)}`);
      }
      const upstream = [...h.ollama.requests, ...h.openai.requests].filter((r) => GENERATION.has(r.path));
      assert.deepEqual(
        upstream.map((r) => r.path),
        [],
      );
      assert.equal((await raw(h.base, { path: '/health' })).status, 200);
    });
  }

  it('a GET on a POST-only Ollama path is a 405 in Ollama’s shape', async () => {
    const res = await raw(h.base, { method: 'GET', path: '/api/chat' });
    assert.equal(res.status, 405);
    assert.equal(typeof (res.json as { error: unknown }).error, 'string');
  });
});
