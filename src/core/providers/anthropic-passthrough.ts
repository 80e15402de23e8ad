// Messages in, Messages out: the client's own body goes to Anthropic with only `model` replaced, and
// Anthropic's events come back untouched (thinking, signatures, cache counters, betas all survive).
// The events before the first content are held back, so failover still happens before the first token.
import type Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsStreaming } from '@anthropic-ai/sdk/resources/messages';
import type { NativeRequest } from '../dialects/native';
import { forwardNative, type NativeEvents } from './forward-native';
import type { ProviderEvent } from './provider';

const MESSAGES: NativeEvents = {
  preamble: new Set(['message_start', 'content_block_start', 'ping']),
  endName: 'message_stop',
  // Only Anthropic's own message_stop makes the answer whole: the router's check reads this finish.
  finishOf: (ev) => (ev.type === 'message_stop' ? 'stop' : undefined),
};

export function passthroughMessages(
  client: Anthropic,
  model: string,
  native: NativeRequest,
  signal: AbortSignal,
  mapError: (err: unknown) => Error,
): AsyncGenerator<ProviderEvent[]> {
  // The client's body is forwarded as it is: the upstream validates it, as it would have directly.
  const open = () => client.messages.create({ ...native.body, model, stream: true } as unknown as MessageCreateParamsStreaming, { signal, headers: native.headers });
  return forwardNative(open, MESSAGES, mapError);
}
