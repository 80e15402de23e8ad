// A stuck agent (request-features `stuck`, from stuck-agent.ts) in the policy: its turn goes to the
// strong tier first with reason `escalated`, whatever the preference's order; the small models stay
// behind; with no strong model, or in local-only, nothing changes.
import assert from 'node:assert/strict';
import { DEFAULT_THRESHOLDS, type RoutingMode } from '../../../src/core/config/config';
import type { ModelEntry } from '../../../src/core/routing/catalog';
import type { ModelFact } from '../../../src/core/routing/model-facts';
import { plan } from '../../../src/core/routing/policy';
import type { RequestFeatures } from '../../../src/core/routing/request-features';
import { UNKNOWN_RESOURCES } from '../../../src/core/routing/resources';
import type { Preference, Tier } from '../../../src/core/routing/tiers';

const entry = (id: string, local: boolean): ModelEntry => ({ id, providerId: id.split(':')[0]!, model: id.split(':').slice(1).join(':'), local, localitySource: 'kind' });
const LOCAL = entry('ollama:llama3.2', true);
const BIG = entry('ollama:qwen3-coder:30b', true);
const OPENAI = entry('openai:gpt-4o-mini', false);
const fact = (e: ModelEntry): ModelFact => ({
  id: e.id,
  providerId: e.providerId,
  model: e.model,
  digest: 'd',
  sizeBytes: 1,
  loaded: true,
  loadedContextLength: null,
  contextLength: 8192,
  capabilities: ['completion', 'tools'],
});
const STUCK: RequestFeatures = {
  promptTokens: 100,
  promptTokensAtMost: 100,
  outputTokens: 512,
  needsTools: true,
  hasImages: false,
  structuredOutput: false,
  stuck: 'the same tool call three turns in a row',
};

function order(models: ModelEntry[], prefer: Preference, tiers: Record<string, Tier> = {}, mode: RoutingMode = 'auto', req: RequestFeatures = STUCK): string[] {
  const facts = models.filter((m) => m.local).map(fact);
  const p = plan(
    req,
    { models, state: () => 'online', fact: (e) => facts.find((f) => f.id === e.id), inventoried: () => true, resources: UNKNOWN_RESOURCES },
    { mode, thresholds: DEFAULT_THRESHOLDS, ollamaContextLength: 4096 },
    { needs: { kind: 'agent', modifiers: [], difficulty: { score: 0, signals: [] } }, prefer, modelTiers: tiers },
  );
  return p.candidates.map((c) => `${c.id} ${c.reason}`);
}

describe('routing policy: a stuck agent is escalated', () => {
  it('prefer local: the strong (cloud) model first, escalated; the small one behind; not stuck, the usual order', () => {
    assert.deepEqual(order([LOCAL, OPENAI], 'local'), ['openai:gpt-4o-mini escalated', 'ollama:llama3.2 tier-fallback']);
    assert.deepEqual(order([LOCAL, OPENAI], 'local', {}, 'auto', { ...STUCK, stuck: null }), ['ollama:llama3.2 local-preferred', 'openai:gpt-4o-mini cloud-fallback']);
  });
  it('a local model declared strong is escalated to, before the cloud', () => {
    assert.deepEqual(order([LOCAL, BIG, OPENAI], 'local', { 'ollama:qwen3-coder:30b': 'strong' }), [
      'ollama:qwen3-coder:30b escalated',
      'openai:gpt-4o-mini escalated',
      'ollama:llama3.2 tier-fallback',
    ]);
  });
  it('no strong model, or local-only: nothing to escalate to, the usual order', () => {
    assert.deepEqual(order([LOCAL], 'local'), ['ollama:llama3.2 local-preferred']);
    assert.deepEqual(order([LOCAL, OPENAI], 'local', {}, 'local-only'), ['ollama:llama3.2 local-only']);
  });
  it('every model strong already: no escalation to speak of', () => {
    assert.deepEqual(order([OPENAI], 'balanced'), ['openai:gpt-4o-mini agent-strong']);
  });
});
