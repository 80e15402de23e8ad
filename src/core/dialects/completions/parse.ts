// POST /v1/completions (legacy text completions, autocomplete's API) into the internal request: a
// `prompt` with a `suffix` is fill-in-the-middle; without one it is continued as is (raw), since
// clients such as Continue send prompts that already carry the model's FIM tokens.
import { badParam, OblixError } from '../../errors/oblix-error';
import type { ChatRequest } from '../../request';
import { chatRequest } from '../../request';
import { has, isObject, modelName, optBool, optInt, optNumber, optString, describe } from '../json';

export interface CompletionsRequest {
  request: ChatRequest;
  /** One prompt per entry; each gets `n` choices. */
  prompts: string[];
  echo: boolean;
  /** Sent but not honoured, for x-oblix-ignored-params. */
  ignored: string[];
}

/** OpenAI's default for legacy completions. */
export const DEFAULT_COMPLETION_MAX_TOKENS = 16;
const IGNORED = ['logprobs', 'best_of', 'logit_bias', 'presence_penalty', 'frequency_penalty', 'user'];
const KNOWN = new Set(['model', 'prompt', 'suffix', 'max_tokens', 'temperature', 'top_p', 'stop', 'stream', 'stream_options', 'n', 'echo', 'seed', ...IGNORED]);

export function parseCompletions(body: unknown): CompletionsRequest {
  if (!isObject(body)) throw OblixError.of('invalid_type', 'The request body must be a JSON object.');
  const model = modelName(body);
  const prompts = promptsOf(body.prompt);
  const stream = optBool(body, 'stream') ?? false;
  let includeUsage = false;
  if (has(body, 'stream_options')) {
    if (!stream) throw badParam('stream_options', "The 'stream_options' parameter is only allowed when 'stream' is enabled.");
    const so = body.stream_options;
    if (!isObject(so) || (so.include_usage !== undefined && typeof so.include_usage !== 'boolean'))
      throw badParam('stream_options', "'stream_options' must be an object with a boolean 'include_usage'.", 'invalid_type');
    includeUsage = so.include_usage === true;
  }
  const suffix = optString(body, 'suffix');
  const explicit = new Set(Object.keys(body).filter((k) => has(body, k)));
  const request = chatRequest(model, [], stream, {
    temperature: optNumber(body, 'temperature', 0, 2) ?? 1,
    top_p: optNumber(body, 'top_p', 0, 1) ?? 1,
    n: optInt(body, 'n', 1) ?? 1,
    includeUsage,
    maxTokens: optInt(body, 'max_tokens', 1) ?? DEFAULT_COMPLETION_MAX_TOKENS,
    maxTokensParam: 'max_tokens',
    stop: stopOf(body.stop),
    seed: optInt(body, 'seed', Number.MIN_SAFE_INTEGER),
    explicit,
    prompt: { text: prompts[0]!, suffix: suffix === '' ? null : suffix, raw: suffix === null || suffix === '' },
  });
  if (request.n > 16) throw badParam('n', `n: ${request.n} is more than the maximum of 16.`);
  const ignored = [...IGNORED.filter((k) => has(body, k)), ...Object.keys(body).filter((k) => !KNOWN.has(k))];
  return { request, prompts, echo: optBool(body, 'echo') ?? false, ignored };
}

function promptsOf(v: unknown): string[] {
  if (v === undefined || v === null) throw badParam('prompt', 'prompt: Field required', 'missing_required_parameter');
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.length === 0) throw badParam('prompt', 'prompt: an empty array has nothing to complete; send a string or 1 to 32 strings.', 'empty_array');
  if (Array.isArray(v) && v.length > 0 && v.length <= 32 && v.every((p) => typeof p === 'string')) return v as string[];
  if (Array.isArray(v) && v.length > 0 && v.every((p) => typeof p === 'number' || Array.isArray(p))) {
    throw badParam('prompt', "prompt: token arrays are not supported (Oblix cannot know the chosen model's tokenizer); send text.", 'invalid_type');
  }
  throw badParam('prompt', `prompt: must be a string or an array of 1 to 32 strings, got ${describe(v)}.`, 'invalid_type');
}

function stopOf(v: unknown): string[] | null {
  if (v === undefined || v === null) return null;
  const list = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(list) || list.length > 4 || !list.every((s) => typeof s === 'string'))
    throw badParam('stop', 'stop: must be a string or an array of up to 4 strings.', 'invalid_type');
  return list.length ? (list as string[]) : null;
}
