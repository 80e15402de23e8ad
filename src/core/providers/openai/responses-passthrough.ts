// Responses in, Responses out: the client's own body goes to OpenAI's /v1/responses with only `model`
// replaced (and `stream: true`, so stream and non-stream answers share one path), and OpenAI's events
// come back untouched: reasoning items with their encrypted content, hosted tools such as web_search,
// cache counters. The events before the first content are held back, so failover still happens
// before the first token.
import type OpenAI from 'openai';
import type { ResponseCreateParamsStreaming } from 'openai/resources/responses/responses';
import type { NativeEvent, NativeRequest } from '../../dialects/native';
import type { ProviderEvent } from '../provider';
import { TransportError } from '../transport-error';

/** Events that carry no answer yet: holding them back keeps the router free to try another model. */
const PREAMBLE = new Set(['response.created', 'response.in_progress', 'response.queued', 'response.output_item.added', 'response.content_part.added']);

export async function* passthroughResponses(
  client: OpenAI,
  model: string,
  native: NativeRequest,
  signal: AbortSignal,
  mapError: (err: unknown) => Error,
): AsyncGenerator<ProviderEvent[]> {
  // The client's body is forwarded as it is: the upstream validates it, as it would have directly.
  const body = { ...native.body, model, stream: true } as unknown as ResponseCreateParamsStreaming;
  let stream;
  try {
    stream = await client.responses.create(body, { signal, headers: native.headers });
  } catch (err) {
    throw mapError(err);
  }
  let held: ProviderEvent[] = [];
  let finished = false;
  let ended = false;
  try {
    for await (const raw of stream) {
      const ev = raw as unknown as NativeEvent;
      // The upstream's own failure: an error the router can fail over from (before commit) or tell (after).
      if (ev.type === 'error' || ev.type === 'response.failed') throw new Error(failureMessage(ev));
      const events: ProviderEvent[] = [{ type: 'delta', index: 0, native: ev }];
      if (ev.type === 'response.completed' || ev.type === 'response.incomplete') {
        // Only the upstream's own end makes the answer whole: the router's check reads this finish.
        ended = true;
        events.push({ type: 'finish', index: 0, reason: ev.type === 'response.completed' ? 'stop' : 'length' });
      }
      if (held.length > 0 || PREAMBLE.has(ev.type)) {
        held.push(...events);
        if (PREAMBLE.has(ev.type)) continue;
        const batch = held;
        held = [];
        yield batch;
      } else {
        yield events;
      }
    }
    finished = true;
    if (!ended) throw new TransportError('the stream ended before response.completed (terminated)', { code: 'ECONNRESET' });
  } catch (err) {
    throw mapError(err);
  } finally {
    if (!finished) stream.controller.abort(); // the consumer stopped early: close the upstream
  }
  if (held.length > 0) yield held;
}

/** The message of an `error` event or of response.failed's `response.error`. */
function failureMessage(ev: NativeEvent): string {
  const response = ev.response as { error?: { message?: unknown } } | undefined;
  const message = ev.type === 'error' ? ev.message : response?.error?.message;
  return typeof message === 'string' && message ? message : `the upstream sent ${ev.type}`;
}
