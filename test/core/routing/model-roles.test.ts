// Which models serve chat, completion and embedding: the user's `roles` when set, else capabilities.
import assert from 'node:assert/strict';
import type { ModelEntry } from '../../../src/core/routing/catalog';
import type { ModelFact } from '../../../src/core/routing/model-facts';
import { autoEmbeddingModel, chatModels, completionModels, rolesOf, type Role, type RoleSignals } from '../../../src/core/routing/model-roles';

interface Model {
  id: string;
  local: boolean;
  /** null: the runtime does not say. */
  caps: string[] | null;
  /** The roles its provider can call at all (`complete`, `embed`). */
  can?: Exclude<Role, 'chat'>[];
}

/** Signals for these models, in this order; `entry` knows every listed id and no other. */
function signals(models: Model[]): RoleSignals {
  const byId = new Map(models.map((m) => [m.id, m]));
  const entry = (id: string): ModelEntry | null => {
    if (!byId.has(id)) return null;
    const at = id.indexOf(':');
    return { id, providerId: id.slice(0, at), model: id.slice(at + 1), local: byId.get(id)!.local, localitySource: 'kind' };
  };
  return {
    entries: models.map((m) => entry(m.id)!),
    entry,
    fact: (e) =>
      ({
        id: e.id,
        providerId: e.providerId,
        model: e.model,
        digest: null,
        sizeBytes: null,
        loaded: false,
        loadedContextLength: null,
        contextLength: null,
        capabilities: byId.get(e.id)!.caps,
      }) satisfies ModelFact,
    supports: (e, role) => (byId.get(e.id)!.can ?? ['completion', 'embedding']).includes(role),
  };
}

const ids = (list: readonly ModelEntry[]): string[] => list.map((e) => e.id);

describe('model roles', () => {
  const chat: Model = { id: 'ollama:llama', local: true, caps: ['completion'] };
  const fim: Model = { id: 'ollama:coder', local: true, caps: ['completion', 'insert'] };
  const embed: Model = { id: 'ollama:nomic', local: true, caps: ['embedding'] };
  const cloud: Model = { id: 'openai:gpt', local: false, caps: null };

  it('chat: the named models, unknown names dropped', () => {
    const s = signals([chat, fim, cloud]);
    assert.deepEqual(ids(chatModels(s, { chat: ['openai:gpt', 'ollama:gone'] })), ['openai:gpt']);
    assert.deepEqual(ids(chatModels(s, {})), ['ollama:llama', 'ollama:coder', 'openai:gpt']);
  });

  it('completion: unnamed, only local models whose runtime says they can', () => {
    const unsaid: Model = { id: 'ollama:unsaid', local: true, caps: null };
    const cloudCan: Model = { id: 'openai:gpt', local: false, caps: ['completion'] };
    const s = signals([chat, fim, unsaid, cloud, cloudCan, embed]);
    assert.deepEqual(ids(completionModels(s, {}, false)), ['ollama:llama', 'ollama:coder']);
    assert.deepEqual(ids(completionModels(s, {}, true)), ['ollama:coder']);
  });

  it('completion: named models, unknown names dropped, only where the provider can complete', () => {
    const noComplete: Model = { id: 'lms:qwen', local: true, caps: ['completion'], can: ['embedding'] };
    const s = signals([chat, noComplete, cloud]);
    assert.deepEqual(ids(completionModels(s, { completion: ['openai:gpt', 'ollama:gone', 'lms:qwen'] }, false)), ['openai:gpt']);
    assert.deepEqual(ids(completionModels(s, {}, false)), ['ollama:llama']);
  });

  it('auto embedding: the first local embedding model by name, where the provider can embed', () => {
    const zed: Model = { id: 'ollama:zed-embed', local: true, caps: ['embedding'] };
    const cloudEmbed: Model = { id: 'openai:a-embed', local: false, caps: ['embedding'] };
    const noEmbed: Model = { id: 'lms:b-embed', local: true, caps: ['embedding'], can: ['completion'] };
    const unsaid: Model = { id: 'ollama:a-unsaid', local: true, caps: null };
    assert.equal(autoEmbeddingModel(signals([zed, cloudEmbed, noEmbed, unsaid, chat, embed]), {})?.id, 'ollama:nomic');
    assert.equal(autoEmbeddingModel(signals([cloudEmbed, noEmbed, unsaid, chat]), {}), null);
    assert.equal(autoEmbeddingModel(signals([zed, embed]), { embedding: ['openai:x', 'ollama:zed-embed'] }), null);
    assert.equal(autoEmbeddingModel(signals([zed, embed]), { embedding: ['ollama:zed-embed'] })?.id, 'ollama:zed-embed');
  });

  it('rolesOf: each role once per model', () => {
    const unsaid: Model = { id: 'ollama:unsaid', local: true, caps: null };
    const roles = rolesOf(signals([chat, fim, embed, unsaid, cloud]), {});
    assert.deepEqual(
      [...roles],
      [
        ['ollama:llama', ['chat', 'completion']],
        ['ollama:coder', ['chat', 'completion']],
        ['ollama:unsaid', ['chat']],
        ['openai:gpt', ['chat']],
        ['ollama:nomic', ['embedding']],
      ],
    );
    const named = rolesOf(signals([chat, embed, cloud]), { chat: ['openai:gpt'], completion: ['openai:gpt'], embedding: ['openai:gpt', 'ollama:gone'] });
    assert.deepEqual([...named], [['openai:gpt', ['chat', 'completion', 'embedding']]]);
  });
});
