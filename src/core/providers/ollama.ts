// Ollama through the `ollama` package: options mapping, `format`, tools, images, NDJSON stream.
import { Ollama, type ChatRequest as OllamaChatRequest, type Message as OllamaMessage, type Tool as OllamaTool } from 'ollama';
import { badParam } from '../errors/oblix-error';
import type { ChatMessage, ChatRequest, FinishReason } from '../request';
import { imagesOf, newToolCallId, parseArguments, textOf, toolNamesById } from './content';
import { fanOut } from './fan-out';
import { guardNdjson } from './ndjson-guard';
import { generateBody, generateEvents } from './ollama-generate';
import { passthroughOllama } from './ollama-passthrough';
import type { ChatCall, EmbedCall, Embeddings, InstalledModel, LoadListener, ModelDescription, Provider, ProviderEvent } from './provider';
import { DEFAULT_OLLAMA_HOST } from './base-urls';
import { redactUrl } from '../support/redact';
import { UpstreamCalls } from './upstream-calls';
import { fetchUpstream, TransportError } from './transport-error';

export const OBLIX_HOP_HEADER = 'x-oblix-hop';

export class OllamaProvider implements Provider {
  readonly kind = 'ollama' as const;
  readonly local = true;
  readonly speaks = ['ollama-chat', 'ollama-generate'] as const;
  private readonly upstream: UpstreamCalls;
  /** The runtime's version, as its last successful probe told (never asked on the request path). */
  version: string | null = null;
  private readonly loadListeners: LoadListener[] = [];
  /** Ollama's `keep_alive` for every request that does not set its own; undefined: Ollama's default (5 minutes). */
  private readonly keepAlive: string | number | undefined;

  constructor(
    readonly id: string,
    readonly host: string = DEFAULT_OLLAMA_HOST,
    options: OllamaOptions = {},
  ) {
    this.upstream = new UpstreamCalls(id, `Ollama at ${redactUrl(host)}`);
    this.keepAlive = options.keepAlive;
  }

  observeLoads(listener: LoadListener): void {
    this.loadListeners.push(listener);
  }

  /** An empty /api/generate loads the model and answers at once (done_reason "load"); keep_alive keeps it. */
  warm(model: string, signal?: AbortSignal): Promise<number> {
    return this.upstream.call(async () => {
      const r = await this.client(signal).generate({ model, prompt: '', stream: false, ...this.keepAliveField() });
      const ms = nsToMs(r.load_duration);
      this.loadSeen(model, r.load_duration);
      return ms;
    });
  }

  /** Tells the listeners an answer's load_duration (ns): Oblix learns load times and that the model is now loaded. */
  private loadSeen(model: string, loadNs: number | undefined): void {
    if (typeof loadNs !== 'number' || !Number.isFinite(loadNs)) return;
    for (const l of this.loadListeners) l(model, nsToMs(loadNs));
  }

  private keepAliveField(): { keep_alive?: string | number } {
    return this.keepAlive === undefined ? {} : { keep_alive: this.keepAlive };
  }

  ignoredParams(req: ChatRequest): string[] {
    if (req.native && (this.speaks as readonly string[]).includes(req.native.dialect)) return []; // passed through: nothing is lost
    const out: string[] = [];
    if (req.logit_bias) out.push('logit_bias');
    if (req.user !== null) out.push('user');
    if (req.tool_choice !== null && req.tool_choice !== 'auto' && req.tool_choice !== 'none') out.push('tool_choice');
    out.push(...Object.keys(req.extra));
    return out;
  }

  chat(call: ChatCall): AsyncIterable<ProviderEvent[]> {
    const passthrough = this.passthrough(call);
    if (passthrough) return passthrough;
    const body = this.toOllama(call);
    const client = this.client(call.cancel.signal);
    // Each of n generations gets its own seed so they differ, yet the set stays reproducible.
    return fanOut(call.request.n, (i) =>
      this.generate(client, i === 0 || body.options?.seed === undefined ? body : { ...body, options: { ...body.options, seed: body.options.seed + i } }),
    );
  }

  complete(call: ChatCall): AsyncIterable<ProviderEvent[]> {
    const prompt = call.request.prompt;
    const passthrough = this.passthrough(call);
    if (passthrough) return passthrough;
    if (!prompt) return this.chat(call);
    const body = { ...generateBody(call.model, call.request, prompt), ...this.keepAliveField() };
    const client = this.client(call.cancel.signal);
    const onDone = (loadNs: number | undefined): void => this.loadSeen(call.model, loadNs);
    return fanOut(call.request.n, (i) =>
      this.upstream.events(
        generateEvents(client, i === 0 || body.options?.seed === undefined ? body : { ...body, options: { ...body.options, seed: body.options.seed + i } }, onDone),
      ),
    );
  }

