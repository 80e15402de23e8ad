// What every dialect's handler does once its request is parsed: route it (a client that left
// before an answer began gets nothing), then stream the committed answer through the dialect's
// renderer, or collect it whole, and tell a failure after commit in the dialect's own shape (a
// shutdown included). Always closes the upstream, however the writing ended.
import type { ServerResponse } from 'node:http';
import type { Cancel, CancelSignal } from '../support/cancel';
import type { ProviderEvent } from '../providers/provider';
import { isAbort } from '../providers/upstream-error';
import type { Routed } from '../routing/router';
import { clientGone } from '../http/client-gone';

/** Writes a dialect's items (SSE events, NDJSON lines) with backpressure. */
export interface AnswerWriter<T> {
  readonly closed: boolean;
  send(items: readonly T[]): Promise<void>;
  end(items?: readonly T[]): void;
}

/** Turns provider events into a dialect's stream items. */
export interface StreamRenderer<T> {
  /** Appends what one batch shows the client. */
  batch(events: readonly ProviderEvent[], out: T[]): void;
  /** Appends the closing items of a clean end. */
  end(out: T[]): void;
  /** Appends the items that tell a failure after the answer began (never a clean end). */
  fail(err: unknown, out: T[]): void;
}

/** A dialect renderer that takes one provider event at a time (Messages, Responses). */
export interface EventRenderer<T> {
  next(ev: ProviderEvent, out: T[]): void;
  end(out: T[]): void;
}

/** A StreamRenderer over an EventRenderer; `fail` tells a failure after commit in the dialect's shape. */
export function perEvent<T>(renderer: EventRenderer<T>, fail: (err: unknown, out: T[]) => void): StreamRenderer<T> {
  return {
    batch(events, out) {
      for (const ev of events) renderer.next(ev, out);
    },
    end: (out) => renderer.end(out),
    fail,
  };
}

/** The head of a Server-Sent Events answer: no caching, no proxy buffering. */
export const SSE_HEAD = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' } as const;

/** Routes with a cancel tied to the client's connection, serves the answer, then closes the upstream. */
export async function answer(res: ServerResponse, route: (gone: Cancel) => Promise<Routed>, serve: (routed: Routed, gone: Cancel) => Promise<void>): Promise<void> {
  const gone = clientGone(res);
  let routed: Routed;
  try {
    routed = await route(gone);
  } catch (err) {
    if (isAbort(err, gone)) return;
    throw err;
  }
  try {
    await serve(routed, gone);
  } finally {
    // Whatever happened here (a write that threw, say), the upstream must not go on generating.
    await routed.events[Symbol.asyncIterator]().return?.(undefined);
  }
}

/** Streams the answer: one write per upstream batch; a failure is the renderer's to tell. */
export async function streamAnswer<T>(routed: Routed, renderer: StreamRenderer<T>, writer: AnswerWriter<T>, signal: CancelSignal): Promise<void> {
  let out: T[] = [];
  try {
    for await (const batch of routed.events) {
      if (writer.closed) return;
      renderer.batch(batch, out);
      await writer.send(out);
      out = [];
    }
    renderer.end(out);
  } catch (err) {
    if (isAbort(err, signal)) return;
    renderer.fail(err, out);
  }
  writer.end(out);
}

/** Feeds the whole answer to `take`; resolves with the failure after commit, null when whole, 'gone' when the client left. */
export async function collectAnswer(routed: Routed, take: (batch: readonly ProviderEvent[]) => void, signal: CancelSignal): Promise<{ failed: unknown } | null | 'gone'> {
  try {
    for await (const batch of routed.events) take(batch);
    return null;
  } catch (err) {
    return isAbort(err, signal) ? 'gone' : { failed: err };
  }
}
