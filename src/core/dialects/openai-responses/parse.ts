// POST /v1/responses body → the internal chat request. Stateless: the whole conversation comes in
// `input`, so `previous_response_id` (and anything else needing stored responses) is a 400.
// Custom (free-form) tools such as Codex's apply_patch travel to chat-style upstreams as a function
// with one string argument `input`; the renderer turns those calls back into custom_tool_call items.
import type { ChatCompletionContentPart, ChatCompletionMessageToolCall } from 'openai/resources/chat/completions';
import { badParam } from '../../errors/oblix-error';
import type { ChatMessage, ChatRequest, ChatTool, ChatToolChoice, ResponseFormat } from '../../request';
import { effortLevel } from '../../routing/reasoning-level';
import { chatRequest } from '../../request';
import { describe, has, isObject, modelName, optBool, optInt, optNumber, optString, type Json } from '../json';

export interface ParsedResponses {
  request: ChatRequest;
  /** What could not be carried to the upstream (named in x-oblix-ignored-params). */
  ignored: string[];
  /** Names of the custom tools, whose calls go back as custom_tool_call items. */
  customTools: ReadonlySet<string>;
  /** Request fields the response object echoes, as OpenAI's does. */
  echo: Json;
}

/** Fields the translation carries or deliberately handles; others are named as ignored. */
const HANDLED = new Set([
  'model',
  'input',
  'instructions',
  'stream',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'max_output_tokens',
  'temperature',
  'top_p',
  'text',
  'reasoning',
  'include',
  'store',
  'prompt_cache_key',
  'metadata',
  'user',
  'safety_identifier',
  'service_tier',
  'previous_response_id',
  'conversation',
  'background',
]);
/** Chat-completions parameters of the same meaning: passed on to OpenAI-kind upstreams, named as ignored elsewhere. */
const PASSED_ON = ['prompt_cache_key', 'safety_identifier', 'service_tier'];

export function parseResponses(body: unknown): ParsedResponses {
  if (!isObject(body)) throw badParam('body', 'The request body must be a JSON object.', 'invalid_type');
  for (const key of ['previous_response_id', 'conversation']) {
    if (has(body, key)) {
      throw badParam(
        key,
        `'${key}' is not supported: Oblix is stateless and keeps no responses. Send the whole conversation in 'input' (with 'store': false, as Codex does).`,
        'unsupported_parameter',
      );
    }
  }
  if (body.background === true) throw badParam('background', "'background' is not supported: Oblix keeps no responses to poll.", 'unsupported_parameter');
  const model = modelName(body);
  const ignored = new Set<string>();
  for (const key of Object.keys(body)) if (!HANDLED.has(key) && has(body, key)) ignored.add(key);

  const messages: ChatMessage[] = [];
  const instructions = optString(body, 'instructions');
  if (instructions) messages.push({ role: 'system', content: instructions });
  if (typeof body.input === 'string') messages.push({ role: 'user', content: body.input });
  else if (Array.isArray(body.input)) body.input.forEach((item, i) => addItem(messages, item, `input[${i}]`, ignored));
  else throw badParam('input', `Missing required parameter: 'input' (a string or an array of input items), got ${describe(body.input)}.`, 'missing_required_parameter');
  if (messages.every((m) => m.role === 'system')) throw badParam('input', "'input' must hold at least one message or item.", 'empty_array');

  const explicit = new Set<string>();
  const extra: Json = {};
  const temperature = optNumber(body, 'temperature', 0, 2);
  if (temperature !== null) explicit.add('temperature');
  const topP = optNumber(body, 'top_p', 0, 1);
  if (topP !== null) explicit.add('top_p');
  const maxTokens = optInt(body, 'max_output_tokens', 1);
  const user = optString(body, 'user');
  if (user !== null) explicit.add('user');
  const customTools = new Set<string>();
  const tools = translateTools(body.tools, customTools, ignored);
  if (tools) explicit.add('tools');
  const toolChoice = translateToolChoice(body.tool_choice, tools, ignored);
  if (toolChoice) explicit.add('tool_choice');
  const parallel = optBool(body, 'parallel_tool_calls');
  if (parallel !== null && tools) extra.parallel_tool_calls = parallel;
  const format = textFormat(body.text, ignored);
  if (format) explicit.add('response_format');
  for (const key of PASSED_ON) if (has(body, key)) extra[key] = body[key];
  if (has(body, 'reasoning')) ignored.add('reasoning');
  if (Array.isArray(body.include) && body.include.length > 0) ignored.add('include');
  if (body.store === true) ignored.add('store'); // nothing is stored; store: false is what Oblix does anyway
  if (isObject(body.metadata) && Object.keys(body.metadata).length > 0) ignored.add('metadata');

  const request = chatRequest(model, messages, optBool(body, 'stream') ?? false, {
    temperature: temperature ?? 1,
    top_p: topP ?? 1,
    maxTokens,
    maxTokensParam: maxTokens !== null ? 'max_completion_tokens' : null,
    user,
    tools,
    tool_choice: toolChoice,
    response_format: format,
    explicit,
    extra,
    // An upstream that speaks Responses itself (OpenAI) gets this body as sent, with only `model` replaced.
    native: { dialect: 'openai-responses', body, headers: {} },
  });
  const reasoning = isObject(body.reasoning) ? effortLevel(body.reasoning.effort) : undefined;
  if (reasoning) request.reasoning = reasoning;
  const echo: Json = {
    instructions: instructions ?? null,
    max_output_tokens: maxTokens,
    metadata: isObject(body.metadata) ? body.metadata : {},
    parallel_tool_calls: parallel ?? true,
    temperature: temperature ?? 1,
    top_p: topP ?? 1,
    tool_choice: body.tool_choice ?? 'auto',
    tools: Array.isArray(body.tools) ? body.tools : [],
    text: isObject(body.text) ? body.text : { format: { type: 'text' } },
    reasoning: isObject(body.reasoning) ? body.reasoning : { effort: null, summary: null },
    store: false,
    user,
  };
  return { request, ignored: [...ignored], customTools, echo };
}

