// One code for one cause in every dialect: an unknown model is `model_not_found` whoever says so, an
// upstream's `param` reaches the client, and an empty list is `empty_array` everywhere.
import assert from 'node:assert/strict';
import { startHarness, type Harness } from '../harness';
import { assertError, raw } from '../raw-http';

const HI = [{ role: 'user', content: 'hi' }];

describe('error structure: one code per cause across dialects', () => {
  let h: Harness;
  before(async () => void (h = await startHarness()));
  after(() => h.stop());
  afterEach(() => h.resetFakes());

  for (const model of ['ollama:nope', 'anthropic:nope', 'openai:nope']) {
    it(`${model} (the upstream has no such model) → 404 model_not_found in chat, Messages and Ollama`, async () => {
      const chat = await raw(h.base, { body: { model, messages: HI } });
      const e = assertError(chat, 404);
      assert.deepEqual([e.code, e.param], ['model_not_found', 'model'], chat.text);
      assert.equal(chat.headers['x-oblix-route'], 'model_not_found');
      const messages = await raw(h.base, { path: '/v1/messages', body: { model, max_tokens: 8, messages: HI } });
      assert.equal(messages.status, 404, messages.text);
      assert.equal(messages.headers['x-oblix-route'], 'model_not_found');
      const ollama = await raw(h.base, { path: '/api/chat', body: { model, messages: HI } });
      assert.equal(ollama.status, 404, ollama.text);
      assert.equal(ollama.headers['x-oblix-route'], 'model_not_found');
    });
  }

  it("an upstream 400 keeps the upstream's param", async () => {
    h.openai.faults = { status: 400, message: "Invalid value for 'temperature'", param: 'temperature' };
    const e = assertError(await raw(h.base, { body: { model: 'openai:gpt-4o-mini', messages: HI, temperature: 1.5 } }), 400);
    assert.equal(e.param, 'temperature');
    assert.match(e.message, /Invalid value for 'temperature'/);
  });

  const EMPTY: { path: string; body: Record<string, unknown> }[] = [
    { path: '/v1/chat/completions', body: { model: 'auto', messages: [] } },
    { path: '/v1/messages', body: { model: 'auto', max_tokens: 8, messages: [] } },
    { path: '/v1/responses', body: { model: 'auto', input: [] } },
    { path: '/v1/completions', body: { model: 'auto', prompt: [] } },
    { path: '/v1/embeddings', body: { model: 'auto', input: [] } },
    { path: '/api/chat', body: { model: 'auto', messages: [] } },
    { path: '/api/embed', body: { model: 'auto', input: [] } },
  ];
  for (const { path, body } of EMPTY) {
    it(`${path} with an empty list → 400 empty_array`, async () => {
      const r = await raw(h.base, { path, body });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.headers['x-oblix-route'], 'empty_array', r.text);
      const inner = (r.json as { error?: unknown }).error;
      if (typeof inner === 'object' && inner !== null && 'code' in inner) assert.equal((inner as { code: unknown }).code, 'empty_array');
    });
  }
});
