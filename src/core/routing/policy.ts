// The routing policy: a pure function of (request, signals, settings) to an ordered list of
// candidates, each with the reason it is there, and the models passed over with why. Capacity
// decides which models can serve; under `prefer` balanced or quality, the request's needs then put
// one tier first (tiers.ts); under `local` (or with no needs given) local models go first.
import type { RoutingMode, RoutingThresholds } from '../config/config';
import type { ModelEntry } from './catalog';
import type { ProviderState } from './connectivity';
import { defaultWindow, fitContext, type Fit } from './context-window';
import type { ModelFact } from './model-facts';
import type { RequestFeatures } from './request-features';
import type { ResourceSnapshot } from './resources';
import type { NeedCode, PassOverCode, RouteCode, RouteReason } from './route-reason';
import type { RequestNeeds } from './request-needs';
import { firstTier, needRow, orderByTier, tierOf, type NeedRow, type Preference, type Tier } from './tiers';
import { warmFirst, type Warmth } from './warmth';

export interface Candidate {
  id: string;
  reason: RouteReason;
  /** A local model's context window for this request (/health shows it), and num_ctx when raised. */
  contextWindow?: number;
  numCtx?: number;
  /** Why num_ctx was raised, for the decision's notes. */
  note?: string;
  /** A local model's room for the answer in its window: the answer is capped there (num_predict). */
  answerRoom?: number;
}

export interface PassedOver {
  id: string;
  code: PassOverCode;
  detail: string;
}

export interface Signals {
  models: readonly ModelEntry[];
  state(providerId: string): ProviderState;
  /** Facts of a local model, undefined when its runtime has not told (or is not Ollama). */
  fact(entry: ModelEntry): ModelFact | undefined;
  /** Whether the local runtime of this provider reported its installed models. */
  inventoried(providerId: string): boolean;
  resources: ResourceSnapshot;
  /** A local model's warmth (loaded, or cold with its estimated load time); undefined when unknown. Absent: warmth is not considered. */
  warmth?(entry: ModelEntry): Warmth | undefined;
}

export interface Settings {
  mode: RoutingMode;
  thresholds: RoutingThresholds;
  /** The window Ollama gives a model whose Modelfile sets none (OLLAMA_CONTEXT_LENGTH, or its default). */
  ollamaContextLength: number;
  /** The first-token budget of autocomplete and background requests: a cold model slower to load is skipped (warmth.ts). */
  latencyBudgetMs?: number;
}

/** What orders the models that can serve by tier; without it (or under `local`), local models go first as they always did. */
export interface ByNeed {
  needs: RequestNeeds;
  prefer: Preference;
  /** `modelTiers`: models declared small or strong against their locality's default. */
  modelTiers: Readonly<Record<string, Tier>>;
}

export interface Plan {
  candidates: Candidate[];
  passedOver: PassedOver[];
  /** Why nothing can serve, for the 503 message, when `candidates` is empty. */
  empty?: string;
}

type Verdict = ({ ok: true } | { ok: false; hard: boolean; code: PassOverCode; detail: string }) & { fit?: Fit };
const OK: Verdict = { ok: true };

/** Can this local model serve this request at all (hard), and should it now (soft)? */
function judgeLocal(e: ModelEntry, req: RequestFeatures, s: Signals, settings: Settings): Verdict {
  const t = settings.thresholds;
  const f = s.fact(e);
  if (!f && s.inventoried(e.providerId)) return { ok: false, hard: true, code: 'not-installed', detail: `${e.id} is not installed (ollama pull ${e.model})` };
  let fit: Fit | undefined;
  if (f) {
    // The length bound spares the estimate (a pass over the text) when the prompt fits anyway.
    const bound = req.promptTokensAtMost + req.outputTokens;
    const need = bound <= defaultWindow(f, settings.ollamaContextLength) ? bound : req.promptTokens + req.outputTokens;
    fit = fitContext({ fact: f, need, runtimeDefault: settings.ollamaContextLength, memAvailableBytes: s.resources.memAvailableBytes, memoryHeadroom: t.memoryHeadroom });
    fit.answerRoom = Math.max(1, fit.window - (need - req.outputTokens));
    if (fit.problem?.hard) return { ok: false, ...fit.problem };
    if (req.needsTools && f.capabilities && !f.capabilities.includes('tools')) return { ok: false, hard: true, code: 'needs-tools', detail: `${e.id} cannot call tools` };
    if (req.hasImages && f.capabilities && !f.capabilities.includes('vision')) return { ok: false, hard: true, code: 'needs-vision', detail: `${e.id} cannot read images` };
  }
  const r = s.resources;
  if (r.cpuLoadSustainedPct !== null && r.cpuLoadSustainedPct > t.maxCpuLoadPct)
    return { ok: false, hard: false, code: 'local-busy', detail: `the CPU has been ${Math.round(r.cpuLoadSustainedPct)}% busy (limit ${t.maxCpuLoadPct}%)`, fit };
  if (f && !f.loaded && f.sizeBytes !== null && r.memAvailableBytes < f.sizeBytes * t.memoryHeadroom) {
    return { ok: false, hard: false, code: 'low-memory', detail: `${gb(r.memAvailableBytes)} free, ${e.id} needs about ${gb(f.sizeBytes * t.memoryHeadroom)} to load`, fit };
  }
  if (fit?.problem) return { ok: false, ...fit.problem, fit };
  const b = r.battery;
  if (b.present && !b.charging && b.percent !== null && b.percent < t.lowBatteryPct)
    return { ok: false, hard: false, code: 'low-battery', detail: `on battery at ${b.percent}%`, fit };
  return fit ? { ok: true, fit } : OK;
}

