// Cancellation on the request path without an AbortSignal per request: on Node 20 creating one
// costs ~4 µs (measured in docs/performance/PROFILE.md), and a request needed two. A Cancel is an
// EventEmitter (undici takes it as `signal` as it is) that makes a real AbortSignal only for the
// SDK-based providers that ask for one.
import { EventEmitter } from 'node:events';

/** What the core needs of a caller's cancellation; an AbortSignal is one, and so is a Cancel. */
export interface CancelSignal {
  readonly aborted: boolean;
  /** Why it was aborted, when told: 'shutdown' means the server is stopping, not that the client left. */
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export class Cancel extends EventEmitter implements CancelSignal {
  private cancelled = false;
  private why: unknown = undefined;
  private controller: AbortController | null = null;

  get aborted(): boolean {
    return this.cancelled;
  }

  get reason(): unknown {
    return this.why;
  }

  abort(reason?: unknown): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.why = reason;
    this.controller?.abort();
    this.emit('abort');
  }

  addEventListener(_type: 'abort', listener: () => void): void {
    if (!this.aborted) this.once('abort', listener); // like AbortSignal: no call for a listener added after the abort
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    this.off('abort', listener);
  }

  /** A real AbortSignal that follows this Cancel, made on first use (for SDKs that need one). */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort();
    }
    return this.controller.signal;
  }
}
