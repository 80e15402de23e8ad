// The policy's tier order as a table: (needs, preference, declared tiers, signals) -> candidates with
// reasons. Capacity filters first; the tier the request's row puts first leads; `local` is the old order.
import assert from 'node:assert/strict';
import { DEFAULT_THRESHOLDS, type RoutingMode } from '../../../src/core/config/config';
import type { ModelEntry } from '../../../src/core/routing/catalog';
import type { ProviderState } from '../../../src/core/routing/connectivity';
import type { ModelFact } from '../../../src/core/routing/model-facts';
import { plan, type ByNeed } from '../../../src/core/routing/policy';
import type { RequestFeatures } from '../../../src/core/routing/request-features';
import type { RequestNeeds } from '../../../src/core/routing/request-needs';
import { UNKNOWN_RESOURCES, type ResourceSnapshot } from '../../../src/core/routing/resources';
import type { Preference, Tier } from '../../../src/core/routing/tiers';

const entry = (id: string, local: boolean): ModelEntry => ({ id, providerId: id.split(':')[0]!, model: id.split(':').slice(1).join(':'), local, localitySource: 'kind' });
const LOCAL = entry('ollama:llama3.2', true);
const BIG = entry('ollama:qwen3-coder:30b', true);
const OPENAI = entry('openai:gpt-4o-mini', false);
const CLAUDE = entry('anthropic:claude-sonnet-5', false);
const fact = (e: ModelEntry, f: Partial<ModelFact> = {}): ModelFact => ({
  id: e.id,
  providerId: e.providerId,
  model: e.model,
  digest: 'd',
  sizeBytes: 1,
  loaded: true,
  loadedContextLength: null,
  contextLength: 8192,
  capabilities: ['completion', 'tools'],
  ...f,
});
const REQ: RequestFeatures = { promptTokens: 100, promptTokensAtMost: 100, outputTokens: 512, needsTools: false, hasImages: false, structuredOutput: false };
const needs = (kind: RequestNeeds['kind'], score = 0, modifiers: RequestNeeds['modifiers'] = []): RequestNeeds => ({ kind, modifiers, difficulty: { score, signals: [] } });

interface Row {
  name: string;
  needs: RequestNeeds;
  prefer: Preference;
  models?: ModelEntry[];
  tiers?: Record<string, Tier>;
  states?: Record<string, ProviderState>;
  facts?: ModelFact[];
  resources?: Partial<ResourceSnapshot>;
  req?: Partial<RequestFeatures>;
  mode?: RoutingMode;
  want: string[];
}

