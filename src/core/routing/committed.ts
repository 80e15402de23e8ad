// The answer of the model a request was committed to: the batch that committed it, then the rest
// of the provider's stream. It reports how the answer ended to the provider's health (a clean
// finish counts as a success, a failure after the first token against it, a caller's cancel as
// neither) and releases the attempt's abort link once. It also keeps the answer honest whatever
// the dialect: an answer whose upstream never said it was finished is a failure, never a clean end
// (a cut answer must not pass for a whole one), and an upstream silent for longer than the idle
// timeout is cancelled and reported. A plain iterator, not a generator: it sits on the path of
// every batch, and each generator layer costs promises per step.
import type { Cancel, CancelSignal } from '../support/cancel';
import { SYSTEM_CLOCK, type Clock, type TimerHandle } from '../support/clock';
import { OblixError } from '../errors/oblix-error';
import type { ProviderEvent } from '../providers/provider';
import { UpstreamError } from '../providers/upstream-error';
import type { Connectivity } from './connectivity';
import { failureKind } from './failure-kind';
import type { AnswerMeter } from '../ledger/meter';

export interface CommittedOptions {
  providerId: string;
  connectivity: Connectivity;
  /** The caller's signal: its cancel is not the provider's fault; a shutdown is told as such. */
  signal: CancelSignal;
  /** Cancels the upstream call (used when it falls silent). */
  attempt: Cancel;
  /** How many choices must each get a finish event (the request's `n`). */
  choices: number;
  /** Longest silence allowed between two batches once committed; 0 turns it off. */
  idleTimeoutMs: number;
  cleanup: () => void;
  /** Time and timers for the idle timeout; the real ones unless a test steps its own. */
  clock?: Clock;
  /** Told each batch and how the answer ended, for the usage ledger. */
  meter?: AnswerMeter;
}

export class Committed implements AsyncIterableIterator<ProviderEvent[]> {
  private first: IteratorResult<ProviderEvent[]> | null;
  private settled = false;
  private readonly finished = new Set<number>();
  private idle: TimerHandle | null = null;
  private idleFired = false;
  /** True while a read of the upstream is pending: only then is silence the upstream's. */
  private waiting = false;

  constructor(
    first: IteratorResult<ProviderEvent[]>,
    private readonly rest: AsyncIterator<ProviderEvent[]>,
    private readonly o: CommittedOptions,
  ) {
    this.first = first;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<ProviderEvent[]>> {
    const first = this.first;
    if (first) {
      this.first = null;
      return this.step(first);
    }
    if (this.settled) return Promise.resolve({ done: true, value: undefined });
    this.armIdle();
    this.waiting = true;
    return this.rest.next().then(
      (r) => {
        this.waiting = false;
        return this.step(r);
      },
      (err: unknown) => {
        this.waiting = false;
        const e = this.explain(err);
        this.settle(e);
        throw e;
      },
    );
  }

  /** The consumer stopped early (client gone, Stop pressed): close the upstream, count nothing. */
  async return(): Promise<IteratorResult<ProviderEvent[]>> {
    if (!this.settled) {
      this.settled = true;
      this.disarmIdle();
      this.o.cleanup();
      this.o.meter?.end('cancelled');
      await this.rest.return?.(undefined);
    }
    return { done: true, value: undefined };
  }

  private step(r: IteratorResult<ProviderEvent[]>): Promise<IteratorResult<ProviderEvent[]>> {
    if (!r.done) {
      for (const e of r.value) if (e.type === 'finish') this.finished.add(e.index);
      this.o.meter?.batch(r.value);
      return Promise.resolve(r);
    }
    if (this.finished.size < this.o.choices) {
      // The stream ended but the upstream never said the answer was complete: it was cut.
      const e = new UpstreamError(
        this.o.providerId,
        502,
        `${this.o.providerId} ended the answer without saying it was finished: the answer may be cut short`,
        false,
        'incomplete_answer',
      );
      this.settle(e);
      return Promise.reject(e);
    }
    this.settle(null);
    return Promise.resolve(r);
  }

  /** What a failure mid-answer was: the idle timeout's cancel, a shutdown, or the upstream's own error. */
  private explain(err: unknown): unknown {
    if (this.idleFired) {
      return new UpstreamError(
        this.o.providerId,
        502,
        `${this.o.providerId} sent nothing for ${this.o.idleTimeoutMs} ms in the middle of its answer; Oblix stopped waiting`,
        false,
        'idle_timeout',
      );
    }
    if (this.o.signal.aborted && this.o.signal.reason === 'shutdown') {
      return OblixError.of('server_shutting_down', 'Oblix is shutting down: the answer was stopped before it was complete.');
    }
    return err;
  }

  private armIdle(): void {
    if (this.o.idleTimeoutMs <= 0) return;
    if (this.idle) {
      this.idle.refresh(); // one timer per answer, re-armed per read (even after it fired): no allocation per step
      return;
    }
    this.idle = (this.o.clock ?? SYSTEM_CLOCK).setTimeout(() => {
      // A slow client (backpressure) is not a silent upstream: fire only while a read is pending.
      if (!this.waiting) return;
      this.idleFired = true;
      this.o.attempt.abort(); // the provider's pending read fails; explain() names the reason
    }, this.o.idleTimeoutMs);
  }

  private disarmIdle(): void {
    if (this.idle) (this.o.clock ?? SYSTEM_CLOCK).clearTimeout(this.idle);
    this.idle = null;
  }

  private settle(err: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.disarmIdle();
    this.o.cleanup();
    if (err === null) {
      this.o.meter?.end('ok');
      this.o.connectivity.succeeded(this.o.providerId, 'request');
      return;
    }
    if (this.o.signal.aborted && !this.idleFired) {
      this.o.meter?.end(this.o.signal.reason === 'shutdown' ? 'error' : 'cancelled', this.o.signal.reason === 'shutdown' ? 'server_shutting_down' : undefined);
      return;
    }
    this.o.meter?.end('error', codeOf(err));
    if (!(err instanceof UpstreamError)) return;
    const kind = failureKind(err);
    if (kind) this.o.connectivity.failed(this.o.providerId, kind, err.message);
  }
}

/** The error code a failure carries (OblixError and UpstreamError both have `code`), else `upstream_error`. */
function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code ? code : 'upstream_error';
}
