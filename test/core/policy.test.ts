// The policy as a table of situations: (request, signals, settings) -> candidates with reasons.
import assert from 'node:assert/strict';
import { DEFAULT_THRESHOLDS, type RoutingMode } from '../../src/core/config';
import type { ModelEntry } from '../../src/core/routing/catalog';
import type { ProviderState } from '../../src/core/routing/connectivity';
import type { ModelFact } from '../../src/core/routing/model-facts';
import { plan, type Candidate } from '../../src/core/routing/policy';
import type { RequestFeatures } from '../../src/core/routing/request-features';
import { UNKNOWN_RESOURCES, type ResourceSnapshot } from '../../src/core/routing/resources';

const entry = (id: string, local: boolean): ModelEntry => ({ id, providerId: id.split(':')[0]!, model: id.split(':').slice(1).join(':'), local, localitySource: 'kind' });
const LOCAL = entry('ollama:llama3.2', true);
const CODER = entry('ollama:qwen2.5-coder', true);
const OPENAI = entry('openai:gpt-4o-mini', false);
const CLAUDE = entry('anthropic:claude-sonnet-5', false);
const GB = 1024 ** 3;

const fact = (e: ModelEntry, f: Partial<ModelFact> = {}): ModelFact => ({
  id: e.id, providerId: e.providerId, model: e.model, digest: 'd', sizeBytes: 2 * GB, loaded: true, loadedContextLength: null,
  contextLength: 8192, capabilities: ['completion', 'tools'], ...f,
});

const REQ: RequestFeatures = { promptTokens: 100, promptTokensAtMost: 100, outputTokens: 512, needsTools: false, hasImages: false, structuredOutput: false };

interface Row {
  name: string;
  models: ModelEntry[];
  req?: Partial<RequestFeatures>;
  states?: Record<string, ProviderState>;
  facts?: ModelFact[] | null; // null: the runtime told nothing
  resources?: Partial<ResourceSnapshot>;
  mode?: RoutingMode;
  want: string[];
  passed?: string[];
  empty?: RegExp;
}

