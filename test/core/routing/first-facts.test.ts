// The gate routing waits at for the first inventory: shut only between begin() and the first of
// every provider known, the inventory settling, or the wait running out. Through a server, a provider
// whose first inventory never arrives holds routing back for ~2 s only, and every decision made
// without its facts says so (notes, /health factsPending).
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { defaultConfig } from '../../../src/core/config/config';
import { Oblix } from '../../../src/core/oblix';
import { DEFAULT_CONNECTIVITY } from '../../../src/core/routing/connectivity';
import { FirstFacts } from '../../../src/core/routing/first-facts';
import { OblixServer } from '../../../src/core/server/http-server';
import { FakeOpenAI } from '../../fakes/fake-openai';
import { silentPort } from '../../fakes/silent-port';

describe('first facts', () => {
  it('nothing waits before begin(): ready() resolves at once', async () => {
    const f = new FirstFacts(['ollama']);
    assert.equal(f.waiting, false);
    assert.deepEqual(f.pending, ['ollama']);
    await f.ready();
    assert.equal(f.waiting, false);
  });

  it('waits from begin() until every provider is learnt', async () => {
    const f = new FirstFacts(['ollama', 'lmstudio']);
    f.begin(new Promise(() => {}), 60_000);
    assert.equal(f.waiting, true);
    f.learnt('ollama');
    assert.deepEqual(f.pending, ['lmstudio']);
    assert.equal(f.waiting, true);
    f.learnt('lmstudio');
    await f.ready();
    assert.equal(f.waiting, false);
    assert.deepEqual(f.pending, []);
  });
});

describe('routing before the first inventory', () => {
  it('waits for it a bounded time, then routes and names the providers it knows nothing of', async () => {
    const silent = await silentPort();
    const cloud = new FakeOpenAI();
    await cloud.start();
    const oblix = new Oblix(
      {
        ...defaultConfig(),
        port: 0,
        providers: [
          { id: 'ollama', kind: 'ollama', baseURL: silent.url },
          { id: 'openai', kind: 'openai', baseURL: `${cloud.url}/v1`, apiKey: 'k' },
        ],
        cloudModels: ['openai:gpt-4o-mini'],
      },
      // The probe of the silent Ollama outlives the test: its first inventory never arrives.
      { connectivity: { ...DEFAULT_CONNECTIVITY, probeTimeoutMs: 600_000, networkCheckMs: 0 } },
    );
    const server = new OblixServer(oblix, { host: '127.0.0.1', port: 0, allowedOrigins: [], maxBodyBytes: 1 << 20 });
    try {
      const client = new OpenAI({ baseURL: await server.listen(), apiKey: 'x', maxRetries: 0 });
      void oblix.start();
      // Sent before the gate opens: it waits for it, then goes on what is known.
      const res = await client.chat.completions.create({ model: 'openai:gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(res.model, 'openai:gpt-4o-mini');
      const health = oblix.health();
      assert.deepEqual(health.factsPending, ['ollama']);
      assert.deepEqual(health.lastDecision!.notes, ['factsPending: routed without the first inventory of ollama']);
    } finally {
      oblix.stop();
      await server.close();
      silent.close();
      await cloud.stop();
    }
  });
});
