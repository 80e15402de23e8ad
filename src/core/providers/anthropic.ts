// Anthropic's Messages API through `@anthropic-ai/sdk`: system messages to `system`, tool calls and
// results translated both ways, stream events to chunk deltas, stop_reason to finish_reason.
import Anthropic from '@anthropic-ai/sdk';
import type { ContentBlockParam, MessageCreateParamsStreaming, MessageParam, StopReason, Tool, ToolChoice } from '@anthropic-ai/sdk/resources/messages';
import type { ChatMessage, ChatRequest, ChatToolChoice, FinishReason } from '../request';
import { passthroughMessages } from './anthropic-passthrough';
import { imagesOf, parseArguments, textOf } from './content';
import { fanOut } from './fan-out';
import type { ChatCall, Provider, ProviderEvent } from './provider';
import { redactUrl } from '../support/redact';
import { UpstreamCalls } from './upstream-calls';
import { TransportError } from './transport-error';

/** Anthropic requires max_tokens; this is what a request that names none gets. */
export const DEFAULT_ANTHROPIC_MAX_TOKENS = 4096;

export interface AnthropicProviderOptions {
  id: string;
  baseURL: string;
  apiKey?: string;
  local: boolean;
}

export class AnthropicProvider implements Provider {
  readonly kind = 'anthropic' as const;
  readonly speaks = ['anthropic-messages'] as const;
  readonly id: string;
  readonly local: boolean;
  private readonly client: Anthropic;
  private readonly upstream: UpstreamCalls;

  constructor(opts: AnthropicProviderOptions) {
    this.id = opts.id;
    this.local = opts.local;
    this.upstream = new UpstreamCalls(opts.id, `${opts.id} at ${redactUrl(opts.baseURL)}`);
    // As for OpenAI: without a key, the placeholder is never sent (the SDK sends its key as a Bearer token).
    this.client = new Anthropic({
      baseURL: opts.baseURL,
      apiKey: opts.apiKey || 'none',
      maxRetries: 0,
      ...(!opts.apiKey && { defaultHeaders: { authorization: null, 'x-api-key': null } }),
    });
  }

  ignoredParams(req: ChatRequest): string[] {
    if (req.native?.dialect === 'anthropic-messages') return []; // passed through: nothing is lost
    const out: string[] = [];
    // The Messages API this SDK speaks has retired sampling controls; say so rather than pretend.
    if (req.explicit.has('temperature')) out.push('temperature');
    if (req.explicit.has('top_p')) out.push('top_p');
    if (req.presence_penalty !== 0) out.push('presence_penalty');
    if (req.frequency_penalty !== 0) out.push('frequency_penalty');
    if (req.logit_bias) out.push('logit_bias');
    if (req.seed !== null) out.push('seed');
    if (req.response_format?.type === 'json_object') out.push('response_format');
    out.push(...Object.keys(req.extra));
    return out;
  }

  chat(call: ChatCall): AsyncIterable<ProviderEvent[]> {
    const native = call.request.native;
    if (native?.dialect === 'anthropic-messages') {
      return passthroughMessages(this.client, call.model, native, call.cancel.signal, this.upstream.error);
    }
    const body = toAnthropic(call.model, call.request);
    return fanOut(call.request.n, () => this.generate(body, call.cancel.signal));
  }

  ping(signal?: AbortSignal): Promise<void> {
    return this.upstream.call(async () => {
      await this.client.models.list({ limit: 1 }, { signal });
    });
  }

  private async *generate(body: MessageCreateParamsStreaming, signal: AbortSignal): AsyncGenerator<ProviderEvent[]> {
    const stream = await this.upstream.call(() => this.client.messages.create(body, { signal }));
    let prompt = 0;
    let completion = 0;
    let toolIndex = -1;
    const toolBlocks = new Map<number, number>(); // Anthropic block index -> OpenAI tool_calls index
    let finished = false;
    let stop: FinishReason | null = null;
    let stopped = false;
    try {
      for await (const ev of stream) {
        switch (ev.type) {
          case 'message_start': {
            const u = ev.message.usage;
            prompt = u.input_tokens + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0);
            completion = u.output_tokens;
            break;
          }
          case 'content_block_start':
            if (ev.content_block.type === 'tool_use') {
              toolBlocks.set(ev.index, ++toolIndex);
              yield [
                { type: 'delta', index: 0, toolCalls: [{ index: toolIndex, id: ev.content_block.id, type: 'function', function: { name: ev.content_block.name, arguments: '' } }] },
              ];
            } else if (ev.content_block.type === 'text' && ev.content_block.text) {
              yield [{ type: 'delta', index: 0, content: ev.content_block.text }];
            }
            break;
          case 'content_block_delta':
            if (ev.delta.type === 'text_delta') yield [{ type: 'delta', index: 0, content: ev.delta.text }];
            else if (ev.delta.type === 'input_json_delta' && toolBlocks.has(ev.index)) {
              yield [{ type: 'delta', index: 0, toolCalls: [{ index: toolBlocks.get(ev.index)!, function: { arguments: ev.delta.partial_json } }] }];
            }
            break;
          case 'message_delta':
            completion = ev.usage.output_tokens;
            if (ev.usage.input_tokens != null) prompt = ev.usage.input_tokens + (ev.usage.cache_creation_input_tokens ?? 0) + (ev.usage.cache_read_input_tokens ?? 0);
            if (ev.delta.stop_reason) stop = finishReason(ev.delta.stop_reason);
            break;
          case 'message_stop':
            // The finish goes out only now: a stream cut between message_delta and message_stop is not whole.
            stopped = true;
            if (stop) yield [{ type: 'finish', index: 0, reason: stop }];
            break;
          default:
            break;
        }
      }
      finished = true;
      if (!stopped) throw new TransportError('the stream ended before message_stop (terminated)', { code: 'ECONNRESET' });
    } catch (err) {
      throw this.upstream.error(err);
    } finally {
      if (!finished) stream.controller.abort(); // the consumer stopped early: close the upstream
    }
    yield [{ type: 'usage', usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion } }];
  }
}

