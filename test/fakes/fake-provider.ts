// An in-process Provider for routing tests: its chat plays a script of batches and failures, and
// its probe answers as told, so the router and connectivity are tested without any upstream.
import type { Cancel } from '../../src/core/support/cancel';
import type { ChatRequest } from '../../src/core/request';
import type { ChatCall, Provider, ProviderEvent, ProviderKind } from '../../src/core/providers/provider';
import { UpstreamError } from '../../src/core/providers/upstream-error';
import type { ManualClock } from '../manual-clock';

/** One step of a scripted answer: a batch to yield, an error to throw, or silence until the attempt is cancelled. */
export type Step = ProviderEvent[] | Error | 'hang';

export class FakeProvider implements Provider {
  readonly kind: ProviderKind = 'openai';
  /** Every call chat (or complete) got, in order. */
  readonly calls: ChatCall[] = [];
  /** The answer each call plays. */
  script: Step[] = [];
  /** Thrown by chat() itself, before any stream (a body the provider cannot build). */
  refuse: Error | null = null;
  ignored: string[] = [];
  /** How many scripted streams ended (finished, failed or closed early). */
  closed = 0;
  pings = 0;
  pingError: Error | null = null;
  /** With `clock`: how long each probe takes (time passes on the clock while it runs). */
  pingMs = 0;
  clock: ManualClock | null = null;
  /** Set to make the provider offer `complete` (text completion). */
  complete?: (call: ChatCall) => AsyncIterable<ProviderEvent[]>;

  constructor(
    readonly id: string,
    readonly local = false,
  ) {}

  ignoredParams(_request: ChatRequest): string[] {
    return this.ignored;
  }

  chat(call: ChatCall): AsyncIterable<ProviderEvent[]> {
    this.calls.push(call);
    if (this.refuse) throw this.refuse;
    return this.play(call.cancel);
  }

  async ping(): Promise<void> {
    this.pings++;
    this.clock?.pass(this.pingMs);
    if (this.pingError) throw this.pingError;
  }

  /** The scripted stream: what a real provider's read does when its call is cancelled is fail like a cut socket. */
  async *play(cancel: Cancel): AsyncGenerator<ProviderEvent[]> {
    try {
      for (const step of this.script) {
        if (step instanceof Error) throw step;
        if (step === 'hang') {
          await new Promise<never>((_, reject) => {
            const fail = (): void => reject(new UpstreamError(this.id, 502, `${this.id}: terminated`, true, 'upstream_unreachable'));
            if (cancel.aborted) fail();
            else cancel.addEventListener('abort', fail);
          });
        }
        yield step as ProviderEvent[];
      }
    } finally {
      this.closed++;
    }
  }
}

export const text = (content: string, index = 0): ProviderEvent => ({ type: 'delta', index, content });
export const stop = (index = 0): ProviderEvent => ({ type: 'finish', index, reason: 'stop' });
