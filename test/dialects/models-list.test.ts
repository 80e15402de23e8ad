// GET /v1/models through the real `openai` SDK: OpenAI's list shape, `auto` owned by Oblix and serving
// every role, each model owned by its provider with the roles it serves, a local model's window in
// the fields Claude Code's model discovery reads, and `created` in seconds.
import assert from 'node:assert/strict';
import { startHarness, type Harness } from '../harness';
import { raw } from '../raw-http';

describe('GET /v1/models', () => {
  let h: Harness;
  before(async () => (h = await startHarness()));
  after(() => h.stop());

  it('lists auto and each model with its owner, roles and (local) window', async () => {
    const page = await h.client.models.list();
    const window = h.oblix.agentWindow('ollama:llama3.2:latest');
    assert.ok(window, 'the fake Ollama model has a known window');
    const local = { max_input_tokens: window.window, max_tokens: window.output };
    assert.deepEqual(
      page.data.map(({ created: _, ...m }) => m),
      [
        { id: 'auto', object: 'model', owned_by: 'oblix', roles: ['chat', 'completion', 'embedding'], ...local },
        { id: 'ollama:llama3.2:latest', object: 'model', owned_by: 'ollama', roles: ['chat', 'completion'], ...local },
        { id: 'openai:gpt-4o-mini', object: 'model', owned_by: 'openai', roles: ['chat'] },
        { id: 'anthropic:claude-sonnet-5', object: 'model', owned_by: 'anthropic', roles: ['chat'] },
      ],
    );
  });

  it("is OpenAI's list object with created as a Unix time in seconds", async () => {
    const r = await raw(h.base, { method: 'GET', path: '/v1/models' });
    const body = r.json as { object: string; data: { created: number }[] };
    assert.equal(body.object, 'list');
    const now = Date.now() / 1000;
    for (const m of body.data) assert.ok(Number.isInteger(m.created) && Math.abs(m.created - now) < 86_400, String(m.created));
  });
});