const TABLE: Row[] = [
  { name: 'all up: local first, cloud as fallback', models: [LOCAL, OPENAI], want: ['ollama:llama3.2 local-preferred', 'openai:gpt-4o-mini cloud-fallback'] },
  { name: 'unknown state counts as up', models: [LOCAL, OPENAI], states: { ollama: 'unknown' }, want: ['ollama:llama3.2 local-preferred', 'openai:gpt-4o-mini cloud-fallback'] },
  { name: 'degraded still serves', models: [LOCAL, OPENAI], states: { ollama: 'degraded' }, want: ['ollama:llama3.2 local-preferred', 'openai:gpt-4o-mini cloud-fallback'] },
  { name: 'Ollama down: cloud first, local last', models: [LOCAL, OPENAI, CLAUDE], states: { ollama: 'offline' }, want: ['openai:gpt-4o-mini local-unreachable', 'anthropic:claude-sonnet-5 local-unreachable', 'ollama:llama3.2 last-resort'] },
  { name: 'cloud down: local, said so', models: [LOCAL, OPENAI], states: { openai: 'offline' }, want: ['ollama:llama3.2 cloud-unreachable', 'openai:gpt-4o-mini last-resort'], passed: ['openai:gpt-4o-mini cloud-unreachable'] },
  { name: 'no local model at all', models: [OPENAI], want: ['openai:gpt-4o-mini no-local-model'] },
  { name: 'prompt too long for the local context: cloud, local never', models: [LOCAL, OPENAI], req: { promptTokens: 9000 }, want: ['openai:gpt-4o-mini context-too-long'], passed: ['ollama:llama3.2 context-too-long'] },
  { name: 'a prompt over the default window but within the trained maximum stays local (num_ctx raised)', models: [LOCAL, OPENAI], facts: [fact(LOCAL, { contextLength: 131072, loadedContextLength: 4096 })], req: { promptTokens: 5000 }, want: ['ollama:llama3.2 local-preferred', 'openai:gpt-4o-mini cloud-fallback'] },
  { name: 'a second local model with room takes it', models: [LOCAL, CODER, OPENAI], facts: [fact(LOCAL), fact(CODER, { contextLength: 32768 })], req: { promptTokens: 9000 }, want: ['ollama:qwen2.5-coder local-preferred', 'openai:gpt-4o-mini cloud-fallback'] },
  { name: 'tools on a model without tools: cloud', models: [LOCAL, OPENAI], facts: [fact(LOCAL, { capabilities: ['completion'] })], req: { needsTools: true }, want: ['openai:gpt-4o-mini needs-tools'] },
  { name: 'images on a model without vision: cloud', models: [LOCAL, OPENAI], req: { hasImages: true }, want: ['openai:gpt-4o-mini needs-vision'] },
  { name: 'unknown capabilities do not block', models: [LOCAL, OPENAI], facts: null, req: { needsTools: true, hasImages: true, promptTokens: 100_000 }, want: ['ollama:llama3.2 local-preferred', 'openai:gpt-4o-mini cloud-fallback'] },
  { name: 'a model the runtime does not have', models: [entry('ollama:missing', true), OPENAI], facts: [fact(LOCAL)], want: ['openai:gpt-4o-mini not-installed'] },
  { name: 'busy CPU: cloud first, local as fallback', models: [LOCAL, OPENAI], resources: { cpuLoadSustainedPct: 97 }, want: ['openai:gpt-4o-mini local-busy', 'ollama:llama3.2 local-fallback'] },
  { name: 'not enough memory to load the model', models: [LOCAL, OPENAI], facts: [fact(LOCAL, { loaded: false, sizeBytes: 8 * GB })], resources: { memAvailableBytes: 4 * GB }, want: ['openai:gpt-4o-mini low-memory', 'ollama:llama3.2 local-fallback'] },
  { name: 'a loaded model needs no more memory', models: [LOCAL, OPENAI], facts: [fact(LOCAL, { loaded: true, sizeBytes: 8 * GB })], resources: { memAvailableBytes: 1 * GB }, want: ['ollama:llama3.2 local-preferred', 'openai:gpt-4o-mini cloud-fallback'] },
  { name: 'low battery, not charging', models: [LOCAL, OPENAI], resources: { battery: { present: true, charging: false, percent: 12 } }, want: ['openai:gpt-4o-mini low-battery', 'ollama:llama3.2 local-fallback'] },
  { name: 'low battery while charging is fine', models: [LOCAL, OPENAI], resources: { battery: { present: true, charging: true, percent: 12 } }, want: ['ollama:llama3.2 local-preferred', 'openai:gpt-4o-mini cloud-fallback'] },
  { name: 'busy machine, cloud down: local still serves', models: [LOCAL, OPENAI], states: { openai: 'offline' }, resources: { cpuLoadSustainedPct: 97 }, want: ['ollama:llama3.2 local-fallback', 'openai:gpt-4o-mini last-resort'] },
  { name: 'local-only never lists cloud', models: [LOCAL, OPENAI], states: { ollama: 'offline' }, mode: 'local-only', want: ['ollama:llama3.2 last-resort'] },
  { name: 'local-only serves a busy machine locally', models: [LOCAL, OPENAI], resources: { cpuLoadSustainedPct: 97 }, mode: 'local-only', want: ['ollama:llama3.2 local-only'] },
  { name: 'local-only with a prompt too long: empty, says why', models: [LOCAL, OPENAI], req: { promptTokens: 9000 }, mode: 'local-only', want: [], empty: /local-only.*exceed the 8192-token context/ },
  { name: 'local-only with no local model', models: [OPENAI], mode: 'local-only', want: [], empty: /local-only/ },
  { name: 'cloud-only skips local', models: [LOCAL, OPENAI], mode: 'cloud-only', want: ['openai:gpt-4o-mini cloud-only'] },
  { name: 'nothing configured', models: [], want: [], empty: /no model/ },
];