export function plan(req: RequestFeatures, s: Signals, settings: Settings, byNeed?: ByNeed): Plan {
  const passedOver: PassedOver[] = [];
  const up = (e: ModelEntry): boolean => s.state(e.providerId) !== 'offline';
  const good: ModelEntry[] = [];
  const soft: { e: ModelEntry; code: PassOverCode }[] = [];
  const downLocal: ModelEntry[] = [];
  const fits = new Map<string, Fit>();
  for (const e of s.models) {
    if (!e.local) continue;
    const v = judgeLocal(e, req, s, settings);
    if (v.fit) fits.set(e.id, v.fit);
    if (!v.ok) passedOver.push({ id: e.id, code: v.code, detail: v.detail });
    if (!v.ok && v.hard) continue;
    if (!up(e)) {
      if (v.ok) passedOver.push({ id: e.id, code: 'local-unreachable', detail: `${e.providerId} did not answer its last probe` });
      downLocal.push(e);
    } else if (v.ok) good.push(e);
    else soft.push({ e, code: v.code });
  }
  const cloud = s.models.filter((e) => !e.local);
  const cloudUp = cloud.filter(up);
  for (const e of cloud) if (!up(e)) passedOver.push({ id: e.id, code: 'cloud-unreachable', detail: `${e.providerId} did not answer its last probe` });
  // Models whose provider looked down at the last probe still come last: the probe may be stale.
  const as = (list: ModelEntry[], reason: RouteCode): Candidate[] => list.map((e) => withFit({ id: e.id, reason }, fits.get(e.id)));
  const lastResort = (list: ModelEntry[]): Candidate[] => as(list, 'last-resort');
  const done = (listed: Candidate[], empty: string): Plan => {
    const candidates = s.warmth ? warm(listed, s, settings, byNeed, passedOver) : listed;
    return candidates.length ? { candidates, passedOver } : { candidates, passedOver, empty: explain(empty, passedOver) };
  };

  const order = byNeed && byNeed.prefer !== 'local' ? tierOrder(byNeed) : null;
  const tiered = (list: ModelEntry[]): ModelEntry[] => (order ? orderByTier(list, order.first, order.tier) : list);
  if (settings.mode === 'local-only') {
    // The user chose privacy over speed: a busy machine still serves, the cloud never does.
    return done(
      [...as(tiered(good), 'local-only'), ...as(tiered(soft.map((x) => x.e)), 'local-only'), ...lastResort(downLocal)],
      'local-only mode and no local model can serve this request',
    );
  }
  if (settings.mode === 'cloud-only') {
    return done([...as(tiered(cloudUp), 'cloud-only'), ...lastResort(cloud.filter((e) => !up(e)))], 'cloud-only mode and no cloud model is configured');
  }
  const candidates: Candidate[] = [];
  const strong = (e: ModelEntry): boolean => tierOf(e, byNeed?.modelTiers ?? {}) === 'strong';
  const usable = [...good, ...cloudUp];
  if (req.stuck && usable.some(strong) && [...usable, ...soft.map((x) => x.e)].some((e) => !strong(e))) {
    // A stuck agent's next turn goes to a strong model, whatever the tier order; the small ones stay behind (stuck-agent.ts).
    candidates.push(...as(usable.filter(strong), 'escalated').map((c) => ({ ...c, note: `escalated: ${req.stuck}` })));
    candidates.push(
      ...as(
        usable.filter((e) => !strong(e)),
        'tier-fallback',
      ),
      ...as(
        soft.map((x) => x.e),
        'local-fallback',
      ),
    );
  } else if (order) {
    // Capacity has filtered; the tier the request's row puts first leads, the other tier follows.
    const usable = tiered([...good, ...cloudUp]);
    const leading = usable.filter((e) => order.tier(e) === order.first);
    if (leading.length) candidates.push(...as(leading, order.code), ...as(usable.slice(leading.length), 'tier-fallback'));
    else {
      // No model of the first tier can serve: why not (the first one passed over), or there is none.
      const firstTierMissed = passedOver.find((p) => s.models.some((e) => e.id === p.id && order.tier(e) === order.first));
      candidates.push(...as(usable, firstTierMissed?.code ?? (order.first === 'small' ? 'no-small-model' : 'no-strong-model')));
    }
    candidates.push(
      ...as(
        soft.map((x) => x.e),
        'local-fallback',
      ),
    );
  } else if (good.length) {
    candidates.push(...as(good, cloud.length > 0 && cloudUp.length === 0 ? 'cloud-unreachable' : 'local-preferred'));
    candidates.push(...as(cloudUp, 'cloud-fallback'));
    candidates.push(
      ...as(
        soft.map((x) => x.e),
        'local-fallback',
      ),
    );
  } else {
    const why = passedOver.find((p) => s.models.some((e) => e.local && e.id === p.id))?.code ?? 'no-local-model';
    candidates.push(...as(cloudUp, why));
    candidates.push(
      ...as(
        soft.map((x) => x.e),
        'local-fallback',
      ),
    );
  }
  candidates.push(...lastResort(downLocal), ...lastResort(cloud.filter((e) => !up(e))));
  return done(candidates, 'no model is configured or installed');
}