function addItem(messages: ChatMessage[], item: unknown, at: string, ignored: Set<string>): void {
  if (!isObject(item)) throw badParam(at, `'${at}' must be an input item object, got ${describe(item)}.`, 'invalid_type');
  const type = item.type ?? 'message';
  switch (type) {
    case 'message':
      return (messages.push(message(item, at, ignored)), undefined);
    case 'function_call':
    case 'custom_tool_call': {
      const args = type === 'function_call' ? item.arguments : item.input;
      if (typeof item.call_id !== 'string' || typeof item.name !== 'string' || typeof args !== 'string') {
        throw badParam(at, `'${at}' (${type}) needs string 'call_id', 'name' and '${type === 'function_call' ? 'arguments' : 'input'}'.`, 'invalid_type');
      }
      const call: ChatCompletionMessageToolCall = {
        id: item.call_id,
        type: 'function',
        function: { name: item.name, arguments: type === 'function_call' ? args : JSON.stringify({ input: args }) },
      };
      const last = messages[messages.length - 1];
      if (last?.role === 'assistant') (last.tool_calls ??= []).push(call);
      else messages.push({ role: 'assistant', content: null, tool_calls: [call] });
      return;
    }
    case 'function_call_output':
    case 'custom_tool_call_output':
      if (typeof item.call_id !== 'string') throw badParam(`${at}.call_id`, `Missing required parameter: '${at}.call_id'.`, 'missing_required_parameter');
      messages.push({ role: 'tool', tool_call_id: item.call_id, content: outputText(item.output, `${at}.output`, ignored) });
      return;
    case 'reasoning':
      // Another model's reasoning (often encrypted) means nothing to a translating upstream.
      ignored.add('input.reasoning');
      return;
    case 'local_shell_call':
    case 'local_shell_call_output':
    case 'web_search_call':
    case 'file_search_call':
    case 'computer_call':
    case 'computer_call_output':
    case 'image_generation_call':
    case 'code_interpreter_call':
    case 'mcp_call':
    case 'mcp_list_tools':
      ignored.add(`input.${type}`); // hosted tools only OpenAI runs
      return;
    case 'item_reference':
      throw badParam(`${at}.type`, `'item_reference' is not supported: Oblix is stateless and keeps no items. Send the item itself.`, 'unsupported_parameter');
    default:
      throw badParam(
        `${at}.type`,
        `Invalid input item type ${describe(type)}: expected 'message', 'function_call', 'function_call_output', 'custom_tool_call', 'custom_tool_call_output' or 'reasoning'.`,
      );
  }
}

