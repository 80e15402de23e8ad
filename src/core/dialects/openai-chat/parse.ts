// Turns an untrusted JSON body into a ChatRequest, or throws a 400 that names the offending `param`,
// worded like OpenAI's own messages so clients show something useful.
import { badParam, OblixError } from '../../errors/oblix-error';
import { effortLevel } from '../../routing/reasoning-level';
import type { ChatMessage, ChatRequest, ChatTool, ChatToolChoice, ReasoningLevel, ResponseFormat } from '../../request';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const KNOWN = new Set([
  'model',
  'messages',
  'temperature',
  'top_p',
  'n',
  'stream',
  'stream_options',
  'max_tokens',
  'max_completion_tokens',
  'presence_penalty',
  'frequency_penalty',
  'logit_bias',
  'user',
  'stop',
  'seed',
  'response_format',
  'tools',
  'tool_choice',
]);

export function validateChatRequest(body: unknown): ChatRequest {
  if (!isObject(body)) throw OblixError.of('invalid_type', 'The request body must be a JSON object.');
  const explicit = new Set(Object.keys(body).filter((k) => body[k] !== undefined && body[k] !== null));

  const model = body.model;
  if (model === undefined || model === null) throw badParam('model', 'you must provide a model parameter', 'missing_required_parameter');
  if (typeof model !== 'string' || model.trim() === '') throw badParam('model', "'model' must be a non-empty string.", 'invalid_type');
  // The id travels back in the x-oblix-model header, so it must be printable ASCII like every real model id.
  if (!/^[\x21-\x7e]+$/.test(model.trim()))
    throw badParam('model', `'model' must be 'auto' or a model id such as 'ollama:llama3.2' (printable ASCII, no spaces), got ${JSON.stringify(model)}.`);

  const stream = optional(body, 'stream', 'boolean') ?? false;
  let includeUsage = false;
  if (body.stream_options !== undefined && body.stream_options !== null) {
    if (!stream) throw badParam('stream_options', "The 'stream_options' parameter is only allowed when 'stream' is enabled.");
    if (!isObject(body.stream_options)) throw badParam('stream_options', "'stream_options' must be an object.", 'invalid_type');
    const iu = body.stream_options.include_usage;
    if (iu !== undefined && typeof iu !== 'boolean') throw badParam('stream_options.include_usage', "'stream_options.include_usage' must be a boolean.", 'invalid_type');
    includeUsage = iu === true;
  }

  const maxTokens = optionalInt(body, 'max_tokens', 1);
  const maxCompletion = optionalInt(body, 'max_completion_tokens', 1);

  const extra: Json = {};
  for (const key of Object.keys(body)) if (!KNOWN.has(key) && body[key] !== undefined) extra[key] = body[key];

  return {
    model: model.trim(),
    messages: validateMessages(body.messages),
    temperature: range(body, 'temperature', 0, 2) ?? 0.7,
    top_p: range(body, 'top_p', 0, 1) ?? 1,
    n: optionalInt(body, 'n', 1, 128) ?? 1,
    stream,
    includeUsage,
    maxTokens: maxCompletion ?? maxTokens,
    maxTokensParam: maxCompletion !== null ? 'max_completion_tokens' : maxTokens !== null ? 'max_tokens' : null,
    presence_penalty: range(body, 'presence_penalty', -2, 2) ?? 0,
    frequency_penalty: range(body, 'frequency_penalty', -2, 2) ?? 0,
    logit_bias: validateLogitBias(body.logit_bias),
    user: optional(body, 'user', 'string'),
    stop: validateStop(body.stop),
    seed: optionalInt(body, 'seed', Number.MIN_SAFE_INTEGER),
    response_format: validateResponseFormat(body.response_format),
    tools: validateTools(body.tools),
    tool_choice: validateToolChoice(body.tool_choice, body.tools),
    explicit,
    extra,
    requestedModel: model.trim(),
    ...withReasoning(effortLevel(body.reasoning_effort)),
  };
}

const withReasoning = (level: ReasoningLevel | undefined): { reasoning?: ReasoningLevel } => (level ? { reasoning: level } : {});

