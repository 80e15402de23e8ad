// Every `code` Oblix itself puts in an error object, with its HTTP status and what it means, so that
// a code is one of these or fails to compile. An upstream's own code is passed on as it came
// (UpstreamCode): it is the upstream's vocabulary, not Oblix's. One file with no imports.

/** The `error.type` of OpenAI's error shape. */
export type ErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  // OpenAI's own type for "out of money" (budget_exceeded uses it).
  | 'insufficient_quota'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'server_error'
  | 'service_unavailable';

interface CodeInfo {
  /** The status Oblix answers with; `all_candidates_failed` and a relayed upstream code carry the upstream's status instead. */
  readonly status: number;
  /** The `error.type` when the status alone does not say it (typeForStatus in oblix-error.ts). */
  readonly type?: ErrorType;
  readonly description: string;
}

const CODES = {
  // The request itself.
  invalid_json: { status: 400, description: 'the body is empty or not JSON' },
  json_too_deep: { status: 400, description: 'the body nests objects and arrays deeper than any model API needs' },
  request_too_large: { status: 413, description: 'the body is larger than the limit' },
  invalid_type: { status: 400, description: 'a parameter (or the body) has the wrong type' },
  invalid_value: { status: 400, description: 'a parameter has a value out of its range or set' },
  missing_required_parameter: { status: 400, description: 'a required parameter is missing' },
  empty_array: { status: 400, description: 'a list that needs an entry is empty' },
  unsupported_parameter: { status: 400, description: 'a parameter needs state Oblix does not keep (previous_response_id, background...)' },
  // The model asked for.
  model_not_found: { status: 404, description: 'no configured or installed model has that name' },
  model_ambiguous: { status: 400, description: 'a bare model name matches several models: name one with its provider' },
  model_not_supported: { status: 400, description: "the named model's provider has no API for this (completions, embeddings)" },
  local_only: { status: 403, description: 'the model is a cloud model and Oblix is in local-only mode' },
  budget_exceeded: { status: 402, type: 'insufficient_quota', description: 'a cloud model was named and a cloud budget (budget.dailyUSD or budget.monthlyUSD) is spent' },
  secret_in_prompt: { status: 403, description: 'the prompt carries a credential and only cloud models could serve it (privacy.secrets is block)' },
  no_model_available: { status: 503, description: 'no model can answer: none is configured, installed or reachable' },
  // The caller and the path.
  host_not_allowed: { status: 403, description: 'the Host header is not a loopback name' },
  origin_not_allowed: { status: 403, description: 'the browser Origin is not allowed' },
  invalid_api_key: { status: 401, description: 'the server requires a bearer token and the request has a wrong one or none' },
  unknown_url: { status: 404, description: 'no endpoint at that path' },
  method_not_allowed: { status: 405, description: 'the endpoint exists, not with that method' },
  no_ollama: { status: 501, type: 'invalid_request_error', description: 'an Ollama model-management call, and no Ollama is configured' },
  loop_detected: { status: 508, type: 'invalid_request_error', description: "the request came from Oblix's own Ollama provider: OLLAMA_HOST points at Oblix" },
  // Oblix and the upstreams.
  server_shutting_down: { status: 503, description: 'Oblix is stopping: the request was refused or its answer cut' },
  internal_error: { status: 500, description: 'a bug in Oblix' },
  upstream_unreachable: { status: 502, description: 'no HTTP answer from the upstream (refused, DNS, reset)' },
  upstream_error: { status: 502, description: 'the upstream call failed without an HTTP status' },
  all_candidates_failed: { status: 502, description: 'every candidate model failed; the status is the last upstream answer' },
  first_token_timeout: { status: 504, description: 'no first token within the first-token timeout' },
  idle_timeout: { status: 502, description: 'the upstream went silent in the middle of its answer (an error event in a stream)' },
  invalid_tool_call: { status: 502, description: 'the model wrote a tool call as text with arguments that do not fit the tool, and the next model answered' },
  incomplete_answer: { status: 502, description: 'the upstream ended its answer without saying it was finished' },
  server_error: { status: 500, description: 'in `response.failed` of the Responses API: the model failed after the answer began' },
} as const satisfies Record<string, CodeInfo>;

/** A code Oblix itself sends in `error.code`. */
export type ErrorCode = keyof typeof CODES;

/** Every code, in the order docs/api.md lists them (test/core/errors/error-codes.test.ts keeps the two equal). */
export const ERROR_CODES = Object.keys(CODES) as readonly ErrorCode[];

export function errorCodeInfo(code: ErrorCode): CodeInfo {
  return CODES[code];
}

declare const upstream: unique symbol;
/** A code an upstream sent in its own error (`rate_limit_exceeded`, `context_length_exceeded`...), relayed as it came. */
export type UpstreamCode = string & { readonly [upstream]: true };

export function upstreamCode(code: string): UpstreamCode {
  return code as UpstreamCode;
}

/** What `error.code` may hold: Oblix's own code or an upstream's. */
export type AnyErrorCode = ErrorCode | UpstreamCode;
