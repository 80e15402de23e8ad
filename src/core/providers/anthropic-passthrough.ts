// Messages in, Messages out: the client's own body goes to Anthropic with only `model` replaced, and
// Anthropic's events come back untouched (thinking, signatures, cache counters, betas all survive).
// The events before the first content are held back, so failover still happens before the first token.
import type Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsStreaming } from '@anthropic-ai/sdk/resources/messages';
import type { NativeEvent, NativeRequest } from '../dialects/native';
import type { ProviderEvent } from './provider';
import { TransportError } from './transport-error';

/** Events that carry no answer yet: holding them back keeps the router free to try another model. */
const PREAMBLE = new Set(['message_start', 'content_block_start', 'ping']);

export async function* passthroughMessages(
  client: Anthropic,
  model: string,
  native: NativeRequest,
  signal: AbortSignal,
  mapError: (err: unknown) => Error,
): AsyncGenerator<ProviderEvent[]> {
  // The client's body is forwarded as it is: the upstream validates it, as it would have directly.
  const body = { ...native.body, model, stream: true } as unknown as MessageCreateParamsStreaming;
  let stream;
  try {
    stream = await client.messages.create(body, { signal, headers: native.headers });
  } catch (err) {
    throw mapError(err);
  }
  let held: ProviderEvent[] = [];
  let finished = false;
  let stopped = false;
  try {
    for await (const ev of stream) {
      const events: ProviderEvent[] = [{ type: 'delta', index: 0, native: ev as unknown as NativeEvent }];
      if (ev.type === 'message_stop') {
        // Only Anthropic's own message_stop makes the answer whole: the router's check reads this finish.
        stopped = true;
        events.push({ type: 'finish', index: 0, reason: 'stop' });
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
    if (!stopped) throw new TransportError('the stream ended before message_stop (terminated)', { code: 'ECONNRESET' });
  } catch (err) {
    throw mapError(err);
  } finally {
    if (!finished) stream.controller.abort(); // the consumer stopped early: close the upstream
  }
  if (held.length > 0) yield held;
}
