// The policy's warmth step (policy.ts): once capacity and tiers have ordered the candidates, a
// loaded local model goes before a cold one of the same standing, and a latency-bound request
// (autocomplete, background) skips a cold model whose load would outlast its first-token budget,
// when some warm model (local or cloud) can serve instead: it would time out and fail over anyway.
import type { RouteReason } from './route-reason';
import type { TaskKind } from './task-kind';
import { aboutSeconds } from './load-times';

/** A local model's state: loaded, or cold with the estimated load time (null: its size is unknown). */
export type Warmth = { loaded: true } | { loaded: false; loadMs: number | null };

/** The kinds whose first token has a budget shorter than any load (the completion first-token timeout). */
export const LATENCY_BOUND: readonly TaskKind[] = ['autocomplete', 'background'];

export interface WarmthStep {
  /** Undefined for a model whose warmth nobody knows (cloud, a runtime that does not tell): it counts as warm. */
  warmth(id: string): Warmth | undefined;
  kind: TaskKind | null;
  /** The first-token budget of latency-bound kinds. */
  budgetMs: number;
}

/** What this step needs of a candidate (policy.ts's Candidate, without importing the policy: no cycle). */
interface Candidate {
  id: string;
  reason: RouteReason;
}

/** A cold model skipped, as the policy's PassedOver. */
export interface SkippedCold {
  id: string;
  code: 'cold-model';
  detail: string;
}

export function warmFirst<C extends Candidate>(candidates: readonly C[], step: WarmthStep): { candidates: C[]; passedOver: SkippedCold[] } {
  const cold = (c: C): boolean => step.warmth(c.id)?.loaded === false;
  const out = reorder(candidates, step.warmth);
  const passedOver: SkippedCold[] = [];
  if (step.kind === null || !LATENCY_BOUND.includes(step.kind)) return { candidates: out, passedOver };
  const tooSlow = (c: C): number | null => {
    const w = step.warmth(c.id);
    return w && !w.loaded && w.loadMs !== null && w.loadMs > step.budgetMs ? w.loadMs : null;
  };
  // Last-resort candidates (provider down at the last probe) are no warm alternative.
  const warmExists = out.some((c) => c.reason !== 'last-resort' && !cold(c));
  if (!warmExists) return { candidates: out, passedOver };
  const kept = out.filter((c) => {
    const ms = tooSlow(c);
    if (ms === null) return true;
    passedOver.push({
      id: c.id,
      code: 'cold-model',
      detail: `${c.id} is not loaded: loading takes ${aboutSeconds(ms)}, over the ${step.kind} first-token budget of ${step.budgetMs / 1000} s`,
    });
    return false;
  });
  // The model that would have gone first was skipped: the one that serves says why.
  if (kept[0] && kept[0] !== out[0]) kept[0] = { ...kept[0], reason: 'cold-model' };
  return { candidates: kept, passedOver };
}

/** Within each run of candidates with the same reason, the places of local models (those whose warmth is known) go to loaded ones first. */
function reorder<C extends Candidate>(list: readonly C[], warmth: WarmthStep['warmth']): C[] {
  const out = [...list];
  for (let i = 0; i < out.length;) {
    let j = i;
    while (j < out.length && out[j]!.reason === out[i]!.reason) j++;
    const slots: number[] = [];
    for (let k = i; k < j; k++) if (warmth(out[k]!.id) !== undefined) slots.push(k);
    const local = slots.map((k) => out[k]!);
    const ordered = [...local.filter((c) => warmth(c.id)!.loaded), ...local.filter((c) => !warmth(c.id)!.loaded)];
    slots.forEach((k, n) => (out[k] = ordered[n]!));
    i = j;
  }
  return out;
}
