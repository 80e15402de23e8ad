// The validated, defaults-applied form of an OpenAI chat completions request.
// Wire shapes come from the `openai` package's own types (type-only import), so the
// contract is the SDK's, not a hand copy of it.
import type { ChatCompletionChunk, ChatCompletionMessageParam, ChatCompletionTool, ChatCompletionToolChoiceOption } from 'openai/resources/chat/completions';
import type { NativeRequest } from './dialects/native';
import type { Caller } from './ledger/record';

export type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
export type ChatMessage = ChatCompletionMessageParam;
export type ChatTool = ChatCompletionTool;
export type ChatToolChoice = ChatCompletionToolChoiceOption;
export type FinishReason = ChatCompletionChunk.Choice['finish_reason'] & string;

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; json_schema: { name: string; schema?: Record<string, unknown>; strict?: boolean | null; description?: string } };

export interface ChatRequest {
  /** Who sent it (dialect, client), for the usage ledger; set by the dialect's handler or the in-editor caller. */
  caller?: Caller;
  model: string;
  messages: ChatMessage[];
  temperature: number;
  top_p: number;
  n: number;
  stream: boolean;
  includeUsage: boolean;
  /** max_completion_tokens ?? max_tokens; null means the model's own limit. */
  maxTokens: number | null;
  /** Which of the two names the client used, so OpenAI-kind upstreams get the same one. */
  maxTokensParam: 'max_tokens' | 'max_completion_tokens' | null;
  presence_penalty: number;
  frequency_penalty: number;
  logit_bias: Record<string, number> | null;
  user: string | null;
  stop: string[] | null;
  seed: number | null;
  response_format: ResponseFormat | null;
  tools: ChatTool[] | null;
  tool_choice: ChatToolChoice | null;
  /** Names of the parameters the client actually sent (defaults are not in here). */
  explicit: ReadonlySet<string>;
  /** Parameters Oblix does not model; passed through to OpenAI-kind upstreams, reported as ignored elsewhere. */
  extra: Record<string, unknown>;
  /** The client's own body when it spoke another dialect; only a provider that speaks that dialect reads it. */
  native?: NativeRequest;
  /** Set for a text completion (legacy completions, Ollama generate): the router calls `complete`, not `chat`. */
  prompt?: PromptSpec;
  /** The client's own id of the conversation (session headers, Claude Code's session, Codex's prompt_cache_key): stickiness reads it. */
  conversation?: string;
  /** Why this prompt must stay on this machine whatever it says (the editor attached a file matching oblix.privacy.localOnlyFiles). */
  keepLocal?: string;
  /**
   * Set by the editor for requests made inside it (chat view, @oblix, Oblix Auto, execute()): only
   * these may reach the editor's own models unless oblix.editorModels.onEndpoint is on.
   */
  inEditor?: boolean;
  /**
   * The model name the client sent, before aliases (`claude-haiku-4-5` that an alias made `auto`):
   * routing reads the tier the client asked for from it (routing/task-kind.ts).
   */
  requestedModel?: string;
  /** How hard the client asked the model to think, in each dialect's words mapped by routing/reasoning-level.ts. */
  reasoning?: ReasoningLevel;
}

/** Anthropic `thinking`, OpenAI `reasoning_effort` / `reasoning.effort`, Ollama `think`, on one scale. */
export type ReasoningLevel = 'low' | 'medium' | 'high';

/** A prompt to continue: as is (`raw`, the client applied the model's template or FIM tokens) or filled in before `suffix`. */
export interface PromptSpec {
  text: string;
  suffix: string | null;
  raw: boolean;
}

/** The tool-call fragment of a streamed delta, in OpenAI's shape. */
export interface ToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
}

export type { Usage } from './usage';

/**
 * The internal request a dialect builds: chat-completions shape with the defaults a request that named
 * nothing would get, so a translated request looks to the router like any other.
 */
export function chatRequest(model: string, messages: ChatMessage[], stream: boolean, fields: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model,
    // Before any alias: what the client asked for, a routing signal (routing/task-kind.ts).
    requestedModel: model,
    messages,
    // Both the Messages and the Responses API default to temperature 1; not in `explicit` unless sent.
    temperature: 1,
    top_p: 1,
    n: 1,
    stream,
    includeUsage: true,
    maxTokens: null,
    maxTokensParam: null,
    presence_penalty: 0,
    frequency_penalty: 0,
    logit_bias: null,
    user: null,
    stop: null,
    seed: null,
    response_format: null,
    tools: null,
    tool_choice: null,
    explicit: new Set(),
    extra: {},
    ...fields,
  };
}
