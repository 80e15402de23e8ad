// Per-provider reachability, kept in memory and read on the request path. Probes run in the
// background on unref'd timers (slow while healthy, fast while down); real requests report too.
import type { Provider } from '../providers/provider';

export type ProviderState = 'unknown' | 'online' | 'offline';

export interface ProviderStatus {
  state: ProviderState;
  latencyMs: number | null;
  lastError: string | null;
  checkedAt: number | null;
}

export interface ConnectivityOptions {
  healthyIntervalMs: number;
  downIntervalMs: number;
  probeTimeoutMs: number;
}

export const DEFAULT_CONNECTIVITY: ConnectivityOptions = { healthyIntervalMs: 30_000, downIntervalMs: 5_000, probeTimeoutMs: 3_000 };

export class Connectivity {
  private readonly status = new Map<string, ProviderStatus>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = true;
  /** Called after each probe; the catalog listens to refresh discovered models. */
  onProbe: (provider: Provider, ok: boolean) => void = () => {};

  constructor(private readonly providers: readonly Provider[], private readonly options: ConnectivityOptions = DEFAULT_CONNECTIVITY) {
    for (const p of providers) this.status.set(p.id, { state: 'unknown', latencyMs: null, lastError: null, checkedAt: null });
  }

  get(providerId: string): ProviderStatus {
    return this.status.get(providerId) ?? { state: 'unknown', latencyMs: null, lastError: null, checkedAt: null };
  }

  /** Probes every provider now and keeps probing until stop(). Resolves after the first round. */
  async start(): Promise<void> {
    this.stopped = false;
    await Promise.all(this.providers.map((p) => this.probe(p)));
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  /** What a real request just learnt. A failure also schedules a quick re-probe. */
  report(providerId: string, ok: boolean, error?: string, latencyMs?: number): void {
    const cur = this.get(providerId);
    this.status.set(providerId, {
      state: ok ? 'online' : 'offline',
      latencyMs: latencyMs ?? cur.latencyMs,
      lastError: ok ? null : (error ?? cur.lastError),
      checkedAt: Date.now(),
    });
    const p = this.providers.find((x) => x.id === providerId);
    if (!ok && p) this.schedule(p, this.options.downIntervalMs);
  }

  private async probe(p: Provider): Promise<void> {
    const started = performance.now();
    let ok = true;
    let error: string | undefined;
    try {
      await p.ping(AbortSignal.timeout(this.options.probeTimeoutMs));
    } catch (err) {
      ok = false;
      error = err instanceof Error ? err.message : String(err);
    }
    if (this.stopped) return;
    this.report(p.id, ok, error, ok ? Math.round(performance.now() - started) : undefined);
    this.onProbe(p, ok);
    this.schedule(p, ok ? this.options.healthyIntervalMs : this.options.downIntervalMs);
  }

  private schedule(p: Provider, ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timers.get(p.id));
    const t = setTimeout(() => void this.probe(p), ms);
    t.unref(); // monitors never keep the process alive
    this.timers.set(p.id, t);
  }
}
