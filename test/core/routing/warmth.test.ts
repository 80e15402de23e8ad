// The policy's warmth step and its inputs, as pure functions: warm-first ordering, the cold-model
// skip of latency-bound kinds, the load-time estimate, and the pre-warm guards (battery, memory).
import assert from 'node:assert/strict';
import { LoadTimes } from '../../../src/core/routing/load-times';
import type { ModelFact } from '../../../src/core/routing/model-facts';
import { prewarm, type PrewarmHost } from '../../../src/core/routing/prewarm';
import { UNKNOWN_RESOURCES } from '../../../src/core/routing/resources';
import type { RouteCode } from '../../../src/core/routing/route-reason';
import { warmFirst, type Warmth } from '../../../src/core/routing/warmth';
import type { Provider } from '../../../src/core/providers/provider';
import type { ModelEntry } from '../../../src/core/routing/catalog';

const GB = 1024 ** 3;
const fact = (model: string, loaded: boolean, gb = 2): ModelFact => ({
  id: `ollama:${model}`,
  providerId: 'ollama',
  model,
  digest: null,
  sizeBytes: gb * GB,
  loaded,
  loadedContextLength: null,
  contextLength: 8192,
  capabilities: ['completion'],
});

describe('warmth step', () => {
  const warmth =
    (table: Record<string, Warmth>) =>
    (id: string): Warmth | undefined =>
      table[id];
  const c = (id: string, reason: RouteCode = 'autocomplete-small') => ({ id, reason });

  it('puts loaded local models before cold ones of the same reason, leaving cloud places and other runs alone', () => {
    const list = [c('ollama:a'), c('openai:x'), c('ollama:b'), c('ollama:c', 'tier-fallback'), c('ollama:d', 'tier-fallback')];
    const w = warmth({ 'ollama:a': { loaded: false, loadMs: 1000 }, 'ollama:b': { loaded: true }, 'ollama:c': { loaded: true }, 'ollama:d': { loaded: false, loadMs: 1 } });
    const r = warmFirst(list, { warmth: w, kind: 'chat', budgetMs: 5000 });
    assert.deepEqual(
      r.candidates.map((x) => x.id),
      ['ollama:b', 'openai:x', 'ollama:a', 'ollama:c', 'ollama:d'],
    );
    assert.deepEqual(r.passedOver, []);
  });

  it('autocomplete and background skip a cold model over budget when a warm one exists; the next says cold-model', () => {
    const w = warmth({ 'ollama:big': { loaded: false, loadMs: 9000 } });
    for (const kind of ['autocomplete', 'background'] as const) {
      const r = warmFirst([c('ollama:big'), c('openai:x', 'tier-fallback')], { warmth: w, kind, budgetMs: 5000 });
      assert.deepEqual(r.candidates, [c('openai:x', 'cold-model')]);
      assert.deepEqual(r.passedOver, [
        { id: 'ollama:big', code: 'cold-model', detail: `ollama:big is not loaded: loading takes about 9 s, over the ${kind} first-token budget of 5 s` },
      ]);
    }
  });

  it('keeps a cold model within budget, one of unknown load time, one for chat, and one with no warm alternative', () => {
    const w = warmth({ 'ollama:big': { loaded: false, loadMs: 9000 }, 'ollama:small': { loaded: false, loadMs: 2000 }, 'ollama:unknown': { loaded: false, loadMs: null } });
    assert.equal(warmFirst([c('ollama:small'), c('openai:x')], { warmth: w, kind: 'autocomplete', budgetMs: 5000 }).candidates.length, 2);
    assert.equal(warmFirst([c('ollama:unknown'), c('openai:x')], { warmth: w, kind: 'autocomplete', budgetMs: 5000 }).candidates.length, 2);
    assert.equal(warmFirst([c('ollama:big'), c('openai:x')], { warmth: w, kind: 'chat', budgetMs: 5000 }).candidates.length, 2);
    assert.equal(warmFirst([c('ollama:big'), c('openai:x', 'last-resort')], { warmth: w, kind: 'autocomplete', budgetMs: 5000 }).candidates.length, 2);
  });
});

describe('load times', () => {
  it('estimates from size at the default rate, then at the rate measured (newer loads weigh more); loaded is 0, unknown null', () => {
    const t = new LoadTimes();
    assert.equal(t.estimateMs(fact('a', false, 4)), 5200);
    assert.equal(t.estimateMs(fact('a', true, 4)), 0);
    assert.equal(t.estimateMs(undefined), null);
    t.record(5, 2 * GB); // a few ms: the model was loaded already, nothing learnt
    assert.equal(t.measured, 0);
    t.record(1000, 2 * GB); // 500 ms per GB
    assert.equal(t.estimateMs(fact('a', false, 4)), 2000);
    t.record(2000, 1 * GB); // 2000 ms per GB: 0.7 × 500 + 0.3 × 2000 = 950
    assert.equal(t.estimateMs(fact('a', false, 2)), 1900);
  });
});

describe('pre-warm guards', () => {
  const warmed: string[] = [];
  const provider = { warm: (model: string) => (warmed.push(model), Promise.resolve(1234)) } as unknown as Provider; // only warm() is called
  const entry = (model: string): ModelEntry => ({ id: `ollama:${model}`, providerId: 'ollama', model, local: true }) as ModelEntry; // the fields prewarm reads
  const host = (over: Partial<PrewarmHost>, facts: Record<string, ModelFact>): PrewarmHost => ({
    targets: [
      { entry: entry('chat'), role: 'chat' },
      { entry: entry('coder'), role: 'autocomplete' },
    ],
    fact: (e) => facts[e.model],
    online: () => true,
    provider: () => provider,
    resources: { ...UNKNOWN_RESOURCES },
    thresholds: { maxCpuLoadPct: 90, memoryHeadroom: 1.2, lowBatteryPct: 20 },
    ...over,
  });
  beforeEach(() => (warmed.length = 0));

  it('loads both when there is room; skips what is loaded', async () => {
    const r = await prewarm(host({}, { chat: fact('chat', false), coder: fact('coder', true) }));
    assert.deepEqual(r, [
      { id: 'ollama:chat', role: 'chat', result: 'loaded', loadMs: 1234 },
      { id: 'ollama:coder', role: 'autocomplete', result: 'skipped', why: 'already loaded' },
    ]);
    assert.deepEqual(warmed, ['chat']);
  });

  it('never on battery below the threshold', async () => {
    const r = await prewarm(
      host({ resources: { ...UNKNOWN_RESOURCES, battery: { present: true, charging: false, percent: 15 } } }, { chat: fact('chat', false), coder: fact('coder', false) }),
    );
    assert.deepEqual(
      r.map((o) => o.result === 'skipped' && o.why),
      ['on battery at 15% (below 20%)', 'on battery at 15% (below 20%)'],
    );
    assert.deepEqual(warmed, []);
  });

  it('not when memory is tight, counting what the first load takes', async () => {
    // 5 GB free: the 2 GB chat model fits (2.4 GB with headroom); beside it, 3 GB left is short of the 4 GB coder's 4.8 GB.
    const r = await prewarm(host({ resources: { ...UNKNOWN_RESOURCES, memAvailableBytes: 5 * GB } }, { chat: fact('chat', false, 2), coder: fact('coder', false, 4) }));
    assert.deepEqual(
      r.map((o) => o.result),
      ['loaded', 'skipped'],
    );
    assert.match(r[1]!.result === 'skipped' ? r[1]!.why : '', /^memory is tight: 3\.0 GB free, it needs about 4\.8 GB$/);
  });
});
