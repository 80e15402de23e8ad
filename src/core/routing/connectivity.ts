// Per-provider reachability, kept in memory and read on the request path. Probes of each
// provider's own endpoint run in the background on unref'd timers: slow while healthy, fast while
// down, at once after a real request failed or the network interfaces changed. Real requests
// report too; a provider that keeps failing cools down (growing, capped) before it is tried again.
import { networkInterfaces } from 'node:os';
import type { Provider } from '../providers/provider';
import { SYSTEM_CLOCK, type Clock, type TimerHandle } from '../support/clock';
import { errorMessage } from '../errors/error-message';
import { Emitter } from '../support/emitter';
import { probeFailure, type ProbeFailure } from './probe-failure';

export type ProviderState = 'unknown' | 'online' | 'degraded' | 'offline';
export type FailureKind = 'unreachable' | 'server' | 'rate-limited' | 'timeout';

export interface ProviderStatus {
  state: ProviderState;
  /** Moving average of probe latency. */
  latencyMs: number | null;
  lastError: string | null;
  checkedAt: number | null;
  consecutiveFailures: number;
  /** Until then `auto` passes this provider over (Retry-After, or growing after repeated failures). */
  cooldownUntil: number | null;
  lastFailureKind: FailureKind | null;
  /** Why the last probe failed (wrong key, wrong path, a loop, no answer...); null once one succeeds. */
  probeFailure: ProbeFailure | null;
}

export interface ConnectivityOptions {
  healthyIntervalMs: number;
  downIntervalMs: number;
  probeTimeoutMs: number;
  /** A probe slower than this marks the provider degraded. */
  slowProbeMs: number;
  cooldownBaseMs: number;
  cooldownMaxMs: number;
  /** How often the network interfaces are compared (0: never). */
  networkCheckMs: number;
}

export const DEFAULT_CONNECTIVITY: ConnectivityOptions = {
  healthyIntervalMs: 30_000,
  downIntervalMs: 4_000,
  probeTimeoutMs: 3_000,
  slowProbeMs: 2_000,
  cooldownBaseMs: 2_000,
  cooldownMaxMs: 60_000,
  networkCheckMs: 5_000,
};

const FRESH: ProviderStatus = {
  state: 'unknown',
  latencyMs: null,
  lastError: null,
  checkedAt: null,
  consecutiveFailures: 0,
  cooldownUntil: null,
  lastFailureKind: null,
  probeFailure: null,
};

export class Connectivity {
  private readonly status = new Map<string, ProviderStatus>();
  private readonly timers = new Map<string, TimerHandle>();
  private readonly lastProbe = new Map<string, number>();
  /** Cool-downs in each provider's current failure streak: each doubles the next. */
  private readonly cooldowns = new Map<string, number>();
  private netTimer: TimerHandle | null = null;
  private netSignature = '';
  private stopped = true;
  private readonly probed = new Emitter<{ provider: Provider; ok: boolean }>();
  private readonly stateChanged = new Emitter<string>();
  /** Fires after each probe; model facts listen to refresh what the runtime has. */
  readonly onProbe = this.probed.event;
  /** Fires with the provider's id when its state (online, degraded, offline) changes, so views can follow it. */
  readonly onStateChange = this.stateChanged.event;

  constructor(
    private readonly providers: readonly Provider[],
    private readonly options: ConnectivityOptions = DEFAULT_CONNECTIVITY,
    /** Time and timers; tests step a manual one. */
    private readonly clock: Clock = SYSTEM_CLOCK,
    /** The machine's network interfaces; tests change them. */
    private readonly interfaces: () => ReturnType<typeof networkInterfaces> = networkInterfaces,
  ) {
    for (const p of providers) this.status.set(p.id, { ...FRESH });
  }

  get(providerId: string): ProviderStatus {
    return this.status.get(providerId) ?? { ...FRESH };
  }