const ROLES = new Set(['user', 'assistant', 'system', 'developer']);

function message(item: Json, at: string, ignored: Set<string>): ChatMessage {
  if (typeof item.role !== 'string' || !ROLES.has(item.role))
    throw badParam(`${at}.role`, `'${at}.role' must be 'user', 'assistant', 'system' or 'developer', got ${describe(item.role)}.`);
  // Codex sends its instructions as developer turns; many OpenAI-compatible servers know only `system`.
  const role = item.role === 'developer' ? 'system' : item.role;
  const content = item.content;
  if (typeof content === 'string') return { role, content } as ChatMessage;
  if (!Array.isArray(content)) throw badParam(`${at}.content`, `'${at}.content' must be a string or an array of content parts, got ${describe(content)}.`, 'invalid_type');
  const parts: ChatCompletionContentPart[] = [];
  content.forEach((p, j) => {
    const pat = `${at}.content[${j}]`;
    if (!isObject(p) || typeof p.type !== 'string') throw badParam(pat, `'${pat}' must be a content part with a 'type'.`, 'invalid_type');
    if (p.type === 'input_text' || p.type === 'output_text' || p.type === 'summary_text') {
      if (typeof p.text !== 'string') throw badParam(`${pat}.text`, `'${pat}.text' must be a string.`, 'invalid_type');
      parts.push({ type: 'text', text: p.text });
    } else if (p.type === 'refusal') {
      parts.push({ type: 'text', text: typeof p.refusal === 'string' ? p.refusal : '' });
    } else if (p.type === 'input_image') {
      if (role !== 'user') throw badParam(pat, `'${pat}': images are only allowed in user messages.`);
      if (typeof p.image_url !== 'string') {
        ignored.add('input_image.file_id');
        return;
      }
      parts.push({ type: 'image_url', image_url: { url: p.image_url } });
    } else if (p.type === 'input_file' || p.type === 'input_audio') {
      ignored.add(p.type);
    } else {
      throw badParam(`${pat}.type`, `Invalid content part type ${describe(p.type)}: expected 'input_text', 'output_text' or 'input_image'.`);
    }
  });
  // Assistant and system turns take text only in chat completions.
  if (role !== 'user' || parts.every((p) => p.type === 'text')) return { role, content: parts.map((p) => (p.type === 'text' ? p.text : '')).join('') } as ChatMessage;
  return { role: 'user', content: parts };
}

function outputText(v: unknown, at: string, ignored: Set<string>): string {
  if (typeof v === 'string') return v;
  if (!Array.isArray(v)) throw badParam(at, `'${at}' must be a string or an array of content parts, got ${describe(v)}.`, 'invalid_type');
  return v
    .map((p) => {
      if (isObject(p) && (p.type === 'input_text' || p.type === 'output_text') && typeof p.text === 'string') return p.text;
      ignored.add('tool_output.image');
      return '';
    })
    .join('');
}

