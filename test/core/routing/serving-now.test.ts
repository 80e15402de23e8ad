// One answer to "who serves a plain chat request now, and why", for the status bar and the chat view.
import assert from 'node:assert/strict';
import { validateChatRequest } from '../../../src/core/dialects/openai-chat/parse';
import { AGENT_TURN, PLAIN_CHAT } from '../../../src/core/routing/serving-now';
import { startHarness } from '../../harness';

describe('Oblix.servingNow', () => {
  it('asks about the request the chat dialect parses from one short question', () => {
    assert.deepEqual(PLAIN_CHAT, validateChatRequest({ model: 'auto', messages: [{ role: 'user', content: 'Hello' }] }));
    const tools = [{ type: 'function', function: { name: 'read', parameters: { type: 'object' } } }];
    assert.deepEqual(AGENT_TURN, validateChatRequest({ model: 'auto', messages: [{ role: 'user', content: 'Hello' }], tools }));
  });

  it("names auto's first live model and its reason, or the default model the user chose", async () => {
    const h = await startHarness();
    try {
      assert.deepEqual(h.oblix.servingNow(), { id: 'ollama:llama3.2:latest', local: true, reason: 'local-preferred', empty: null });
      // The reason stays auto's: the status bar's tooltip tells what auto would do next.
      assert.deepEqual(h.oblix.servingNow('openai:gpt-4o-mini'), { id: 'openai:gpt-4o-mini', local: false, reason: 'local-preferred', empty: null });
    } finally {
      await h.stop();
    }
  });

  it('counts models kept only as a last resort (their provider did not answer) as not serving', async () => {
    const h = await startHarness({ upstreamsDown: true });
    try {
      assert.equal(h.oblix.plan(PLAIN_CHAT).candidates.length, 3);
      assert.deepEqual(h.oblix.servingNow(), { id: null, local: false, reason: null, empty: null });
      assert.equal(h.oblix.servingNow('ollama:llama3.2:latest').id, 'ollama:llama3.2:latest');
    } finally {
      await h.stop();
    }
  });

  it('says why when the policy has no model at all for auto', async () => {
    const h = await startHarness({ configure: (c) => ((c.localModels = []), (c.mode = 'local-only')), before: (x) => (x.ollama.models = []) });
    try {
      const now = h.oblix.servingNow();
      assert.equal(now.id, null);
      assert.match(now.empty ?? '', /\S/);
    } finally {
      await h.stop();
    }
  });
});