function optional(body: Json, key: string, type: 'boolean'): boolean | null;
function optional(body: Json, key: string, type: 'string'): string | null;
function optional(body: Json, key: string, type: 'boolean' | 'string'): boolean | string | null {
  const v = body[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== type) throw badParam(key, `'${key}' must be a ${type}, got ${describe(v)}.`, 'invalid_type');
  return v as boolean | string;
}

function range(body: Json, key: string, min: number, max: number): number | null {
  const v = body[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw badParam(key, `'${key}' must be a number, got ${describe(v)}.`, 'invalid_type');
  if (v < min || v > max) throw badParam(key, `${v} is out of range for '${key}': expected a value between ${min} and ${max}.`);
  return v;
}

function optionalInt(body: Json, key: string, min: number, max = Number.MAX_SAFE_INTEGER): number | null {
  const v = body[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw badParam(key, `'${key}' must be an integer, got ${describe(v)}.`, 'invalid_type');
  if (v < min) throw badParam(key, `${v} is less than the minimum of ${min} - '${key}'.`);
  if (v > max) throw badParam(key, `${v} is greater than the maximum of ${max} - '${key}'.`);
  return v;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);

function validateMessages(v: unknown): ChatMessage[] {
  if (v === undefined || v === null) throw badParam('messages', "Missing required parameter: 'messages'.", 'missing_required_parameter');
  if (!Array.isArray(v)) throw badParam('messages', `'messages' must be an array, got ${describe(v)}.`, 'invalid_type');
  if (v.length === 0) throw badParam('messages', "'messages' must contain at least one message.", 'empty_array');
  v.forEach(validateMessage);
  return v as ChatMessage[];
}

function validateMessage(m: unknown, i: number): void {
  const at = `messages[${i}]`;
  if (!isObject(m)) throw badParam(at, `'${at}' must be an object, got ${describe(m)}.`, 'invalid_type');
  const role = m.role;
  if (typeof role !== 'string' || !ROLES.has(role)) {
    throw badParam(`${at}.role`, `'${at}.role' must be one of 'system', 'developer', 'user', 'assistant', 'tool', 'function', got ${describe(role)}.`);
  }
  const content = m.content;
  if (content === undefined || content === null) {
    // Only an assistant turn may leave content out (it may hold tool calls only, or nothing).
    if (role !== 'assistant') throw badParam(`${at}.content`, `Missing required parameter: '${at}.content'.`, 'missing_required_parameter');
  } else if (Array.isArray(content)) {
    content.forEach((part, j) => validatePart(part, `${at}.content[${j}]`, role));
  } else if (typeof content !== 'string') {
    throw badParam(`${at}.content`, `'${at}.content' must be a string or an array of content parts, got ${describe(content)}.`, 'invalid_type');
  }
  if (role === 'tool' && typeof m.tool_call_id !== 'string') {
    throw badParam(`${at}.tool_call_id`, `Missing required parameter: '${at}.tool_call_id'.`, 'missing_required_parameter');
  }
  if (m.tool_calls !== undefined && m.tool_calls !== null) {
    if (role !== 'assistant' || !Array.isArray(m.tool_calls)) throw badParam(`${at}.tool_calls`, `'${at}.tool_calls' is only allowed as an array on assistant messages.`);
    m.tool_calls.forEach((c, j) => {
      const p = `${at}.tool_calls[${j}]`;
      if (
        !isObject(c) ||
        typeof c.id !== 'string' ||
        c.type !== 'function' ||
        !isObject(c.function) ||
        typeof c.function.name !== 'string' ||
        typeof c.function.arguments !== 'string'
      ) {
        throw badParam(p, `'${p}' must be {id, type: 'function', function: {name, arguments: string}}.`, 'invalid_type');
      }
    });
  }
}

function validatePart(part: unknown, at: string, role: string): void {
  if (!isObject(part) || typeof part.type !== 'string') throw badParam(at, `'${at}' must be a content part object with a 'type'.`, 'invalid_type');
  if (part.type === 'text') {
    if (typeof part.text !== 'string') throw badParam(`${at}.text`, `'${at}.text' must be a string.`, 'invalid_type');
  } else if (part.type === 'image_url') {
    if (role !== 'user') throw badParam(`${at}.type`, `Image content parts are only allowed in user messages.`);
    const url = isObject(part.image_url) ? part.image_url.url : undefined;
    if (typeof url !== 'string' || url === '') throw badParam(`${at}.image_url.url`, `'${at}.image_url.url' must be a URL or a data: URL.`, 'invalid_type');
  } else if (part.type !== 'refusal' && part.type !== 'input_audio' && part.type !== 'file') {
    throw badParam(`${at}.type`, `Invalid content part type ${describe(part.type)}: expected 'text' or 'image_url'.`);
  }
}

function validateLogitBias(v: unknown): Record<string, number> | null {
  if (v === undefined || v === null) return null;
  if (!isObject(v)) throw badParam('logit_bias', `'logit_bias' must be an object mapping token ids to numbers, got ${describe(v)}.`, 'invalid_type');
  for (const [k, b] of Object.entries(v)) {
    if (!/^\d+$/.test(k)) throw badParam('logit_bias', `Invalid key in 'logit_bias': ${JSON.stringify(k)} is not a token id.`);
    if (typeof b !== 'number' || b < -100 || b > 100) throw badParam('logit_bias', `Invalid value for token ${k} in 'logit_bias': expected a number between -100 and 100.`);
  }
  return v as Record<string, number>;
}

function validateStop(v: unknown): string[] | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw badParam('stop', `'stop' must be a string or an array of strings, got ${describe(v)}.`, 'invalid_type');
  if (v.length > 4) throw badParam('stop', `'stop' may hold at most 4 sequences, got ${v.length}.`);
  return v.length === 0 ? null : (v as string[]);
}

function validateResponseFormat(v: unknown): ResponseFormat | null {
  if (v === undefined || v === null) return null;
  if (!isObject(v)) throw badParam('response_format', `'response_format' must be an object, got ${describe(v)}.`, 'invalid_type');
  if (v.type === 'text' || v.type === 'json_object') return { type: v.type };
  if (v.type === 'json_schema') {
    const js = v.json_schema;
    if (!isObject(js) || typeof js.name !== 'string')
      throw badParam('response_format.json_schema', "'response_format.json_schema' must be an object with a 'name'.", 'invalid_type');
    if (js.schema !== undefined && !isObject(js.schema))
      throw badParam('response_format.json_schema.schema', "'response_format.json_schema.schema' must be a JSON Schema object.", 'invalid_type');
    return v as ResponseFormat;
  }
  throw badParam('response_format.type', `Invalid 'response_format.type' ${describe(v.type)}: expected 'text', 'json_object' or 'json_schema'.`);
}

function validateTools(v: unknown): ChatTool[] | null {
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v)) throw badParam('tools', `'tools' must be an array, got ${describe(v)}.`, 'invalid_type');
  v.forEach((t, i) => {
    const at = `tools[${i}]`;
    if (!isObject(t) || t.type !== 'function' || !isObject(t.function)) throw badParam(at, `'${at}' must be {type: 'function', function: {...}}.`, 'invalid_type');
    const name = t.function.name;
    if (typeof name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
      throw badParam(`${at}.function.name`, `'${at}.function.name' must be 1-64 letters, digits, underscores or dashes.`);
    }
    if (t.function.parameters !== undefined && !isObject(t.function.parameters)) {
      throw badParam(`${at}.function.parameters`, `'${at}.function.parameters' must be a JSON Schema object.`, 'invalid_type');
    }
  });
  return v.length === 0 ? null : (v as ChatTool[]);
}

function validateToolChoice(v: unknown, tools: unknown): ChatToolChoice | null {
  if (v === undefined || v === null) return null;
  const hasTools = Array.isArray(tools) && tools.length > 0;
  if (v === 'none' || v === 'auto' || v === 'required') {
    if (v !== 'none' && !hasTools) throw badParam('tool_choice', "'tool_choice' is only allowed when 'tools' are specified.");
    return v;
  }
  if (isObject(v) && v.type === 'function' && isObject(v.function) && typeof v.function.name === 'string') {
    const name = v.function.name;
    if (!hasTools || !(tools as Json[]).some((t) => isObject(t.function) && t.function.name === name)) {
      throw badParam('tool_choice', `'tool_choice' names the function ${JSON.stringify(name)}, which is not in 'tools'.`);
    }
    return v as unknown as ChatToolChoice;
  }
  throw badParam('tool_choice', "'tool_choice' must be 'none', 'auto', 'required' or {type: 'function', function: {name}}.", 'invalid_type');
}
