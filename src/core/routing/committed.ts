// The answer of the model a request was committed to: the batch that committed it, then the rest
// of the provider's stream. It reports how the answer ended to the provider's health (a clean
// finish counts as a success, a failure after the first token against it, a caller's cancel as
// neither) and releases the attempt's abort link once. A plain iterator, not a generator: it sits
// on the path of every batch, and each generator layer costs promises per step.
import type { ProviderEvent } from '../providers/provider';
import { UpstreamError } from '../providers/upstream-error';
import type { Connectivity } from './connectivity';
import { failureKind } from './failure-kind';

export class Committed implements AsyncIterableIterator<ProviderEvent[]> {
  private first: IteratorResult<ProviderEvent[]> | null;
  private settled = false;

  constructor(
    first: IteratorResult<ProviderEvent[]>,
    private readonly rest: AsyncIterator<ProviderEvent[]>,
    private readonly providerId: string,
    private readonly connectivity: Connectivity,
    /** True when the caller cancelled: the error that follows is its doing, not the provider's. */
    private readonly cancelled: () => boolean,
    private readonly cleanup: () => void,
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
      if (!first.done) return Promise.resolve(first);
      this.settle(null);
      return Promise.resolve(first);
    }
    if (this.settled) return Promise.resolve({ done: true, value: undefined });
    return this.rest.next().then(
      (r) => {
        if (r.done) this.settle(null);
        return r;
      },
      (err: unknown) => {
        this.settle(err);
        throw err;
      },
    );
  }

  /** The consumer stopped early (client gone, Stop pressed): close the upstream, count nothing. */
  async return(): Promise<IteratorResult<ProviderEvent[]>> {
    if (!this.settled) {
      this.settled = true;
      this.cleanup();
      await this.rest.return?.(undefined);
    }
    return { done: true, value: undefined };
  }

  private settle(err: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.cleanup();
    if (err === null) {
      this.connectivity.succeeded(this.providerId, 'request');
      return;
    }
    if (this.cancelled()) return;
    if (!(err instanceof UpstreamError)) return;
    const kind = failureKind(err);
    if (kind) this.connectivity.failed(this.providerId, kind, err.message);
  }
}