  /** The state routing should act on: a provider in cooldown counts as offline until it ends. */
  effectiveState(providerId: string, now: number): ProviderState {
    const s = this.get(providerId);
    return s.cooldownUntil !== null && s.cooldownUntil > now ? 'offline' : s.state;
  }

  /** Takes over another core's status of one provider (settings changed, the provider did not). */
  adopt(providerId: string, status: ProviderStatus): void {
    if (this.status.has(providerId)) this.status.set(providerId, { ...status });
  }

  /** Probes every provider now and keeps probing until stop(). Resolves after the first round. */
  async start(): Promise<void> {
    this.stopped = false;
    if (this.options.networkCheckMs > 0) {
      this.netSignature = networkSignature(this.interfaces);
      this.netTimer = this.clock.setInterval(() => this.checkNetwork(), this.options.networkCheckMs);
      this.netTimer.unref();
    }
    await Promise.all(this.providers.map((p) => this.probe(p)));
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) this.clock.clearTimeout(t);
    this.timers.clear();
    if (this.netTimer) this.clock.clearInterval(this.netTimer);
    this.netTimer = null;
  }

  /**
   * A request that finished cleanly clears everything. A probe only proves the endpoint answers:
   * it ends an "unreachable" spell but not a streak of server errors, whose cooldown runs out by itself.
   */
  succeeded(providerId: string, source: 'request' | 'probe', latencyMs?: number): void {
    const cur = this.get(providerId);
    if (
      source === 'request' &&
      cur.state === 'online' &&
      cur.consecutiveFailures === 0 &&
      cur.lastFailureKind === null &&
      cur.cooldownUntil === null &&
      cur.lastError === null &&
      cur.probeFailure === null
    ) {
      // The common case, once per request: nothing to clear, so no new status object; only
      // checkedAt moves, in place (readers of get() copy the status or read it at once).
      if (this.status.has(providerId)) {
        cur.checkedAt = this.clock.now();
        return;
      }
    }
    const latency = latencyMs === undefined ? cur.latencyMs : cur.latencyMs === null ? latencyMs : Math.round(cur.latencyMs * 0.7 + latencyMs * 0.3);
    const slow = latencyMs !== undefined && latencyMs > this.options.slowProbeMs;
    const keep = source === 'probe' && cur.lastFailureKind !== null && cur.lastFailureKind !== 'unreachable';
    if (!keep) this.cooldowns.delete(providerId);
    this.update(providerId, {
      ...cur,
      state: slow || keep ? 'degraded' : 'online',
      latencyMs: latency,
      lastError: keep ? cur.lastError : null,
      checkedAt: this.clock.now(),
      consecutiveFailures: keep ? cur.consecutiveFailures : 0,
      cooldownUntil: keep ? cur.cooldownUntil : null,
      lastFailureKind: keep ? cur.lastFailureKind : null,
      probeFailure: null,
    });
  }

  /**
   * What a real request (or a probe) just learnt; also schedules a prompt re-probe. Failures that
   * land while a cool-down runs are one incident with the failure that started it (32 streams cut
   * by one stall): they are recorded but neither count nor lengthen the cool-down, which grows
   * only with failures after it ran out. Otherwise one bad second would bench a provider for 60 s.
   */
  failed(providerId: string, kind: FailureKind, error: string, retryAfterSec: number | null = null): void {
    const cur = this.get(providerId);
    const now = this.clock.now();
    const p = this.providers.find((x) => x.id === providerId);
    const reprobe = (): void => {
      if (p) this.schedule(p, now - (this.lastProbe.get(providerId) ?? 0) > 1_000 ? 0 : this.options.downIntervalMs);
    };
    if (retryAfterSec === null && cur.cooldownUntil !== null && cur.cooldownUntil > now) {
      this.update(providerId, { ...cur, lastError: error, checkedAt: now, lastFailureKind: kind });
      return reprobe();
    }
    const failures = cur.consecutiveFailures + 1;
    let cooldownUntil: number | null = null;
    if (retryAfterSec !== null) cooldownUntil = now + retryAfterSec * 1000;
    else if (kind !== 'unreachable' && failures >= 2) {
      const cooldowns = this.cooldowns.get(providerId) ?? 0;
      this.cooldowns.set(providerId, cooldowns + 1);
      cooldownUntil = now + Math.min(this.options.cooldownBaseMs * 2 ** cooldowns, this.options.cooldownMaxMs);
    }
    this.update(providerId, {
      ...cur,
      state: kind === 'unreachable' || failures >= 3 ? 'offline' : 'degraded',
      lastError: error,
      checkedAt: now,
      consecutiveFailures: failures,
      cooldownUntil,
      lastFailureKind: kind,
    });
    reprobe();
  }

  private update(providerId: string, next: ProviderStatus): void {
    const was = this.status.get(providerId)?.state;
    this.status.set(providerId, next);
    if (was !== next.state) this.stateChanged.fire(providerId);
  }

  private async probe(p: Provider): Promise<void> {
    this.lastProbe.set(p.id, this.clock.now());
    const started = this.clock.monotonic();
    let error: string | null = null;
    let why: ProbeFailure | null = null;
    // The probe's timeout on the clock, so that "no answer" is told apart from a refusal (and tested without waiting).
    const timeout = new AbortController();
    const timer = this.clock.setTimeout(() => timeout.abort(new DOMException(`no answer within ${this.options.probeTimeoutMs} ms`, 'TimeoutError')), this.options.probeTimeoutMs);
    timer.unref();
    try {
      await p.ping(timeout.signal);
    } catch (err) {
      why = probeFailure(err, timeout.signal.aborted);
      error = why === 'no-answer' ? `no answer within ${this.options.probeTimeoutMs} ms` : errorMessage(err);
    } finally {
      this.clock.clearTimeout(timer);
    }
    if (this.stopped) return;
    if (error === null) this.succeeded(p.id, 'probe', Math.round(this.clock.monotonic() - started));
    else {
      const cur = this.get(p.id);
      // A failed probe says "unreachable" without adding to a request failure streak's cooldown.
      this.update(p.id, { ...cur, state: 'offline', lastError: error, checkedAt: this.clock.now(), lastFailureKind: cur.lastFailureKind ?? 'unreachable', probeFailure: why });
    }
    this.probed.fire({ provider: p, ok: error === null });
    // A provider that answers its probe is probed at the healthy pace even while a streak of server
    // errors keeps it degraded: a probe cannot clear that streak (requests do), and probing every
    // few seconds would only keep its connections (and Ollama's inventory calls) alive. A slow one
    // is re-checked sooner.
    const s = this.get(p.id);
    const answers = error === null && (s.state === 'online' || (s.lastFailureKind !== null && s.lastFailureKind !== 'unreachable'));
    this.schedule(p, answers ? this.options.healthyIntervalMs : this.options.downIntervalMs);
  }

  private schedule(p: Provider, ms: number): void {
    if (this.stopped) return;
    this.clock.clearTimeout(this.timers.get(p.id));
    const t = this.clock.setTimeout(() => void this.probe(p), ms);
    t.unref(); // monitors never keep the process alive
    this.timers.set(p.id, t);
  }

  private checkNetwork(): void {
    const sig = networkSignature(this.interfaces);
    if (sig === this.netSignature) return;
    this.netSignature = sig;
    for (const p of this.providers) this.schedule(p, 0);
  }
}

function networkSignature(interfaces: () => ReturnType<typeof networkInterfaces>): string {
  try {
    return Object.entries(interfaces())
      .flatMap(([name, addrs]) => (addrs ?? []).map((a) => `${name}/${a.address}`))
      .sort()
      .join(',');
  } catch {
    return ''; // some systems refuse the query; then no change is ever seen, and probes keep their schedule
  }
}
