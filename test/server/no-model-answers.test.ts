// "No model can answer" is one answer, 503 no_model_available, whichever endpoint asked; and when a
// mode is why, the message names the mode and where to change it.
import assert from 'node:assert/strict';
import { type Harness } from '../harness';
import { assertError, raw } from '../raw-http';
import { startDialectHarness } from '../dialects/ollama-fixture';

const HI = [{ role: 'user', content: 'hi' }];

describe('no model can answer', () => {
  let h: Harness;
  afterEach(() => h.stop());

  it('local-only with Ollama down: 503 naming the mode, the flag, the config field and the setting, and no cloud provider', async () => {
    h = await startDialectHarness({ configure: (c) => (c.mode = 'local-only') });
    await h.ollama.stop();
    const e = assertError(await raw(h.base, { body: { model: 'auto', messages: HI } }), 503);
    assert.equal(e.code, 'no_model_available');
    assert.match(e.message, /local-only mode/);
    assert.match(e.message, /--mode/);
    assert.match(e.message, /"mode"/);
    assert.match(e.message, /oblix\.routing\.mode/);
    assert.match(e.message, /Ollama/);
    assert.doesNotMatch(e.message, /openai|anthropic/, 'cloud providers are no part of a local-only answer');
  });

  it('auto with every upstream down: chat, completions and embeddings all answer 503 no_model_available', async () => {
    h = await startDialectHarness();
    await Promise.all([h.ollama.stop(), h.openai.stop(), h.anthropic.stop()]);
    for (const [path, body] of [
      ['/v1/chat/completions', { model: 'auto', messages: HI }],
      ['/v1/completions', { model: 'auto', prompt: 'x' }],
      ['/v1/embeddings', { model: 'auto', input: 'x' }],
    ] as const) {
      const r = await raw(h.base, { path, body });
      const e = assertError(r, 503, path);
      assert.equal(e.code, 'no_model_available', `${path}: ${r.text}`);
      assert.equal(r.headers['x-oblix-route'], 'no_model_available', path);
      assert.doesNotMatch(e.message, /-only mode|--mode/, `${path}: auto excludes no model, so no mode is named`);
    }
    const ollama = await raw(h.base, { path: '/api/embed', body: { model: 'auto', input: 'x' } });
    assert.equal(ollama.status, 503, ollama.text);
  });
});