  async embed(call: EmbedCall): Promise<Embeddings> {
    const texts = call.input.map((x, i) => {
      if (typeof x === 'string') return x;
      throw badParam(`input[${i}]`, 'Ollama embeds text, not token arrays: send the input as strings, or name an OpenAI embedding model.');
    });
    return this.upstream.call(async () => {
      const r = await this.client(call.signal).embed({ model: call.model, input: texts, ...(call.dimensions !== null ? { dimensions: call.dimensions } : {}) });
      return { vectors: r.embeddings, promptTokens: r.prompt_eval_count ?? 0 };
    });
  }

  ping(signal?: AbortSignal): Promise<void> {
    return this.upstream.call(async () => {
      this.version = (await this.client(signal).version()).version;
    });
  }

  inventory(signal?: AbortSignal): Promise<InstalledModel[]> {
    return this.upstream.call(async () => {
      const client = this.client(signal);
      const [tags, ps] = await Promise.all([client.list(), client.ps()]);
      const loaded = new Map(ps.models.map((m) => [m.name, m as typeof m & { context_length?: number }]));
      return tags.models.map((m) => ({
        model: m.name,
        digest: m.digest ?? null,
        sizeBytes: m.size ?? null,
        loaded: loaded.has(m.name),
        loadedContextLength: loaded.get(m.name)?.context_length ?? null,
      }));
    });
  }

  describeModel(model: string, signal?: AbortSignal): Promise<ModelDescription> {
    return this.upstream.call(async () => {
      const show = await this.client(signal).show({ model });
      // JSON gives a plain object although the package types it as a Map.
      const info = (show.model_info ?? {}) as unknown as Record<string, unknown>;
      const key = Object.keys(info).find((k) => k.endsWith('.context_length'));
      const ctx = key ? info[key] : undefined;
      return {
        contextLength: typeof ctx === 'number' ? ctx : null,
        capabilities: Array.isArray(show.capabilities) ? show.capabilities : null,
        configuredContextLength: modelfileNumCtx(show.parameters),
        kvBytesPerToken: kvBytesPerToken(info),
      };
    });
  }

  /** A client per call whose fetch carries the caller's signal, so an abort also cancels a request still waiting for headers. */
  private client(signal?: AbortSignal): Ollama {
    return new Ollama({
      host: this.host,
      // Marks Oblix's own calls: an OLLAMA_HOST pointed at Oblix would otherwise route in a circle.
      headers: { [OBLIX_HOP_HEADER]: '1' },
      fetch: (input, init) => fetchUpstream(input, signal ? { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal } : init).then(guardNdjson),
    });
  }

  /** An Ollama client's own body, to the same endpoint it was sent to. */
  private passthrough(call: ChatCall): AsyncIterable<ProviderEvent[]> | null {
    const native = call.request.native;
    if (!native || (native.dialect !== 'ollama-chat' && native.dialect !== 'ollama-generate')) return null;
    // The client's own keep_alive wins; Oblix's fills in when it sent none.
    const keep = this.keepAlive !== undefined && native.body.keep_alive === undefined ? { ...native, body: { ...native.body, keep_alive: this.keepAlive } } : native;
    return this.upstream.events(passthroughOllama(this.host, call.model, keep, call.cancel, { [OBLIX_HOP_HEADER]: '1' }, (loadNs) => this.loadSeen(call.model, loadNs)));
  }

