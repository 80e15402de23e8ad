// OpenAI and every OpenAI-compatible service. The request is passed through as the client sent it
// (plus Oblix's documented temperature default); the upstream is always streamed so stream and
// non-stream answers share one path.
import OpenAI from 'openai';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import type { ChatCompletionChunk, ChatRequest, FinishReason } from '../../request';
import { completionBody, completionEvents, openAIEmbed } from './openai-completions';
import type { ChatCall, EmbedCall, Embeddings, Provider, ProviderEvent, ProviderKind } from '../provider';
import { OpenAIStream } from './openai-stream';
import { passthroughResponses } from './responses-passthrough';
import type { Dialect } from '../../dialects/native';
import { redactUrl } from '../../support/redact';
import { UpstreamCalls } from '../upstream-calls';

// Reasoning models accept only their default temperature; sending Oblix's 0.7 would be refused.
const FIXED_TEMPERATURE = /^(o\d|gpt-5)/;

export interface OpenAIProviderOptions {
  id: string;
  kind: Extract<ProviderKind, 'openai' | 'openai-compatible'>;
  baseURL: string;
  apiKey?: string;
  local: boolean;
}

export class OpenAIProvider implements Provider {
  readonly id: string;
  readonly kind: OpenAIProviderOptions['kind'];
  readonly local: boolean;
  /** OpenAI itself takes Responses bodies as they are; an OpenAI-compatible server may not have /responses. */
  readonly speaks: readonly Dialect[];
  private readonly client: OpenAI;
  private readonly stream: OpenAIStream;
  private readonly completions: OpenAIStream;
  private readonly upstream: UpstreamCalls;

  constructor(opts: OpenAIProviderOptions) {
    this.id = opts.id;
    this.kind = opts.kind;
    this.local = opts.local;
    this.speaks = opts.kind === 'openai' ? ['openai-responses'] : [];
    this.upstream = new UpstreamCalls(opts.id, `${opts.id} at ${redactUrl(opts.baseURL)}`);
    // Retries are the router's job (it can move to another model instead of waiting).
    // The SDK runs the probe (GET /models); the chat call, the hot path, is a plain POST (openai-stream.ts).
    // The SDK insists on a key; with none, the placeholder is never sent (no "Bearer none"): a
    // keyless local server gets no Authorization header at all.
    this.client = new OpenAI({ baseURL: opts.baseURL, apiKey: opts.apiKey || 'none', maxRetries: 0, ...(!opts.apiKey && { defaultHeaders: { authorization: null } }) });
    this.stream = new OpenAIStream(opts.baseURL, opts.apiKey);
    this.completions = new OpenAIStream(opts.baseURL, opts.apiKey, undefined, '/completions');
  }

  ignoredParams(): string[] {
    return [];
  }

  chat({ model, request: req, cancel }: ChatCall): AsyncIterable<ProviderEvent[]> {
    if (req.native && this.speaks.includes(req.native.dialect)) {
      return passthroughResponses(this.client, model, req.native, cancel.signal, this.upstream.error);
    }
    // One generator from socket to events: each layer of async iteration costs promises per read.
    return this.stream.batches(toOpenAI(model, req), cancel, toEvents, this.upstream.error);
  }

  complete(call: ChatCall): AsyncIterable<ProviderEvent[]> {
    const prompt = call.request.prompt;
    if (!prompt) return this.chat(call);
    return this.completions.batches(completionBody(call.model, call.request, prompt), call.cancel, completionEvents, this.upstream.error);
  }

  embed(call: EmbedCall): Promise<Embeddings> {
    return this.upstream.call(() => openAIEmbed(this.client, call));
  }

  ping(signal?: AbortSignal): Promise<void> {
    return this.upstream.call(async () => {
      await this.client.models.list({ signal });
    });
  }
}

/** Appends the events one upstream chunk carries (a role-only chunk carries none). */
function toEvents(chunk: ChatCompletionChunk, out: ProviderEvent[]): void {
  for (const c of chunk.choices ?? []) {
    const d = c.delta ?? {};
    const toolCalls = d.tool_calls?.map((t) => ({ index: t.index, id: t.id, type: t.type, function: t.function }));
    if (d.content || toolCalls?.length || d.refusal) {
      out.push({ type: 'delta', index: c.index, content: d.content || undefined, toolCalls, refusal: d.refusal || undefined });
    }
    if (c.finish_reason) out.push({ type: 'finish', index: c.index, reason: c.finish_reason as FinishReason });
  }
  if (chunk.usage) {
    const { prompt_tokens, completion_tokens, total_tokens } = chunk.usage;
    out.push({ type: 'usage', usage: { prompt_tokens, completion_tokens, total_tokens } });
  }
}

/** The upstream body: the request as the client sent it, plus the documented temperature default. */
export function toOpenAI(model: string, req: ChatRequest): ChatCompletionCreateParamsStreaming {
  const params: Record<string, unknown> = { ...req.extra, model, messages: req.messages, stream: true, stream_options: { include_usage: true } };
  if (req.explicit.has('temperature') || !FIXED_TEMPERATURE.test(model)) params.temperature = req.temperature;
  // Everything else only when the client sent it: compatible servers differ in what they accept.
  const passIf = (key: string, value: unknown): void => {
    if (req.explicit.has(key)) params[key] = value;
  };
  passIf('top_p', req.top_p);
  passIf('n', req.n);
  passIf('presence_penalty', req.presence_penalty);
  passIf('frequency_penalty', req.frequency_penalty);
  passIf('logit_bias', req.logit_bias);
  passIf('user', req.user);
  passIf('stop', req.stop);
  passIf('seed', req.seed);
  passIf('response_format', req.response_format);
  passIf('tools', req.tools);
  passIf('tool_choice', req.tool_choice);
  if (req.maxTokensParam) params[req.maxTokensParam] = req.maxTokens;
  return params as unknown as ChatCompletionCreateParamsStreaming;
}