export function toAnthropic(model: string, req: ChatRequest): MessageCreateParamsStreaming {
  const system = req.messages
    .filter((m) => m.role === 'system' || m.role === 'developer')
    .map((m) => textOf(m.content))
    .join('\n\n');
  const body: MessageCreateParamsStreaming = {
    model,
    messages: toAnthropicMessages(req.messages),
    max_tokens: req.maxTokens ?? DEFAULT_ANTHROPIC_MAX_TOKENS,
    stream: true,
  };
  if (system) body.system = system;
  const rf = req.response_format;
  if (rf?.type === 'json_schema' && rf.json_schema.schema) body.output_config = { format: { type: 'json_schema', schema: rf.json_schema.schema } };
  if (req.stop) body.stop_sequences = req.stop;
  if (req.user !== null) body.metadata = { user_id: req.user };
  if (req.tools) {
    body.tools = req.tools.flatMap((t): Tool[] =>
      t.type === 'function'
        ? [{ name: t.function.name, description: t.function.description, input_schema: (t.function.parameters ?? { type: 'object', properties: {} }) as Tool['input_schema'] }]
        : [],
    );
    const choice = toolChoice(req.tool_choice);
    if (choice) body.tool_choice = choice;
  }
  return body;
}

function toolChoice(c: ChatToolChoice | null): ToolChoice | null {
  if (c === null) return null;
  if (c === 'auto') return { type: 'auto' };
  if (c === 'required') return { type: 'any' };
  if (c === 'none') return { type: 'none' };
  return c.type === 'function' ? { type: 'tool', name: c.function.name } : null;
}

/** OpenAI's flat list to Anthropic's user/assistant turns; tool results become user turns, and neighbours of one role merge. */
function toAnthropicMessages(messages: ChatMessage[]): MessageParam[] {
  const out: MessageParam[] = [];
  const push = (role: 'user' | 'assistant', blocks: ContentBlockParam[]): void => {
    if (blocks.length === 0) return;
    const last = out[out.length - 1];
    if (last && last.role === role) (last.content as ContentBlockParam[]).push(...blocks);
    else out.push({ role, content: blocks });
  };
  messages.forEach((m, i) => {
    switch (m.role) {
      case 'system':
      case 'developer':
        return;
      case 'user': {
        const blocks: ContentBlockParam[] = [];
        const text = textOf(m.content);
        for (const img of imagesOf(m.content)) {
          blocks.push(
            img.data
              ? { type: 'image', source: { type: 'base64', media_type: img.data.mediaType as 'image/png', data: img.data.base64 } }
              : { type: 'image', source: { type: 'url', url: img.url } },
          );
        }
        if (text) blocks.push({ type: 'text', text });
        return push('user', blocks);
      }
      case 'assistant': {
        const blocks: ContentBlockParam[] = [];
        const text = textOf(m.content ?? '');
        if (text) blocks.push({ type: 'text', text });
        m.tool_calls?.forEach((c, j) => {
          if (c.type === 'function') {
            blocks.push({ type: 'tool_use', id: c.id, name: c.function.name, input: parseArguments(c.function.arguments, `messages[${i}].tool_calls[${j}].function.arguments`) });
          }
        });
        return push('assistant', blocks);
      }
      case 'tool':
        return push('user', [{ type: 'tool_result', tool_use_id: m.tool_call_id, content: textOf(m.content) }]);
      default:
        return push('user', [{ type: 'text', text: textOf(m.content ?? '') }]);
    }
  });
  return out;
}

function finishReason(r: StopReason): FinishReason {
  switch (r) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'stop';
  }
}
