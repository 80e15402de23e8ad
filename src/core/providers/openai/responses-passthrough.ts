// Responses in, Responses out: the client's own body goes to OpenAI's /v1/responses with only `model`
// replaced (and `stream: true`, so stream and non-stream answers share one path), and OpenAI's events
// come back untouched: reasoning items with their encrypted content, hosted tools such as web_search,
// cache counters. The events before the first content are held back, so failover still happens
// before the first token.
import type OpenAI from 'openai';
import type { ResponseCreateParamsStreaming } from 'openai/resources/responses/responses';
import type { NativeEvent, NativeRequest } from '../../dialects/native';
import { forwardNative, type NativeEvents } from '../forward-native';
import type { ProviderEvent } from '../provider';

const RESPONSES: NativeEvents = {
  preamble: new Set(['response.created', 'response.in_progress', 'response.queued', 'response.output_item.added', 'response.content_part.added']),
  endName: 'response.completed',
  finishOf(ev) {
    // The upstream's own failure: an error the router can fail over from (before commit) or tell (after).
    if (ev.type === 'error' || ev.type === 'response.failed') throw new Error(failureMessage(ev));
    // Only the upstream's own end makes the answer whole: the router's check reads this finish.
    if (ev.type === 'response.completed') return 'stop';
    return ev.type === 'response.incomplete' ? 'length' : undefined;
  },
};

export function passthroughResponses(
  client: OpenAI,
  model: string,
  native: NativeRequest,
  signal: AbortSignal,
  mapError: (err: unknown) => Error,
): AsyncGenerator<ProviderEvent[]> {
  // The client's body is forwarded as it is: the upstream validates it, as it would have directly.
  const open = () => client.responses.create({ ...native.body, model, stream: true } as unknown as ResponseCreateParamsStreaming, { signal, headers: native.headers });
  return forwardNative(open, RESPONSES, mapError);
}

/** The message of an `error` event or of response.failed's `response.error`. */
function failureMessage(ev: NativeEvent): string {
  const response = ev.response as { error?: { message?: unknown } } | undefined;
  const message = ev.type === 'error' ? ev.message : response?.error?.message;
  return typeof message === 'string' && message ? message : `the upstream sent ${ev.type}`;
}
