// Sketches, for measurement only: Oblix's OpenAI provider with the `openai` SDK replaced by a raw
// undici request (or node:http) and a small SSE reader (RawOpenAIProvider), or kept but tuned
// (TunedSdkProvider: fetchOptions { redirect: 'error' }, no abort after a finished stream). Same
// Provider interface, same request translation and event mapping as src/core/providers/openai/openai.ts,
// same error mapping (toUpstreamError). bench/provider-swap.ts puts them into a running Oblix.
import * as http from 'node:http';
import OpenAI from 'openai';
import { Agent, request } from 'undici';
import type { ChatRequest, FinishReason } from '../src/core/openai/types';
import type { ChatCall, Provider, ProviderEvent } from '../src/core/providers/provider';
import { toOpenAI } from '../src/core/providers/openai/openai';
import { SseReader } from '../src/core/providers/openai/sse-reader';
import { toUpstreamError } from '../src/core/providers/upstream-error';

/** The body src/core/providers/openai/openai.ts sends. */
export function toOpenAIBody(model: string, req: ChatRequest): string {
  return JSON.stringify(toOpenAI(model, req));
}

interface WireChunk {
  choices?: { index: number; delta?: { content?: string | null; refusal?: string | null; tool_calls?: { index: number; id?: string; type?: 'function'; function?: { name?: string; arguments?: string } }[] }; finish_reason?: string | null }[];
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
  error?: { message?: string };
}

/** OpenAI's chunk → provider events, as OpenAIProvider.chat maps them. */
function* eventsOf(chunk: WireChunk): Generator<ProviderEvent> {
  for (const c of chunk.choices ?? []) {
    const d = c.delta ?? {};
    const toolCalls = d.tool_calls?.map((t) => ({ index: t.index, id: t.id, type: t.type, function: t.function }));
    if (d.content || toolCalls?.length || d.refusal) yield { type: 'delta', index: c.index, content: d.content || undefined, toolCalls, refusal: d.refusal || undefined };
    if (c.finish_reason) yield { type: 'finish', index: c.index, reason: c.finish_reason as FinishReason };
  }
  if (chunk.usage) {
    const { prompt_tokens, completion_tokens, total_tokens } = chunk.usage;
    yield { type: 'usage', usage: { prompt_tokens, completion_tokens, total_tokens } };
  }
}

export type Transport = 'undici' | 'http';

export class RawOpenAIProvider implements Provider {
  readonly kind = 'openai' as const;
  private readonly url: URL;
  private readonly where: string;
  private readonly agent = new Agent({ connections: 256, keepAliveTimeout: 60_000 });
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 256 });

  constructor(
    readonly id: string,
    baseURL: string,
    private readonly apiKey: string,
    readonly local: boolean,
    private readonly transport: Transport,
  ) {
    this.url = new URL(`${baseURL.replace(/\/$/, '')}/chat/completions`);
    this.where = `${id} at ${baseURL}`;
  }

  ignoredParams(): string[] {
    return [];
  }

  async *chat({ model, request: req, cancel: { signal } }: ChatCall): AsyncGenerator<ProviderEvent[]> {
    const body = toOpenAIBody(model, req);
    const headers = { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${this.apiKey}` };
    let status: number;
    let stream: AsyncIterable<string>;
    let responseHeaders: Record<string, unknown> = {};
    try {
      if (this.transport === 'undici') {
        const res = await request(this.url, { dispatcher: this.agent, method: 'POST', headers, body, signal });
        status = res.statusCode;
        responseHeaders = res.headers;
        res.body.setEncoding('utf8');
        stream = res.body as AsyncIterable<string>;
      } else {
        const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
          const r = http.request(this.url, { method: 'POST', agent: this.httpAgent, headers: { ...headers, 'content-length': Buffer.byteLength(body) }, signal }, resolve);
          r.on('error', reject);
          r.end(body);
        });
        status = res.statusCode ?? 0;
        responseHeaders = res.headers;
        res.setEncoding('utf8');
        stream = res;
      }
    } catch (err) {
      throw toUpstreamError(this.id, this.where, err);
    }
    if (status >= 400) {
      let text = '';
      for await (const c of stream) text += c;
      let error: unknown = text;
      try {
        error = (JSON.parse(text) as { error?: unknown }).error ?? text;
      } catch {
        // not JSON: keep the text
      }
      throw toUpstreamError(this.id, this.where, { status, error, headers: responseHeaders, message: typeof error === 'string' ? error : '' });
    }
    const sse = new SseReader();
    let done = false;
    try {
      // Read to the end even after [DONE]: a body left unread costs the keep-alive connection.
      for await (const text of stream) {
        if (done) continue;
        for (const data of sse.push(typeof text === 'string' ? text : String(text))) {
          if (data === '[DONE]') {
            done = true;
            break;
          }
          const c = JSON.parse(data) as WireChunk;
          if (c.error) throw toUpstreamError(this.id, this.where, { status: 502, error: c.error });
          const batch = [...eventsOf(c)];
          if (batch.length) yield batch;
        }
      }
    } catch (err) {
      throw toUpstreamError(this.id, this.where, err);
    }
  }

  async ping(signal?: AbortSignal): Promise<void> {
    const res = await request(new URL('models', `${this.url.href.replace(/chat\/completions$/, '')}`), { dispatcher: this.agent, headers: { authorization: `Bearer ${this.apiKey}` }, signal });
    await res.body.dump();
    if (res.statusCode >= 400) throw toUpstreamError(this.id, this.where, { status: res.statusCode });
  }
}

/** The SDK as src/core/providers/openai/openai.ts uses it, with the two changes that keep it (see bench/upstream-clients.ts). */
export class TunedSdkProvider implements Provider {
  readonly kind = 'openai' as const;
  private readonly client: OpenAI;
  private readonly where: string;

  constructor(
    readonly id: string,
    baseURL: string,
    apiKey: string,
    readonly local: boolean,
  ) {
    this.where = `${id} at ${baseURL}`;
    // redirect 'error' spares Node's fetch a clone of every request (a tee of its body stream).
    this.client = new OpenAI({ baseURL, apiKey, maxRetries: 0, fetchOptions: { redirect: 'error' } });
  }

  ignoredParams(): string[] {
    return [];
  }

  async *chat({ model, request: req, cancel: { signal } }: ChatCall): AsyncGenerator<ProviderEvent[]> {
    let stream;
    try {
      stream = await this.client.chat.completions.create(toOpenAI(model, req), { signal });
    } catch (err) {
      throw toUpstreamError(this.id, this.where, err);
    }
    let finished = false;
    try {
      for await (const chunk of stream) {
        const batch = [...eventsOf(chunk as WireChunk)];
        if (batch.length) yield batch;
      }
      finished = true;
    } catch (err) {
      throw toUpstreamError(this.id, this.where, err);
    } finally {
      if (!finished) stream.controller.abort(); // only a consumer that stopped early leaves a connection to close
    }
  }

  async ping(signal?: AbortSignal): Promise<void> {
    try {
      await this.client.models.list({ signal });
    } catch (err) {
      throw toUpstreamError(this.id, this.where, err);
    }
  }
}
