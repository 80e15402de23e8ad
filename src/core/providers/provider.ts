// The one interface every upstream kind implements. A provider turns a validated request into
// a stream of normalized deltas; the server owns ids, timestamps, SSE and response assembly.
import type { Cancel } from '../support/cancel';
import type { Dialect, NativeEvent } from '../dialects/native';
import type { ChatRequest, FinishReason, ToolCallDelta, Usage } from '../request';

export type ProviderKind = 'ollama' | 'openai' | 'anthropic' | 'openai-compatible';

/** One step of one choice. `usage` arrives once, at the end, covering all choices. */
export type ProviderEvent =
  // `native`: an upstream event in the client's own dialect (same-dialect passthrough); a field of
  // `delta` rather than its own variant so consumers that never ask for passthrough need no change.
  | { type: 'delta'; index: number; content?: string; toolCalls?: ToolCallDelta[]; refusal?: string; native?: NativeEvent }
  | { type: 'finish'; index: number; reason: FinishReason }
  | { type: 'usage'; usage: Usage };

export interface ChatCall {
  /** The model name as the upstream knows it (the part after `<provider>:`). */
  model: string;
  request: ChatRequest;
  /** Cancels this attempt: the caller went away, or the router gave up on it. `cancel.signal` is an AbortSignal for SDKs. */
  cancel: Cancel;
  /** The context window to run a local model with, when routing raised it (Ollama `options.num_ctx`). */
  numCtx?: number;
  /** The most a local answer may take before the window is full (Ollama `num_predict` is capped there). */
  answerRoom?: number;
}

export interface EmbedCall {
  model: string;
  /** Texts, or token arrays (only OpenAI-kind upstreams take those). */
  input: string[] | number[][];
  dimensions: number | null;
  signal: AbortSignal;
}

export interface Embeddings {
  vectors: number[][];
  promptTokens: number;
}

/** What a local runtime says about one installed model. */
export interface InstalledModel {
  model: string;
  digest: string | null;
  sizeBytes: number | null;
  loaded: boolean;
  /** The context window of the loaded instance, when the runtime reports it. */
  loadedContextLength: number | null;
}

export interface ModelDescription {
  /** The context length the model was trained for (the most it can take). */
  contextLength: number | null;
  /** The window it runs with unless a request asks otherwise (Ollama: the Modelfile's num_ctx), when set. */
  configuredContextLength?: number | null;
  /** KV-cache bytes per token of context (f16), when the architecture says: what a larger window costs. */
  kvBytesPerToken?: number | null;
  /** e.g. completion, tools, vision; null when the runtime does not say. */
  capabilities: string[] | null;
}

/** A model's load time as the runtime reported it, in ms (a few ms when it was loaded already). */
export type LoadListener = (model: string, loadMs: number) => void;

export interface Provider {
  readonly id: string;
  /** `editor`: a provider the host registers (providers/external.ts), never one from config. */
  readonly kind: ProviderKind | 'editor';
  /** True for providers that run on this machine (Ollama, LM Studio on loopback...). */
  readonly local: boolean;
  /** Client dialects this provider accepts as they are (request.native), answering in `native` events. */
  readonly speaks?: readonly Dialect[];
  /** Parameters of `request` this provider cannot honour, reported in `x-oblix-ignored-params`. */
  ignoredParams(request: ChatRequest): string[];
  /**
   * Streams the answer in batches, so the layers above pay one async step per batch instead of one
   * per token: a batch is one upstream read (OpenAI-kind), one NDJSON line (Ollama) or one SSE
   * event (Anthropic), as the client library hands them over. Batches are never empty.
   * Throws an OblixError (mapped from the upstream) before or during the stream.
   */
  chat(call: ChatCall): AsyncIterable<ProviderEvent[]>;
  /** Continues `call.request.prompt` (raw, or fill-in-the-middle with a suffix), in the same batches as `chat`. */
  complete?(call: ChatCall): AsyncIterable<ProviderEvent[]>;
  /** One vector per input, in order. */
  embed?(call: EmbedCall): Promise<Embeddings>;
  /** A cheap reachability check of the provider's own base URL. */
  ping(signal?: AbortSignal): Promise<void>;
  /** Local runtimes that can tell: installed models and which are loaded (Ollama /api/tags + /api/ps). */
  inventory?(signal?: AbortSignal): Promise<InstalledModel[]>;
  /** Local runtimes that tell how long a model took to load (Ollama's `load_duration`): called at the end of each answer. */
  observeLoads?(listener: LoadListener): void;
  /** Local runtimes that can: loads a model without generating (Ollama: an empty /api/generate); resolves with its load time in ms. */
  warm?(model: string, signal?: AbortSignal): Promise<number>;
  /** Local runtimes that can tell: one model's context length and capabilities (Ollama /api/show). */
  describeModel?(model: string, signal?: AbortSignal): Promise<ModelDescription>;
}
