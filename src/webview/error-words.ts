// Errors in words: the technical message of a failed request becomes a short sentence a person can
// act on; the original stays available behind "Show details". Every code Oblix sends has its
// sentence (a new code without one fails to compile); a message with no known code gets a plain
// sentence too, never the raw text as the title.
import type { ErrorCode } from '../core/errors/error-codes';

export interface ErrorWords {
  /** One short sentence. */
  title: string;
  /** What to do, when there is something to do. */
  hint?: string;
  /** The original message, for "Show details". */
  detail: string;
}

interface Words {
  title: string;
  hint?: string;
}

const RETRY = 'Retry, or pick another model.';
const MALFORMED: Words = { title: 'Oblix could not accept the request as it was sent.', hint: '"Oblix: Show Log" has the details for a bug report.' };

/** Causes told by the message itself: more precise than a code (one cause among a code's many). */
const RULES: ReadonlyArray<{ test: RegExp } & Words> = [
  // The extension's own sentences (chat-view.ts, exchange.ts): already words, kept as titles.
  { test: /^Oblix is still answering the previous question/, title: 'Oblix is still answering the previous question.', hint: 'Stop it, or wait for the answer.' },
  { test: /^Stopped before the answer began\.$/, title: 'Stopped before the answer began.' },
  { test: /^Oblix is still starting/, title: 'Oblix is still starting.', hint: 'Retry in a moment.' },
  {
    test: /ollama[^\n]*(could not be reached|ECONNREFUSED|not running)/i,
    title: "Ollama isn't running.",
    hint: 'Start Ollama (or install it), then Retry.',
  },
  // editor-models.ts: VS Code asked for consent to one of the editor's models, and the user refused.
  {
    test: /You did not allow Oblix to use \S+ \(VS Code asked for consent\)/,
    title: 'You did not allow Oblix to use that editor model.',
    hint: 'Oblix passes it over for the rest of this session: reload the window to be asked again, or pick another model.',
  },
  {
    test: /not found, try pulling it|model ['"][^'"]*['"] not found/i,
    title: "That model isn't installed in Ollama.",
    hint: 'Pull it with "Oblix: Pull a Model…", or pick another model.',
  },
  { test: /\b401\b|invalid[_ ]api[_ ]key|unauthori[sz]ed|incorrect api key/i, title: 'The API key was refused.', hint: 'Set a new one with "Oblix: Set API Key".' },
  { test: /no api key|has no api key/i, title: 'No API key is set for that provider.', hint: 'Add one with "Oblix: Set API Key".' },
  { test: /\b429\b|rate.?limit|quota/i, title: 'The service is limiting requests right now.', hint: 'Wait a moment, then Retry.' },
  {
    test: /could not be reached|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|fetch failed|network/i,
    title: "The model's server could not be reached.",
    hint: 'Check that it runs and the address is right, then Retry.',
  },
  { test: /timed? ?out|timeout|stayed silent/i, title: 'The model took too long to answer.', hint: 'Retry, or pick a smaller or faster model.' },
  { test: /no model can answer/i, title: 'No model can answer yet.', hint: 'Install Ollama, pull a model, or add a cloud API key.' },
];

/** A sentence for every code Oblix itself sends (src/core/error-codes.ts). */
const CODE_WORDS: Record<ErrorCode, Words> = {
  invalid_json: MALFORMED,
  json_too_deep: MALFORMED,
  request_too_large: { title: 'The conversation is too large to send.', hint: 'Start a new session, or send less code.' },
  invalid_type: MALFORMED,
  invalid_value: MALFORMED,
  missing_required_parameter: MALFORMED,
  empty_array: MALFORMED,
  unsupported_parameter: MALFORMED,
  model_not_found: { title: 'That model is not configured or installed.', hint: 'Pick another model, or pull it with "Oblix: Pull a Model…".' },
  secret_in_prompt: {
    title: 'This question carries a credential, so it stays on this machine.',
    hint: 'Start Ollama or pull a local model, remove the secret, or set oblix.privacy.secrets to allow.',
  },
  model_ambiguous: { title: 'Several models have that name.', hint: 'Pick one with its provider from the model list.' },
  model_not_supported: { title: "That model's provider cannot answer this kind of request.", hint: 'Pick another model.' },
  budget_exceeded: { title: 'The cloud budget is spent.', hint: "Use a local model or 'auto' until it resets, or raise oblix.budget.dailyUSD / oblix.budget.monthlyUSD." },
  local_only: { title: 'That is a cloud model, and Oblix is in local-only mode.', hint: 'Pick a local model, or change the mode with "Oblix: Switch Mode".' },
  no_model_available: { title: 'No model can answer yet.', hint: 'Install Ollama, pull a model, or add a cloud API key.' },
  host_not_allowed: { title: "Oblix refused the request's host name." },
  origin_not_allowed: { title: 'Oblix refused a request from that web page.' },
  invalid_api_key: { title: "Oblix's own API key was missing or wrong." },
  unknown_url: MALFORMED,
  method_not_allowed: MALFORMED,
  no_ollama: { title: 'No Ollama is configured.', hint: 'Install Ollama, or set its address in the settings.' },
  loop_detected: { title: "Oblix's Ollama address points back at Oblix itself.", hint: 'Set the Ollama address (OLLAMA_HOST) to the real Ollama.' },
  server_shutting_down: { title: 'Oblix was stopping, so the answer was cut.', hint: 'Retry once it has restarted.' },
  internal_error: { title: 'Oblix hit a bug.', hint: 'Retry; if it happens again, "Oblix: Show Log" has the details for a bug report.' },
  upstream_unreachable: { title: "The model's server could not be reached.", hint: 'Check that it runs and the address is right, then Retry.' },
  upstream_error: { title: "The model's server failed to answer.", hint: RETRY },
  all_candidates_failed: { title: 'Every model Oblix tried failed to answer.', hint: `${RETRY} The details say what each one answered.` },
  first_token_timeout: { title: 'The model took too long to start answering.', hint: 'Retry, or pick a smaller or faster model.' },
  idle_timeout: { title: 'The model went silent in the middle of its answer.', hint: RETRY },
  invalid_tool_call: { title: 'The model called a tool with arguments that do not fit the tool.', hint: 'Retry, or pick a stronger model for agent work.' },
  incomplete_answer: { title: 'The model ended its answer before finishing it.', hint: RETRY },
  server_error: { title: 'The model failed after it began to answer.', hint: RETRY },
};

const isCode = (code: string): code is ErrorCode => Object.prototype.hasOwnProperty.call(CODE_WORDS, code);

/**
 * The sentence for a failure: the message's own cause when it names one, else the code's, else
 * `fallback`. The raw message is always kept as the detail.
 */
export function errorInWords(message: string, code?: string, fallback = 'The request failed.'): ErrorWords {
  const words = RULES.find((r) => r.test.test(message)) ?? (code !== undefined && isCode(code) ? CODE_WORDS[code] : { title: fallback, hint: RETRY });
  return { title: words.title, ...(words.hint ? { hint: words.hint } : {}), detail: message };
}
