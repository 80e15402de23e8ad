// Pre-warming: at start (VS Code's, or `oblix serve --prewarm`) and when the chat view opens, load
// the local model `auto` would pick for chat, and the autocomplete model when roles.completion names
// one, so the first request does not wait for a load. In the background, one model at a time, and
// never on battery below the threshold or when loading would leave memory tight.
import type { RoutingThresholds } from '../config/config';
import type { Provider } from '../providers/provider';
import type { ModelEntry } from './catalog';
import type { ModelFact } from './model-facts';
import type { ResourceSnapshot } from './resources';

export type PrewarmRole = 'chat' | 'autocomplete';

export type PrewarmOutcome = { id: string; role: PrewarmRole; result: 'loaded'; loadMs: number } | { id: string; role: PrewarmRole; result: 'skipped' | 'failed'; why: string };

export interface PrewarmHost {
  /** The local models to warm, by role, in order (a model named twice is warmed once). */
  targets: readonly { entry: ModelEntry; role: PrewarmRole }[];
  fact(e: ModelEntry): ModelFact | undefined;
  online(providerId: string): boolean;
  provider(providerId: string): Provider | undefined;
  resources: ResourceSnapshot;
  thresholds: RoutingThresholds;
}

export async function prewarm(host: PrewarmHost, signal?: AbortSignal): Promise<PrewarmOutcome[]> {
  const out: PrewarmOutcome[] = [];
  const b = host.resources.battery;
  const lowBattery = b.present && !b.charging && b.percent !== null && b.percent < host.thresholds.lowBatteryPct;
  // Memory the loads so far will take: the second model must fit beside the first.
  let memLeft = host.resources.memAvailableBytes;
  const done = new Set<string>();
  for (const { entry: e, role } of host.targets) {
    if (done.has(e.id)) continue;
    done.add(e.id);
    const skip = (why: string): void => void out.push({ id: e.id, role, result: 'skipped', why });
    const f = host.fact(e);
    const p = host.provider(e.providerId);
    if (!p?.warm) skip(`${e.providerId} cannot load a model ahead`);
    else if (!host.online(e.providerId)) skip(`${e.providerId} is not reachable`);
    else if (!f) skip(`${e.providerId} does not list ${e.model}`);
    else if (f.loaded) skip('already loaded');
    else if (lowBattery) skip(`on battery at ${b.percent}% (below ${host.thresholds.lowBatteryPct}%)`);
    else if (f.sizeBytes !== null && memLeft < f.sizeBytes * host.thresholds.memoryHeadroom)
      skip(`memory is tight: ${gb(memLeft)} free, it needs about ${gb(f.sizeBytes * host.thresholds.memoryHeadroom)}`);
    else {
      try {
        const loadMs = await p.warm(e.model, signal);
        memLeft -= f.sizeBytes ?? 0;
        out.push({ id: e.id, role, result: 'loaded', loadMs });
      } catch (err) {
        out.push({ id: e.id, role, result: 'failed', why: err instanceof Error ? err.message : String(err) });
      }
    }
  }
  return out;
}

/** One line per outcome, for the log and the terminal. */
export function prewarmInWords(o: PrewarmOutcome): string {
  if (o.result === 'loaded') return `pre-warmed ${o.id} (${o.role}) in ${(o.loadMs / 1000).toFixed(1)} s`;
  return `did not pre-warm ${o.id} (${o.role}): ${o.why}`;
}

const gb = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(1)} GB`;
