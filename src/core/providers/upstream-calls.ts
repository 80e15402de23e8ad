// One upstream's failures in the shape the router reads (status, retryability, "unreachable"),
// wherever the provider calls it: an awaited call, a stream of events, or a callback.
import type { OblixError } from '../errors/oblix-error';
import { toUpstreamError } from './upstream-error';

export class UpstreamCalls {
  /** `where` names the upstream for people: "Ollama at http://127.0.0.1:11434". */
  constructor(
    readonly id: string,
    readonly where: string,
  ) {}

  /** A caught value as the router's error; an arrow, so it can be handed on as a callback. */
  readonly error = (err: unknown): OblixError => toUpstreamError(this.id, this.where, err);

  async call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      throw this.error(err);
    }
  }

  async *events<T>(events: AsyncIterable<T>): AsyncGenerator<T> {
    try {
      yield* events;
    } catch (err) {
      throw this.error(err);
    }
  }
}
