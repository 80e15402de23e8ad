// A model named without its provider (qwen-code's sub-agents send `gpt-4o-mini`): the one known
// model of that name serves it; two known models make it ambiguous (400); none is today's 404.
import assert from 'node:assert/strict';
import { Ollama } from 'ollama';
import { startHarness, type Harness } from '../harness';

describe('bare model names', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      configure: (c) => c.cloudModels.push('openai:mistral'),
      before: ({ ollama }) =>
        ollama.models.push(
          { name: 'qwen2.5-coder:7b', contextLength: 32768, capabilities: ['completion', 'tools'] },
          { name: 'mistral:latest', contextLength: 32768, capabilities: ['completion'] },
        ),
    });
  });
  after(() => h.stop());
  const hi = [{ role: 'user' as const, content: 'hi' }];

  it('sends a bare name to the one configured model of that name', async () => {
    const { data, response } = await h.client.chat.completions.create({ model: 'gpt-4o-mini', messages: hi }).withResponse();
    assert.equal(data.model, 'openai:gpt-4o-mini');
    assert.equal(response.headers.get('x-oblix-model'), 'openai:gpt-4o-mini');
    assert.equal(response.headers.get('x-oblix-route'), 'explicit');
  });

  it('finds an installed Ollama model by its bare name, with or without the tag', async () => {
    for (const name of ['llama3.2', 'llama3.2:latest']) {
      const res = await h.client.chat.completions.create({ model: name, messages: hi });
      assert.equal(res.model, 'ollama:llama3.2:latest', name);
    }
    const coder = await h.client.chat.completions.create({ model: 'qwen2.5-coder:7b', messages: hi });
    assert.equal(coder.model, 'ollama:qwen2.5-coder:7b');
  });

  it('refuses an ambiguous bare name with 400 listing the candidates', async () => {
    await assert.rejects(h.client.chat.completions.create({ model: 'mistral', messages: hi }), (e: { status?: number; message?: string; code?: string }) => {
      assert.equal(e.status, 400);
      assert.equal(e.code, 'model_ambiguous');
      assert.match(e.message ?? '', /ollama:mistral:latest/);
      assert.match(e.message ?? '', /openai:mistral\b/);
      return true;
    });
  });

  it('logs the refusal as a routing decision, as any other refused name', async () => {
    await assert.rejects(h.client.chat.completions.create({ model: 'mistral', messages: hi }));
    const d = h.oblix.health().lastDecision;
    assert.equal(d?.requested, 'mistral');
    assert.equal(d?.reason, 'model_ambiguous');
  });

  it("gives an Ollama client Ollama's model of that name, as /api/tags lists it", async () => {
    const ollama = new Ollama({ host: h.base });
    const tags = (await ollama.list()).models.map((m) => m.name);
    assert.ok(tags.includes('mistral:latest'), tags.join(', '));
    for (const name of ['mistral', 'mistral:latest']) {
      const show = await ollama.show({ model: name });
      assert.match(show.modelfile, /FROM ollama:mistral:latest/, name);
      const res = await ollama.chat({ model: name, messages: hi });
      assert.equal(res.model, 'ollama:mistral:latest', name);
    }
  });

  it('answers 404 for a bare name no known model has', async () => {
    await assert.rejects(h.client.chat.completions.create({ model: 'gpt-9', messages: hi }), (e: { status?: number }) => e.status === 404);
  });
});