describe('routing policy', () => {
  for (const row of TABLE) {
    it(row.name, () => {
      const facts = row.facts === null ? [] : (row.facts ?? row.models.filter((m) => m.local && m.model !== 'missing').map((m) => fact(m)));
      const p = plan(
        { ...REQ, ...row.req, promptTokensAtMost: row.req?.promptTokens ?? REQ.promptTokens },
        {
          models: row.models,
          state: (id) => row.states?.[id] ?? 'online',
          fact: (e) => facts.find((f) => f.id === e.id),
          inventoried: (id) => facts.some((f) => f.providerId === id),
          resources: { ...UNKNOWN_RESOURCES, ...row.resources },
        },
        { mode: row.mode ?? 'auto', thresholds: DEFAULT_THRESHOLDS, ollamaContextLength: 4096 },
      );
      assert.deepEqual(p.candidates.map((c) => `${c.id} ${c.reason}`), row.want);
      if (row.passed) assert.deepEqual(p.passedOver.map((x) => `${x.id} ${x.code}`), row.passed);
      if (row.empty) assert.match(p.empty ?? '', row.empty);
    });
  }
});

// The answer's reserve counts with the prompt: need = prompt + answer, at each window's edge.
// The model is trained for 8192 tokens and runs with a 4096-token default window.
describe('routing policy: the answer reserve at the context boundary', () => {
  const route = (promptTokens: number, outputTokens = 512): ReturnType<typeof plan> => {
    const facts = [fact(LOCAL, { contextLength: 8192, loaded: false, loadedContextLength: null })];
    return plan(
      { ...REQ, promptTokens, promptTokensAtMost: promptTokens, outputTokens },
      {
        models: [LOCAL, OPENAI],
        state: () => 'online',
        fact: (e) => facts.find((f) => f.id === e.id),
        inventoried: () => true,
        resources: { ...UNKNOWN_RESOURCES, memAvailableBytes: 64 * GB },
      },
      { mode: 'auto', thresholds: { ...DEFAULT_THRESHOLDS, memoryHeadroom: 0 }, ollamaContextLength: 4096 },
    );
  };
  const local = (p: ReturnType<typeof plan>): Candidate | undefined => p.candidates.find((c) => c.id === LOCAL.id);

  it('prompt 7680 + answer 512 = 8192 fills the trained window exactly: local, num_ctx 8192, room 512', () => {
    const c = local(route(7680));
    assert.deepEqual(c && { reason: c.reason, window: c.contextWindow, numCtx: c.numCtx, room: c.answerRoom }, { reason: 'local-preferred', window: 8192, numCtx: 8192, room: 512 });
  });

  it('prompt 7681 + answer 512 = 8193 exceeds the trained 8192 although the prompt alone fits: cloud, local passed over', () => {
    const p = route(7681);
    assert.deepEqual(p.candidates.map((c) => `${c.id} ${c.reason}`), ['openai:gpt-4o-mini context-too-long']);
    assert.deepEqual(p.passedOver.map((x) => `${x.id} ${x.code}`), ['ollama:llama3.2 context-too-long']);
    assert.match(p.passedOver[0]!.detail, /~8193 tokens \(prompt plus answer\)/);
  });

  it('prompt 3584 + answer 512 = 4096 fits the default window: no num_ctx, room 512', () => {
    const c = local(route(3584));
    assert.deepEqual(c && { window: c.contextWindow, numCtx: c.numCtx, room: c.answerRoom }, { window: 4096, numCtx: undefined, room: 512 });
  });

  it('prompt 3585 + answer 512 = 4097 overflows the default window: num_ctx raised to 8192, room 8192 - 3585', () => {
    const c = local(route(3585));
    assert.deepEqual(c && { window: c.contextWindow, numCtx: c.numCtx, room: c.answerRoom }, { window: 8192, numCtx: 8192, room: 8192 - 3585 });
  });

  it('a larger answer reserve moves the edge: prompt 3000 + answer 2000 raises num_ctx', () => {
    assert.equal(local(route(3000, 2000))?.numCtx, 8192);
    assert.equal(local(route(3000, 1096))?.numCtx, undefined);
  });
});
