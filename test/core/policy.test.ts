// The policy as a table of situations: (models, provider states, mode) -> candidates with reasons.
import assert from 'node:assert/strict';
import type { RoutingMode } from '../../src/core/config';
import type { ModelEntry } from '../../src/core/routing/catalog';
import type { ProviderState } from '../../src/core/routing/connectivity';
import { planAuto } from '../../src/core/routing/policy';

const entry = (id: string, local: boolean): ModelEntry => ({ id, providerId: id.split(':')[0]!, model: id.split(':').slice(1).join(':'), local });
const LOCAL = entry('ollama:llama3.2', true);
const OPENAI = entry('openai:gpt-4o-mini', false);
const CLAUDE = entry('anthropic:claude-sonnet-5', false);

interface Row {
  name: string;
  models: ModelEntry[];
  states: Record<string, ProviderState>;
  mode: RoutingMode;
  want: string[];
  empty?: RegExp;
}

const TABLE: Row[] = [
  { name: 'all up: local first', models: [LOCAL, OPENAI], states: {}, mode: 'auto', want: ['ollama:llama3.2 local-preferred', 'openai:gpt-4o-mini cloud-fallback'] },
  { name: 'unknown state counts as up', models: [LOCAL, OPENAI], states: { ollama: 'unknown' }, mode: 'auto', want: ['ollama:llama3.2 local-preferred', 'openai:gpt-4o-mini cloud-fallback'] },
  { name: 'Ollama down: cloud first, local last', models: [LOCAL, OPENAI, CLAUDE], states: { ollama: 'offline' }, mode: 'auto', want: ['openai:gpt-4o-mini local-unreachable', 'anthropic:claude-sonnet-5 local-unreachable', 'ollama:llama3.2 last-resort'] },
  { name: 'cloud down: local, said so', models: [LOCAL, OPENAI], states: { openai: 'offline' }, mode: 'auto', want: ['ollama:llama3.2 cloud-unreachable', 'openai:gpt-4o-mini last-resort'] },
  { name: 'no local model at all', models: [OPENAI], states: {}, mode: 'auto', want: ['openai:gpt-4o-mini no-local-model'] },
  { name: 'local-only never lists cloud', models: [LOCAL, OPENAI], states: { ollama: 'offline' }, mode: 'local-only', want: ['ollama:llama3.2 last-resort'] },
  { name: 'local-only with no local model', models: [OPENAI], states: {}, mode: 'local-only', want: [], empty: /local-only/ },
  { name: 'cloud-only skips local', models: [LOCAL, OPENAI], states: {}, mode: 'cloud-only', want: ['openai:gpt-4o-mini cloud-only'] },
  { name: 'nothing configured', models: [], states: {}, mode: 'auto', want: [], empty: /no model/ },
];

describe('routing policy', () => {
  for (const row of TABLE) {
    it(row.name, () => {
      const plan = planAuto({ models: row.models, state: (id) => row.states[id] ?? 'online' }, row.mode);
      assert.deepEqual(plan.candidates.map((c) => `${c.id} ${c.reason}`), row.want);
      if (row.empty) assert.match(plan.empty ?? '', row.empty);
    });
  }
});