const TABLE: Row[] = [
  {
    name: 'balanced, agent: strong first, small as tier fallback',
    needs: needs('agent'),
    prefer: 'balanced',
    want: ['openai:gpt-4o-mini agent-strong', 'anthropic:claude-sonnet-5 agent-strong', 'ollama:llama3.2 tier-fallback'],
  },
  {
    name: 'balanced, easy chat: small first',
    needs: needs('chat', 0.1),
    prefer: 'balanced',
    want: ['ollama:llama3.2 chat-easy-small', 'openai:gpt-4o-mini tier-fallback', 'anthropic:claude-sonnet-5 tier-fallback'],
  },
  {
    name: 'balanced, hard chat',
    needs: needs('chat', 0.3),
    prefer: 'balanced',
    want: ['openai:gpt-4o-mini chat-hard-strong', 'anthropic:claude-sonnet-5 chat-hard-strong', 'ollama:llama3.2 tier-fallback'],
  },
  {
    name: 'balanced, easy chat that asks for reasoning',
    needs: needs('chat', 0, ['reasoning']),
    prefer: 'balanced',
    want: ['openai:gpt-4o-mini reasoning-strong', 'anthropic:claude-sonnet-5 reasoning-strong', 'ollama:llama3.2 tier-fallback'],
  },
  {
    name: 'quality, easy chat: strong',
    needs: needs('chat'),
    prefer: 'quality',
    want: ['openai:gpt-4o-mini chat-easy-strong', 'anthropic:claude-sonnet-5 chat-easy-strong', 'ollama:llama3.2 tier-fallback'],
  },
  {
    name: 'quality, background: small',
    needs: needs('background'),
    prefer: 'quality',
    want: ['ollama:llama3.2 background-small', 'openai:gpt-4o-mini tier-fallback', 'anthropic:claude-sonnet-5 tier-fallback'],
  },
  {
    name: 'quality, autocomplete: small',
    needs: needs('autocomplete'),
    prefer: 'quality',
    models: [LOCAL, OPENAI],
    want: ['ollama:llama3.2 autocomplete-small', 'openai:gpt-4o-mini tier-fallback'],
  },
  {
    name: 'local: the old order for an agent',
    needs: needs('agent'),
    prefer: 'local',
    want: ['ollama:llama3.2 local-preferred', 'openai:gpt-4o-mini cloud-fallback', 'anthropic:claude-sonnet-5 cloud-fallback'],
  },
  {
    name: 'local: declared tiers change nothing',
    needs: needs('agent'),
    prefer: 'local',
    models: [LOCAL, OPENAI],
    tiers: { 'openai:gpt-4o-mini': 'small', 'ollama:llama3.2': 'strong' },
    want: ['ollama:llama3.2 local-preferred', 'openai:gpt-4o-mini cloud-fallback'],
  },
  {
    name: 'balanced agent, cloud down: small, saying why',
    needs: needs('agent'),
    prefer: 'balanced',
    models: [LOCAL, OPENAI],
    states: { openai: 'offline' },
    want: ['ollama:llama3.2 cloud-unreachable', 'openai:gpt-4o-mini last-resort'],
  },
  { name: 'balanced agent, no cloud model: no-strong-model', needs: needs('agent'), prefer: 'balanced', models: [LOCAL], want: ['ollama:llama3.2 no-strong-model'] },
  { name: 'balanced background, no local model: no-small-model', needs: needs('background'), prefer: 'balanced', models: [OPENAI], want: ['openai:gpt-4o-mini no-small-model'] },
  {
    name: 'background that needs tools the small model lacks: strong, with the capacity reason',
    needs: needs('background'),
    prefer: 'balanced',
    models: [LOCAL, OPENAI],
    facts: [fact(LOCAL, { capabilities: ['completion'] })],
    req: { needsTools: true },
    want: ['openai:gpt-4o-mini needs-tools'],
  },
  {
    name: 'easy chat on a busy machine: the busy small model after every model that can serve',
    needs: needs('chat'),
    prefer: 'balanced',
    models: [LOCAL, OPENAI],
    resources: { cpuLoadSustainedPct: 97 },
    want: ['openai:gpt-4o-mini local-busy', 'ollama:llama3.2 local-fallback'],
  },
  {
    name: 'hard chat on a busy machine: strong, then the busy local model',
    needs: needs('chat', 0.9),
    prefer: 'balanced',
    models: [LOCAL, OPENAI],
    resources: { cpuLoadSustainedPct: 97 },
    want: ['openai:gpt-4o-mini chat-hard-strong', 'ollama:llama3.2 local-fallback'],
  },
  {
    name: 'a local model declared strong leads an agent turn',
    needs: needs('agent'),
    prefer: 'balanced',
    models: [LOCAL, BIG, OPENAI],
    tiers: { 'ollama:qwen3-coder:30b': 'strong' },
    want: ['ollama:qwen3-coder:30b agent-strong', 'openai:gpt-4o-mini agent-strong', 'ollama:llama3.2 tier-fallback'],
  },
  {
    name: 'local-only: tiers order the local models, the reason stays',
    needs: needs('agent'),
    prefer: 'balanced',
    mode: 'local-only',
    models: [LOCAL, BIG, OPENAI],
    tiers: { 'ollama:qwen3-coder:30b': 'strong' },
    want: ['ollama:qwen3-coder:30b local-only', 'ollama:llama3.2 local-only'],
  },
  {
    name: 'cloud-only: a cloud model declared small leads a background call',
    needs: needs('background'),
    prefer: 'balanced',
    mode: 'cloud-only',
    models: [CLAUDE, OPENAI, LOCAL],
    tiers: { 'openai:gpt-4o-mini': 'small' },
    want: ['openai:gpt-4o-mini cloud-only', 'anthropic:claude-sonnet-5 cloud-only'],
  },
];

describe('routing policy: tiers by need', () => {
  for (const row of TABLE) {
    it(row.name, () => {
      const models = row.models ?? [LOCAL, OPENAI, CLAUDE];
      const facts = row.facts ?? models.filter((m) => m.local).map((m) => fact(m));
      const byNeed: ByNeed = { needs: row.needs, prefer: row.prefer, modelTiers: row.tiers ?? {} };
      const p = plan(
        { ...REQ, ...row.req },
        {
          models,
          state: (id) => row.states?.[id] ?? 'online',
          fact: (e) => facts.find((f) => f.id === e.id),
          inventoried: (id) => facts.some((f) => f.providerId === id),
          resources: { ...UNKNOWN_RESOURCES, ...row.resources },
        },
        { mode: row.mode ?? 'auto', thresholds: DEFAULT_THRESHOLDS, ollamaContextLength: 4096 },
        byNeed,
      );
      assert.deepEqual(
        p.candidates.map((c) => `${c.id} ${c.reason}`),
        row.want,
      );
    });
  }
});