function translateTools(v: unknown, custom: Set<string>, ignored: Set<string>): ChatTool[] | null {
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v)) throw badParam('tools', `'tools' must be an array, got ${describe(v)}.`, 'invalid_type');
  const tools: ChatTool[] = [];
  v.forEach((t, i) => {
    const at = `tools[${i}]`;
    if (!isObject(t) || typeof t.type !== 'string') throw badParam(at, `'${at}' must be a tool object with a 'type'.`, 'invalid_type');
    if (t.type !== 'function' && t.type !== 'custom') {
      ignored.add(`tools.${t.type}`); // hosted tools (web_search, local_shell, file_search...) only OpenAI runs
      return;
    }
    if (typeof t.name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(t.name)) throw badParam(`${at}.name`, `'${at}.name' must be 1-64 letters, digits, underscores or dashes.`);
    const description = typeof t.description === 'string' ? t.description : undefined;
    if (t.type === 'custom') {
      custom.add(t.name);
      tools.push({ type: 'function', function: { name: t.name, description, parameters: customParameters(t.format) } });
      return;
    }
    if (t.parameters !== undefined && t.parameters !== null && !isObject(t.parameters))
      throw badParam(`${at}.parameters`, `'${at}.parameters' must be a JSON Schema object.`, 'invalid_type');
    const fn: ChatTool & { type: 'function' } = {
      type: 'function',
      function: { name: t.name, description, parameters: isObject(t.parameters) ? t.parameters : { type: 'object', properties: {} } },
    };
    if (typeof t.strict === 'boolean') fn.function.strict = t.strict;
    tools.push(fn);
  });
  return tools.length ? tools : null;
}

/** A free-form tool as a function of one string; a grammar, when given, is spelled out for the model. */
function customParameters(format: unknown): Json {
  let description = 'The raw input to the tool, as free-form text.';
  if (isObject(format) && format.type === 'grammar' && typeof format.definition === 'string') {
    description = `The raw input to the tool, following this ${typeof format.syntax === 'string' ? format.syntax : ''} grammar:\n${format.definition}`;
  }
  return { type: 'object', properties: { input: { type: 'string', description } }, required: ['input'], additionalProperties: false };
}

function translateToolChoice(v: unknown, tools: ChatTool[] | null, ignored: Set<string>): ChatToolChoice | null {
  if (v === undefined || v === null) return null;
  if (v === 'none') return 'none';
  if (v === 'auto' || v === 'required') {
    if (!tools) return null; // a choice among no tools: nothing to carry
    return v;
  }
  if (isObject(v) && (v.type === 'function' || v.type === 'custom') && typeof v.name === 'string') {
    const name = v.name;
    if (!tools?.some((t) => t.type === 'function' && t.function.name === name))
      throw badParam('tool_choice', `'tool_choice' names the tool ${JSON.stringify(name)}, which is not in 'tools'.`);
    return { type: 'function', function: { name } };
  }
  if (isObject(v)) {
    ignored.add('tool_choice'); // allowed_tools, hosted tool types
    return null;
  }
  throw badParam('tool_choice', "'tool_choice' must be 'none', 'auto', 'required' or {type: 'function' | 'custom', name}.", 'invalid_type');
}

function textFormat(v: unknown, ignored: Set<string>): ResponseFormat | null {
  if (v === undefined || v === null) return null;
  if (!isObject(v)) throw badParam('text', `'text' must be an object, got ${describe(v)}.`, 'invalid_type');
  if (has(v, 'verbosity')) ignored.add('text.verbosity');
  const f = v.format;
  if (f === undefined || f === null) return null;
  if (!isObject(f)) throw badParam('text.format', "'text.format' must be an object.", 'invalid_type');
  if (f.type === 'text') return null;
  if (f.type === 'json_object') return { type: 'json_object' };
  if (f.type === 'json_schema') {
    if (typeof f.name !== 'string' || !isObject(f.schema))
      throw badParam('text.format', "'text.format' of type 'json_schema' needs a 'name' and a 'schema' object.", 'invalid_type');
    const js: Extract<ResponseFormat, { type: 'json_schema' }>['json_schema'] = { name: f.name, schema: f.schema };
    if (typeof f.strict === 'boolean') js.strict = f.strict;
    if (typeof f.description === 'string') js.description = f.description;
    return { type: 'json_schema', json_schema: js };
  }
  throw badParam('text.format.type', `Invalid 'text.format.type' ${describe(f.type)}: expected 'text', 'json_object' or 'json_schema'.`);
}
