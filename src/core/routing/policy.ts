// The routing policy: a pure function of (request, signals, settings) to an ordered list of
// candidates, each with the reason it is there. The router tries them in order.
import type { RoutingMode } from '../config';
import type { ProviderState } from './connectivity';
import type { ModelEntry } from './catalog';

export interface Candidate {
  id: string;
  reason: string;
}

export interface Signals {
  models: readonly ModelEntry[];
  state(providerId: string): ProviderState;
}

export interface Plan {
  candidates: Candidate[];
  /** Why nothing can serve, for the 503 message, when `candidates` is empty. */
  empty?: string;
}

export function planAuto(signals: Signals, mode: RoutingMode): Plan {
  const up = (e: ModelEntry): boolean => signals.state(e.providerId) !== 'offline';
  const local = signals.models.filter((e) => e.local);
  const cloud = signals.models.filter((e) => !e.local);
  const localUp = local.filter(up);
  const cloudUp = cloud.filter(up);
  // Models whose provider looked offline at the last probe still come last: the probe may be stale.
  const lastResort = (list: ModelEntry[]): Candidate[] => list.filter((e) => !up(e)).map((e) => ({ id: e.id, reason: 'last-resort' }));

  if (mode === 'local-only') {
    const candidates = [...localUp.map((e) => ({ id: e.id, reason: 'local-only' })), ...lastResort(local)];
    return candidates.length ? { candidates } : { candidates, empty: 'local-only mode and no local model is configured or installed' };
  }
  if (mode === 'cloud-only') {
    const candidates = [...cloudUp.map((e) => ({ id: e.id, reason: 'cloud-only' })), ...lastResort(cloud)];
    return candidates.length ? { candidates } : { candidates, empty: 'cloud-only mode and no cloud model is configured' };
  }
  const candidates: Candidate[] = [];
  if (localUp.length) {
    const why = cloud.length > 0 && cloudUp.length === 0 ? 'cloud-unreachable' : 'local-preferred';
    candidates.push(...localUp.map((e) => ({ id: e.id, reason: why })));
    candidates.push(...cloudUp.map((e) => ({ id: e.id, reason: 'cloud-fallback' })));
  } else {
    const why = local.length > 0 ? 'local-unreachable' : 'no-local-model';
    candidates.push(...cloudUp.map((e) => ({ id: e.id, reason: why })));
  }
  candidates.push(...lastResort(local), ...lastResort(cloud));
  return candidates.length ? { candidates } : { candidates, empty: 'no model is configured or installed' };
}