/** The warmth step (warmth.ts): loaded local models first; latency-bound kinds skip a model too slow to load. */
function warm(listed: Candidate[], s: Signals, settings: Settings, byNeed: ByNeed | undefined, passedOver: PassedOver[]): Candidate[] {
  // On the request path: with every local model loaded (or unknown) there is nothing to do, and nothing is allocated.
  const warmthOf = (e: ModelEntry): Warmth | undefined => (e.local ? s.warmth?.(e) : undefined);
  if (!s.models.some((e) => warmthOf(e)?.loaded === false)) return listed;
  const table = new Map<string, Warmth>();
  for (const e of s.models) {
    const w = warmthOf(e);
    if (w) table.set(e.id, w);
  }
  const step = warmFirst(listed, { warmth: (id) => table.get(id), kind: byNeed?.needs.kind ?? null, budgetMs: settings.latencyBudgetMs ?? Number.POSITIVE_INFINITY });
  passedOver.push(...step.passedOver);
  return step.candidates;
}

/** The code of a request's row, naming the tier the table puts first for it (only easy chat has two). */
const ROW_CODE: Readonly<Record<NeedRow, NeedCode>> = {
  autocomplete: 'autocomplete-small',
  background: 'background-small',
  'chat-easy': 'chat-easy-small',
  'chat-hard': 'chat-hard-strong',
  agent: 'agent-strong',
  reasoning: 'reasoning-strong',
};

/** The tier that goes first for this request, each model's tier, and the code the leaders carry. */
function tierOrder(b: ByNeed): { first: Tier; tier: (e: ModelEntry) => Tier; code: NeedCode } {
  const row = needRow(b.needs);
  const first = firstTier(row, b.prefer);
  return { first, tier: (e) => tierOf(e, b.modelTiers), code: row === 'chat-easy' && first === 'strong' ? 'chat-easy-strong' : ROW_CODE[row] };
}

/** A local candidate carries its window, and num_ctx when routing raised it. */
function withFit(c: Candidate, fit: Fit | undefined): Candidate {
  if (!fit) return c;
  c.contextWindow = fit.window;
  if (fit.answerRoom !== undefined) c.answerRoom = fit.answerRoom;
  if (fit.numCtx !== undefined) {
    c.numCtx = fit.numCtx;
    c.note = fit.note;
  }
  return c;
}

function explain(headline: string, passedOver: PassedOver[]): string {
  return passedOver.length ? `${headline}: ${passedOver.map((p) => p.detail).join('; ')}` : headline;
}

const gb = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(1)} GB`;