  private async *generate(client: Ollama, body: OllamaChatRequest & { stream: true }): AsyncGenerator<ProviderEvent[]> {
    const stream = await this.upstream.call(() => client.chat(body));
    let toolIndex = 0;
    let done = false;
    try {
      // One NDJSON line per iteration of the package's stream: its events go up as one batch.
      for await (const part of stream) {
        const batch: ProviderEvent[] = [];
        const msg = part.message;
        if (msg?.content) batch.push({ type: 'delta', index: 0, content: msg.content });
        if (msg?.tool_calls?.length) {
          batch.push({
            type: 'delta',
            index: 0,
            toolCalls: msg.tool_calls.map((c) => ({
              index: toolIndex++,
              id: newToolCallId(),
              type: 'function' as const,
              function: { name: c.function.name, arguments: JSON.stringify(c.function.arguments ?? {}) },
            })),
          });
        }
        if (part.done) {
          done = true;
          this.loadSeen(body.model, part.load_duration);
          batch.push({ type: 'finish', index: 0, reason: finishReason(part.done_reason, toolIndex > 0) });
          const prompt = part.prompt_eval_count ?? 0;
          const completion = part.eval_count ?? 0;
          batch.push({ type: 'usage', usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion } });
        }
        if (batch.length) yield batch;
      }
      // Ollama ends every answer with a `done: true` line; a stream that stops before it was cut.
      if (!done) throw new TransportError('the stream ended before its "done" line (terminated)', { code: 'ECONNRESET' });
    } catch (err) {
      throw this.upstream.error(err);
    } finally {
      stream.abort(); // a no-op after a clean end; closes the connection when the consumer stops early
    }
  }

  private toOllama({ model, request: req, numCtx, answerRoom }: ChatCall): OllamaChatRequest & { stream: true } {
    const options: NonNullable<OllamaChatRequest['options']> = { temperature: req.temperature, top_p: req.top_p };
    if (numCtx !== undefined) options.num_ctx = numCtx; // routing raised the window: the prompt would be cut otherwise
    // Capped at the window's room: past it Ollama would shift the context (drop the prompt's start) and go on.
    const limit = answerRoom !== undefined ? Math.min(req.maxTokens ?? answerRoom, answerRoom) : req.maxTokens;
    if (limit !== null) options.num_predict = limit;
    if (req.presence_penalty !== 0) options.presence_penalty = req.presence_penalty;
    if (req.frequency_penalty !== 0) options.frequency_penalty = req.frequency_penalty;
    if (req.stop) options.stop = req.stop;
    if (req.seed !== null) options.seed = req.seed;
    const body: OllamaChatRequest & { stream: true } = { model, messages: toOllamaMessages(req.messages), stream: true, options, ...this.keepAliveField() };
    const rf = req.response_format;
    if (rf?.type === 'json_object') body.format = 'json';
    else if (rf?.type === 'json_schema') body.format = rf.json_schema.schema ?? 'json';
    if (req.tools && req.tool_choice !== 'none') body.tools = req.tools as OllamaTool[];
    return body;
  }
}

export interface OllamaOptions {
  /** `keep_alive` sent with every request that has none (`oblix.ollama.keepAlive`, config `keepAlive`): "30m", 3600, -1 (forever). */
  keepAlive?: string | number;
}

const nsToMs = (ns: number | undefined): number => (typeof ns === 'number' && Number.isFinite(ns) ? Math.round(ns / 1e6) : 0);

function toOllamaMessages(messages: ChatMessage[]): OllamaMessage[] {
  const toolNames = toolNamesById(messages);
  return messages.map((m, i): OllamaMessage => {
    const out: OllamaMessage = { role: m.role === 'developer' ? 'system' : m.role, content: textOf(m.content ?? '') };
    if (m.role === 'user') {
      const images = imagesOf(m.content).map((img) => {
        // Bytes, never strings: the `ollama` package reads a string that names a local file.
        if (img.data) return new Uint8Array(Buffer.from(img.data.base64, 'base64'));
        throw badParam(`messages[${i}].content[${img.part}].image_url.url`, 'Ollama needs images inline: send the image as a data: URL (data:image/png;base64,...).');
      });
      if (images.length) out.images = images;
    }
    if (m.role === 'assistant' && m.tool_calls?.length) {
      out.tool_calls = m.tool_calls.flatMap((c, j) =>
        c.type === 'function'
          ? [{ function: { name: c.function.name, arguments: parseArguments(c.function.arguments, `messages[${i}].tool_calls[${j}].function.arguments`) } }]
          : [],
      );
    }
    if (m.role === 'tool') {
      const name = toolNames.get(m.tool_call_id);
      if (name) out.tool_name = name;
    }
    return out;
  });
}

/** `num_ctx` from /api/show `parameters` ("num_ctx   8192\nstop ..."): the Modelfile's window. */
function modelfileNumCtx(parameters: string | undefined): number | null {
  const m = /^\s*num_ctx\s+(\d+)\s*$/m.exec(parameters ?? '');
  return m ? Number(m[1]) : null;
}

/** f16 KV cache per token: layers × KV heads × (key + value dims) × 2 bytes, from /api/show model_info. */
function kvBytesPerToken(info: Record<string, unknown>): number | null {
  const arch = info['general.architecture'];
  if (typeof arch !== 'string') return null;
  const n = (k: string): number | null => (typeof info[`${arch}.${k}`] === 'number' ? (info[`${arch}.${k}`] as number) : null);
  const layers = n('block_count');
  const heads = n('attention.head_count');
  const kvHeads = n('attention.head_count_kv') ?? heads;
  const embedding = n('embedding_length');
  const headDim = embedding !== null && heads ? embedding / heads : null;
  const k = n('attention.key_length') ?? headDim;
  const v = n('attention.value_length') ?? headDim;
  return layers && kvHeads && k && v ? layers * kvHeads * (k + v) * 2 : null;
}

function finishReason(doneReason: string | undefined, usedTools: boolean): FinishReason {
  if (usedTools) return 'tool_calls';
  return doneReason === 'length' ? 'length' : 'stop';
}
