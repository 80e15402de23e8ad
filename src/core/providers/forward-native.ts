// The one loop behind both SDK passthroughs (anthropic-passthrough.ts, openai/responses-passthrough.ts):
// the upstream's own events go out untouched as `native` deltas, the events before the first content
// are held back (so the router can still fail over before the first token), the upstream's own end
// event is the finish, and a stream that ends without it is a transport failure.
import type { NativeEvent } from '../dialects/native';
import type { FinishReason } from '../request';
import type { ProviderEvent } from './provider';
import { TransportError } from './transport-error';

/** An SDK's event stream: events to read, and the controller that closes the upstream. */
export interface NativeStream {
  [Symbol.asyncIterator](): AsyncIterator<unknown>;
  readonly controller: AbortController;
}

/** What one dialect's events mean. */
export interface NativeEvents {
  /** Events that carry no answer yet: holding them back keeps the router free to try another model. */
  readonly preamble: ReadonlySet<string>;
  /** The event that ends a whole answer, as the error for a stream without it names it. */
  readonly endName: string;
  /** The finish an event makes (only the upstream's own end makes the answer whole), or undefined; throws for the upstream's own failure. */
  finishOf(ev: NativeEvent): FinishReason | undefined;
}

export async function* forwardNative(open: () => Promise<NativeStream>, events: NativeEvents, mapError: (err: unknown) => Error): AsyncGenerator<ProviderEvent[]> {
  let stream: NativeStream;
  try {
    stream = await open();
  } catch (err) {
    throw mapError(err);
  }
  let held: ProviderEvent[] = [];
  let finished = false;
  let ended = false;
  try {
    for await (const raw of stream) {
      const ev = raw as NativeEvent;
      const finish = events.finishOf(ev);
      const batch: ProviderEvent[] = [{ type: 'delta', index: 0, native: ev }];
      if (finish !== undefined) {
        ended = true;
        batch.push({ type: 'finish', index: 0, reason: finish });
      }
      const preamble = events.preamble.has(ev.type);
      if (held.length > 0 || preamble) {
        held.push(...batch);
        if (preamble) continue;
        const out = held;
        held = [];
        yield out;
      } else {
        yield batch;
      }
    }
    finished = true;
    if (!ended) throw new TransportError(`the stream ended before ${events.endName} (terminated)`, { code: 'ECONNRESET' });
  } catch (err) {
    throw mapError(err);
  } finally {
    if (!finished) stream.controller.abort(); // the consumer stopped early: close the upstream
  }
  if (held.length > 0) yield held;
}
