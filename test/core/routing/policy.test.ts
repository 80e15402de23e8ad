// The policy as a table of situations: (request, signals, settings) -> candidates with reasons.
import assert from 'node:assert/strict';
import { DEFAULT_THRESHOLDS, type RoutingMode } from '../../../src/core/config/config';
import type { ModelEntry } from '../../../src/core/routing/catalog';
import type { ProviderState } from '../../../src/core/routing/connectivity';
import type { ModelFact } from '../../../src/core/routing/model-facts';
import { plan, type Candidate, type Plan } from '../../../src/core/routing/policy';
import type { RequestFeatures } from '../../../src/core/routing/request-features';
import { UNKNOWN_RESOURCES, type ResourceSnapshot } from '../../../src/core/routing/resources';

const entry = (id: string, local: boolean): ModelEntry => ({ id, providerId: id.split(':')[0]!, model: id.split(':').slice(1).join(':'), local, localitySource: 'kind' });
const LOCAL = entry('ollama:llama3.2', true);
const CODER = entry('ollama:qwen2.5-coder', true);
const OPENAI = entry('openai:gpt-4o-mini', false);
const CLAUDE = entry('anthropic:claude-sonnet-5', false);
const GB = 1024 ** 3;

const fact = (e: ModelEntry, f: Partial<ModelFact> = {}): ModelFact => ({
  id: e.id,
  providerId: e.providerId,
  model: e.model,
  digest: 'd',
  sizeBytes: 2 * GB,
  loaded: true,
  loadedContextLength: null,
  contextLength: 8192,
  capabilities: ['completion', 'tools'],
  ...f,
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
  {
    name: 'Ollama down: cloud first, local last',
    models: [LOCAL, OPENAI, CLAUDE],
    states: { ollama: 'offline' },
    want: ['openai:gpt-4o-mini local-unreachable', 'anthropic:claude-sonnet-5 local-unreachable', 'ollama:llama3.2 last-resort'],
  },
  {
    name: 'cloud down: local, said so',
    models: [LOCAL, OPENAI],
    states: { openai: 'offline' },
    want: ['ollama:llama3.2 cloud-unreachable', 'openai:gpt-4o-mini last-resort'],
    passed: ['openai:gpt-4o-mini cloud-unreachable'],
  },
  { name: 'no local model at all', models: [OPENAI], want: ['openai:gpt-4o-mini no-local-model'] },
  {
    name: 'prompt too long for the local context: cloud, local never',
    models: [LOCAL, OPENAI],
    req: { promptTokens: 9000 },
    want: ['openai:gpt-4o-mini context-too-long'],
    passed: ['ollama:llama3.2 context-too-long'],
  },
  {
    name: 'a prompt over the default window but within the trained maximum stays local (num_ctx raised)',
    models: [LOCAL, OPENAI],
    facts: [fact(LOCAL, { contextLength: 131072, loadedContextLength: 4096 })],
    req: { promptTokens: 5000 },
    want: ['ollama:llama3.2 local-preferred', 'openai:gpt-4o-mini cloud-fallback'],
  },
  {
    name: 'a second local model with room takes it',
    models: [LOCAL, CODER, OPENAI],
    facts: [fact(LOCAL), fact(CODER, { contextLength: 32768 })],
    req: { promptTokens: 9000 },
    want: ['ollama:qwen2.5-coder local-preferred', 'openai:gpt-4o-mini cloud-fallback'],
  },
  {
    name: 'tools on a model without tools: cloud',
    models: [LOCAL, OPENAI],
    facts: [fact(LOCAL, { capabilities: ['completion'] })],
    req: { needsTools: true },
    want: ['openai:gpt-4o-mini needs-tools'],
  },
  { name: 'images on a model without vision: cloud', models: [LOCAL, OPENAI], req: { hasImages: true }, want: ['openai:gpt-4o-mini needs-vision'] },
  {
    name: 'unknown capabilities do not block',
    models: [LOCAL, OPENAI],
    facts: null,
    req: { needsTools: true, hasImages: true, promptTokens: 100_000 },
    want: ['ollama:llama3.2 local-preferred', 'openai:gpt-4o-mini cloud-fallback'],
  },
  { name: 'a model the runtime does not have', models: [entry('ollama:missing', true), OPENAI], facts: [fact(LOCAL)], want: ['openai:gpt-4o-mini not-installed'] },
  {
    name: 'no sustained load known yet (right after a start): local first, whatever the load now',
    models: [LOCAL, OPENAI],
    resources: { cpuLoadPct: 100, cpuLoadSustainedPct: null },
    want: ['ollama:llama3.2 local-preferred', 'openai:gpt-4o-mini cloud-fallback'],
  },
  {
    name: 'busy CPU: cloud first, local as fallback',
    models: [LOCAL, OPENAI],
    resources: { cpuLoadSustainedPct: 97 },
    want: ['openai:gpt-4o-mini local-busy', 'ollama:llama3.2 local-fallback'],
  },
  {
    name: 'not enough memory to load the model',
    models: [LOCAL, OPENAI],
    facts: [fact(LOCAL, { loaded: false, sizeBytes: 8 * GB })],
    resources: { memAvailableBytes: 4 * GB },
    want: ['openai:gpt-4o-mini low-memory', 'ollama:llama3.2 local-fallback'],
  },
  {
    name: 'a loaded model needs no more memory',
    models: [LOCAL, OPENAI],
    facts: [fact(LOCAL, { loaded: true, sizeBytes: 8 * GB })],
    resources: { memAvailableBytes: 1 * GB },
    want: ['ollama:llama3.2 local-preferred', 'openai:gpt-4o-mini cloud-fallback'],
  },
  {
    name: 'low battery, not charging',
    models: [LOCAL, OPENAI],
    resources: { battery: { present: true, charging: false, percent: 12 } },
    want: ['openai:gpt-4o-mini low-battery', 'ollama:llama3.2 local-fallback'],
  },
  {
    name: 'low battery while charging is fine',
    models: [LOCAL, OPENAI],
    resources: { battery: { present: true, charging: true, percent: 12 } },
    want: ['ollama:llama3.2 local-preferred', 'openai:gpt-4o-mini cloud-fallback'],
  },
  {
    name: 'busy machine, cloud down: local still serves',
    models: [LOCAL, OPENAI],
    states: { openai: 'offline' },
    resources: { cpuLoadSustainedPct: 97 },
    want: ['ollama:llama3.2 local-fallback', 'openai:gpt-4o-mini last-resort'],
  },
  { name: 'local-only never lists cloud', models: [LOCAL, OPENAI], states: { ollama: 'offline' }, mode: 'local-only', want: ['ollama:llama3.2 last-resort'] },
  { name: 'local-only serves a busy machine locally', models: [LOCAL, OPENAI], resources: { cpuLoadSustainedPct: 97 }, mode: 'local-only', want: ['ollama:llama3.2 local-only'] },
  {
    name: 'local-only with a prompt too long: empty, says why',
    models: [LOCAL, OPENAI],
    req: { promptTokens: 9000 },
    mode: 'local-only',
    want: [],
    empty: /local-only.*exceed the 8192-token context/,
  },
  { name: 'local-only with no local model', models: [OPENAI], mode: 'local-only', want: [], empty: /local-only/ },
  { name: 'cloud-only skips local', models: [LOCAL, OPENAI], mode: 'cloud-only', want: ['openai:gpt-4o-mini cloud-only'] },
  { name: 'nothing configured', models: [], want: [], empty: /no model/ },
];

function planFor(row: Omit<Row, 'name' | 'want'>): Plan {
  const facts = row.facts === null ? [] : (row.facts ?? row.models.filter((m) => m.local && m.model !== 'missing').map((m) => fact(m)));
  return plan(
    { ...REQ, ...row.req, promptTokensAtMost: row.req?.promptTokensAtMost ?? row.req?.promptTokens ?? REQ.promptTokens },
    {
      models: row.models,
      state: (id) => row.states?.[id] ?? 'online',
      fact: (e) => facts.find((f) => f.id === e.id),
      inventoried: (id) => facts.some((f) => f.providerId === id),
      resources: { ...UNKNOWN_RESOURCES, ...row.resources },
    },
    { mode: row.mode ?? 'auto', thresholds: DEFAULT_THRESHOLDS, ollamaContextLength: 4096 },
  );
}

const reasons = (p: Plan): string[] => p.candidates.map((c) => `${c.id} ${c.reason}`);

describe('routing policy', () => {
  for (const row of TABLE) {
    it(row.name, () => {
      const p = planFor(row);
      assert.deepEqual(reasons(p), row.want);
      if (row.passed)
        assert.deepEqual(
          p.passedOver.map((x) => `${x.id} ${x.code}`),
          row.passed,
        );
      if (row.empty) assert.match(p.empty ?? '', row.empty);
    });
  }
});

// What a user reads (the passed-over details, the 503 text) and the thresholds' exact edges.
describe('routing policy: exact details and edges', () => {
  it('not installed, no tools, no vision: each detail in words', () => {
    const missing = entry('ollama:missing', true);
    assert.deepEqual(planFor({ models: [missing, OPENAI], facts: [fact(LOCAL)] }).passedOver, [
      { id: 'ollama:missing', code: 'not-installed', detail: 'ollama:missing is not installed (ollama pull missing)' },
    ]);
    assert.deepEqual(planFor({ models: [LOCAL, OPENAI], facts: [fact(LOCAL, { capabilities: ['completion'] })], req: { needsTools: true } }).passedOver, [
      { id: 'ollama:llama3.2', code: 'needs-tools', detail: 'ollama:llama3.2 cannot call tools' },
    ]);
    assert.deepEqual(planFor({ models: [LOCAL, OPENAI], req: { hasImages: true } }).passedOver, [
      { id: 'ollama:llama3.2', code: 'needs-vision', detail: 'ollama:llama3.2 cannot read images' },
    ]);
  });

  it('a busy CPU: the detail, and exactly at the limit it is not busy', () => {
    assert.deepEqual(planFor({ models: [LOCAL, OPENAI], resources: { cpuLoadSustainedPct: 97.4 } }).passedOver, [
      { id: 'ollama:llama3.2', code: 'local-busy', detail: 'the CPU has been 97% busy (limit 90%)' },
    ]);
    assert.deepEqual(reasons(planFor({ models: [LOCAL, OPENAI], resources: { cpuLoadSustainedPct: 90 } })), [
      'ollama:llama3.2 local-preferred',
      'openai:gpt-4o-mini cloud-fallback',
    ]);
  });

  it('memory to load the model: the detail, and exactly size × headroom free is enough', () => {
    const facts = [fact(LOCAL, { loaded: false, sizeBytes: 8 * GB })];
    assert.deepEqual(planFor({ models: [LOCAL, OPENAI], facts, resources: { memAvailableBytes: 4 * GB } }).passedOver, [
      { id: 'ollama:llama3.2', code: 'low-memory', detail: '4.0 GB free, ollama:llama3.2 needs about 9.6 GB to load' },
    ]);
    assert.deepEqual(reasons(planFor({ models: [LOCAL, OPENAI], facts, resources: { memAvailableBytes: 8 * GB * 1.2 } })), [
      'ollama:llama3.2 local-preferred',
      'openai:gpt-4o-mini cloud-fallback',
    ]);
  });

  it('a battery: the detail; at the limit, with no reading, or with no battery it is fine', () => {
    assert.deepEqual(planFor({ models: [LOCAL, OPENAI], resources: { battery: { present: true, charging: false, percent: 12 } } }).passedOver, [
      { id: 'ollama:llama3.2', code: 'low-battery', detail: 'on battery at 12%' },
    ]);
    for (const battery of [
      { present: true, charging: false, percent: 20 },
      { present: true, charging: false, percent: null },
      { present: false, charging: false, percent: 5 },
    ]) {
      assert.deepEqual(
        reasons(planFor({ models: [LOCAL, OPENAI], resources: { battery } })),
        ['ollama:llama3.2 local-preferred', 'openai:gpt-4o-mini cloud-fallback'],
        JSON.stringify(battery),
      );
    }
  });

  it('a prompt too long is a hard no even on a busy machine: the local model is never a fallback', () => {
    const p = planFor({ models: [LOCAL, OPENAI], req: { promptTokens: 9000 }, resources: { cpuLoadSustainedPct: 97 } });
    assert.deepEqual(reasons(p), ['openai:gpt-4o-mini context-too-long']);
    assert.deepEqual(
      p.passedOver.map((x) => x.code),
      ['context-too-long'],
    );
  });

  it('a larger window that does not fit in memory: passed over as low-memory (soft), still a fallback with its num_ctx', () => {
    const facts = [fact(LOCAL, { loaded: false, contextLength: 131072, sizeBytes: 2 * GB, kvBytesPerToken: 131072 })];
    const p = planFor({ models: [LOCAL, OPENAI], facts, req: { promptTokens: 6000 }, resources: { memAvailableBytes: 3 * GB } });
    assert.deepEqual(reasons(p), ['openai:gpt-4o-mini low-memory', 'ollama:llama3.2 local-fallback']);
    assert.deepEqual(p.passedOver, [{ id: 'ollama:llama3.2', code: 'low-memory', detail: 'ollama:llama3.2 would need about 3.6 GB to run with a 8192-token window; 3.0 GB free' }]);
    assert.deepEqual([p.candidates[1]!.numCtx, p.candidates[1]!.contextWindow], [8192, 8192]);
  });

  it('the answer room uses the cheap bound when it fits the default window (so no text pass), the exact count when not', () => {
    const room = (promptTokens: number, promptTokensAtMost: number): number | undefined =>
      planFor({ models: [LOCAL], facts: [fact(LOCAL, { loaded: false })], req: { promptTokens, promptTokensAtMost } }).candidates[0]!.answerRoom;
    assert.equal(room(100, 300), 4096 - 300);
    assert.equal(room(3000, 3584), 4096 - 3584, 'bound + answer = 4096 exactly: still the bound');
    assert.equal(room(3000, 3585), 4096 - 3000, 'bound + answer over the window: the exact count');
  });

  it('a candidate without a raised window carries no numCtx or note at all', () => {
    const c = planFor({ models: [LOCAL] }).candidates[0]!;
    assert.ok(!('numCtx' in c) && !('note' in c), JSON.stringify(c));
  });

  it('Ollama down: its ready model is listed as unreachable, a busy one only as busy', () => {
    assert.deepEqual(planFor({ models: [LOCAL, OPENAI], states: { ollama: 'offline' } }).passedOver, [
      { id: 'ollama:llama3.2', code: 'local-unreachable', detail: 'ollama did not answer its last probe' },
    ]);
    assert.deepEqual(
      planFor({ models: [LOCAL, OPENAI], states: { ollama: 'offline' }, resources: { cpuLoadSustainedPct: 97 } }).passedOver.map((x) => x.code),
      ['local-busy'],
    );
  });

  it('a cloud provider down: the detail', () => {
    assert.deepEqual(planFor({ models: [LOCAL, OPENAI], states: { openai: 'offline' } }).passedOver, [
      { id: 'openai:gpt-4o-mini', code: 'cloud-unreachable', detail: 'openai did not answer its last probe' },
    ]);
  });

  it('only local models, all up: local-preferred (not "cloud unreachable": there is no cloud)', () => {
    assert.deepEqual(reasons(planFor({ models: [LOCAL] })), ['ollama:llama3.2 local-preferred']);
  });

  it('only cloud models, one down: the other serves as "no local model", the down one last', () => {
    assert.deepEqual(reasons(planFor({ models: [OPENAI, CLAUDE], states: { anthropic: 'offline' } })), [
      'openai:gpt-4o-mini no-local-model',
      'anthropic:claude-sonnet-5 last-resort',
    ]);
  });

  it('a ready local model first, the cloud next, a local model short of memory last', () => {
    const facts = [fact(LOCAL), fact(CODER, { loaded: false, sizeBytes: 8 * GB })];
    assert.deepEqual(reasons(planFor({ models: [LOCAL, CODER, OPENAI], facts, resources: { memAvailableBytes: 4 * GB } })), [
      'ollama:llama3.2 local-preferred',
      'openai:gpt-4o-mini cloud-fallback',
      'ollama:qwen2.5-coder local-fallback',
    ]);
  });

  it('cloud-only with the cloud down: the cloud models as a last resort, never the local one', () => {
    assert.deepEqual(reasons(planFor({ models: [LOCAL, OPENAI], states: { openai: 'offline' }, mode: 'cloud-only' })), ['openai:gpt-4o-mini last-resort']);
  });

  it('nothing can serve: the 503 text is the headline and every passed-over detail', () => {
    assert.equal(
      planFor({ models: [LOCAL, OPENAI], req: { promptTokens: 9000 }, mode: 'local-only' }).empty,
      'local-only mode and no local model can serve this request: ~9512 tokens (prompt plus answer) exceed the 8192-token context ollama:llama3.2 was trained for',
    );
    assert.equal(planFor({ models: [LOCAL], mode: 'cloud-only' }).empty, 'cloud-only mode and no cloud model is configured');
    assert.equal(planFor({ models: [] }).empty, 'no model is configured or installed');
  });
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
    assert.deepEqual(c && { reason: c.reason, window: c.contextWindow, numCtx: c.numCtx, room: c.answerRoom }, {
      reason: 'local-preferred',
      window: 8192,
      numCtx: 8192,
      room: 512,
    });
  });

  it('prompt 7681 + answer 512 = 8193 exceeds the trained 8192 although the prompt alone fits: cloud, local passed over', () => {
    const p = route(7681);
    assert.deepEqual(
      p.candidates.map((c) => `${c.id} ${c.reason}`),
      ['openai:gpt-4o-mini context-too-long'],
    );
    assert.deepEqual(
      p.passedOver.map((x) => `${x.id} ${x.code}`),
      ['ollama:llama3.2 context-too-long'],
    );
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
