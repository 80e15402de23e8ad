// POST /v1/messages body → the internal chat request, plus the client's own body for passthrough to
// an upstream that speaks Messages. Invalid input is a 400 that names the field, as Anthropic words it.
import type { IncomingHttpHeaders } from 'node:http';
import type { ChatCompletionContentPart } from 'openai/resources/chat/completions';
import { badParam } from '../../errors/oblix-error';
import type { ChatMessage, ChatRequest, ChatTool, ChatToolChoice } from '../../request';
import { thinkingLevel } from '../../routing/reasoning-level';
import { chatRequest } from '../../request';
import { describe, has, isObject, modelName, optBool, optInt, optNumber, optString, type Json } from '../json';

export interface ParsedMessages {
  request: ChatRequest;
  /** What a translating upstream cannot carry (named in x-oblix-ignored-params). */
  ignored: string[];
}

/** Request fields the translation carries; any other field is named as ignored when translated. */
const CARRIED = new Set(['model', 'messages', 'system', 'max_tokens', 'stream', 'temperature', 'top_p', 'stop_sequences', 'metadata', 'tools', 'tool_choice']);

export function parseMessages(body: unknown, headers: IncomingHttpHeaders): ParsedMessages {
  if (!isObject(body)) throw badParam('body', 'The request body must be a JSON object.', 'invalid_type');
  const model = modelName(body);
  const maxTokens = optInt(body, 'max_tokens', 1);
  if (maxTokens === null) throw badParam('max_tokens', 'max_tokens: Field required', 'missing_required_parameter');
  const ignored = new Set<string>();
  for (const key of Object.keys(body)) if (!CARRIED.has(key) && has(body, key)) ignored.add(key);

  const messages: ChatMessage[] = [];
  const system = systemText(body.system, ignored);
  if (system) messages.push({ role: 'system', content: system });
  if (!Array.isArray(body.messages)) throw badParam('messages', `messages: Field required (an array), got ${describe(body.messages)}.`, 'missing_required_parameter');
  if (body.messages.length === 0) throw badParam('messages', 'messages: at least one message is required.', 'empty_array');
  body.messages.forEach((m, i) => messages.push(...translateMessage(m, `messages.${i}`, ignored)));

  const explicit = new Set<string>(['max_tokens']);
  const temperature = optNumber(body, 'temperature', 0, 1);
  if (temperature !== null) explicit.add('temperature');
  const topP = optNumber(body, 'top_p', 0, 1);
  if (topP !== null) explicit.add('top_p');
  const stop = stopSequences(body.stop_sequences);
  if (stop) explicit.add('stop');
  const user = metadataUser(body.metadata);
  if (user !== null) explicit.add('user');
  const tools = translateTools(body.tools, ignored);
  if (tools) explicit.add('tools');
  const toolChoice = translateToolChoice(body.tool_choice, tools);
  const extra: Json = {};
  if (toolChoice) {
    explicit.add('tool_choice');
    if (toolChoice.parallel === false) extra.parallel_tool_calls = false;
  }
  const stream = optBool(body, 'stream') ?? false;

  const request = chatRequest(model, messages, stream, {
    temperature: temperature ?? 1,
    top_p: topP ?? 1,
    maxTokens,
    // OpenAI's current name: its reasoning models refuse `max_tokens`.
    maxTokensParam: 'max_completion_tokens',
    stop,
    user,
    tools,
    tool_choice: toolChoice?.choice ?? null,
    explicit,
    extra,
    native: { dialect: 'anthropic-messages', body, headers: forwardedHeaders(headers) },
  });
  const reasoning = thinkingLevel(body.thinking);
  if (reasoning) request.reasoning = reasoning;
  return { request, ignored: [...ignored] };
}

function forwardedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['anthropic-version', 'anthropic-beta']) {
    const v = headers[name];
    if (v !== undefined) out[name] = Array.isArray(v) ? v.join(',') : v;
  }
  return out;
}

function systemText(v: unknown, ignored: Set<string>, at = 'system'): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (!Array.isArray(v)) throw badParam(at, `${at}: must be a string or an array of text blocks, got ${describe(v)}.`, 'invalid_type');
  return v
    .map((b, i) => {
      if (!isObject(b) || b.type !== 'text' || typeof b.text !== 'string') throw badParam(`${at}.${i}`, `${at}.${i}: must be a text block {type: "text", text}.`, 'invalid_type');
      if (has(b, 'cache_control')) ignored.add('cache_control');
      return b.text;
    })
    .join('\n\n');
}

function translateMessage(m: unknown, at: string, ignored: Set<string>): ChatMessage[] {
  if (!isObject(m)) throw badParam(at, `${at}: must be an object {role, content}, got ${describe(m)}.`, 'invalid_type');
  // Claude Code sends mid-conversation system turns (beta mid-conversation-system-2026-04-07).
  if (m.role === 'system') return [{ role: 'system', content: systemText(m.content, ignored, `${at}.content`) }];
  if (m.role !== 'user' && m.role !== 'assistant') throw badParam(`${at}.role`, `${at}.role: must be "user", "assistant" or "system", got ${describe(m.role)}.`);
  if (typeof m.content === 'string') return [{ role: m.role, content: m.content }];
  if (!Array.isArray(m.content)) throw badParam(`${at}.content`, `${at}.content: must be a string or an array of content blocks, got ${describe(m.content)}.`, 'invalid_type');
  const blocks = m.content.map((b, j) => block(b, `${at}.content.${j}`, m.role as string, ignored));
  return m.role === 'user' ? userMessages(blocks) : assistantMessage(blocks);
}

type Block =
  | { kind: 'text'; text: string }
  | { kind: 'image'; url: string }
  | { kind: 'tool_use'; id: string; name: string; input: unknown }
  | { kind: 'tool_result'; id: string; text: string }
  | { kind: 'dropped' };

function block(b: unknown, at: string, role: string, ignored: Set<string>): Block {
  if (!isObject(b) || typeof b.type !== 'string') throw badParam(at, `${at}: must be a content block with a "type".`, 'invalid_type');
  if (has(b, 'cache_control')) ignored.add('cache_control');
  switch (b.type) {
    case 'text':
      if (typeof b.text !== 'string') throw badParam(`${at}.text`, `${at}.text: Field required (a string).`, 'invalid_type');
      return { kind: 'text', text: b.text };
    case 'image': {
      if (role !== 'user') throw badParam(at, `${at}: image blocks are only allowed in user messages.`);
      const s = b.source;
      if (isObject(s) && s.type === 'base64' && typeof s.media_type === 'string' && typeof s.data === 'string')
        return { kind: 'image', url: `data:${s.media_type};base64,${s.data}` };
      if (isObject(s) && s.type === 'url' && typeof s.url === 'string') return { kind: 'image', url: s.url };
      throw badParam(`${at}.source`, `${at}.source: must be {type: "base64", media_type, data} or {type: "url", url}.`, 'invalid_type');
    }
    case 'tool_use':
      if (role !== 'assistant') throw badParam(at, `${at}: tool_use blocks are only allowed in assistant messages.`);
      if (typeof b.id !== 'string' || typeof b.name !== 'string' || !isObject(b.input)) throw badParam(at, `${at}: tool_use needs id, name and an input object.`, 'invalid_type');
      return { kind: 'tool_use', id: b.id, name: b.name, input: b.input };
    case 'tool_result':
      if (role !== 'user') throw badParam(at, `${at}: tool_result blocks are only allowed in user messages.`);
      if (typeof b.tool_use_id !== 'string') throw badParam(`${at}.tool_use_id`, `${at}.tool_use_id: Field required.`, 'missing_required_parameter');
      return { kind: 'tool_result', id: b.tool_use_id, text: (b.is_error === true ? 'Error: ' : '') + resultText(b.content, at, ignored) };
    case 'thinking':
    case 'redacted_thinking':
      // A translating upstream cannot take another model's reasoning back; passthrough keeps it.
      ignored.add('thinking');
      return { kind: 'dropped' };
    case 'document':
    case 'search_result':
    case 'server_tool_use':
    case 'web_search_tool_result':
      ignored.add(b.type);
      return { kind: 'dropped' };
    default:
      throw badParam(`${at}.type`, `${at}.type: unknown content block type ${describe(b.type)}; expected text, image, tool_use, tool_result or thinking.`);
  }
}

function resultText(content: unknown, at: string, ignored: Set<string>): string {
  if (content === undefined || content === null) return '';
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) throw badParam(`${at}.content`, `${at}.content: must be a string or an array of blocks.`, 'invalid_type');
  return content
    .map((c) => {
      if (isObject(c) && c.type === 'text' && typeof c.text === 'string') return c.text;
      ignored.add('tool_result.image');
      return '';
    })
    .filter((t) => t !== '')
    .join('\n');
}

/** Tool results become `tool` messages (first, as the model asked for them), the rest one user message. */
function userMessages(blocks: Block[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  const parts: ChatCompletionContentPart[] = [];
  for (const b of blocks) {
    if (b.kind === 'tool_result') out.push({ role: 'tool', tool_call_id: b.id, content: b.text });
    else if (b.kind === 'text') parts.push({ type: 'text', text: b.text });
    else if (b.kind === 'image') parts.push({ type: 'image_url', image_url: { url: b.url } });
  }
  if (parts.length > 0) out.push({ role: 'user', content: parts.every((p) => p.type === 'text') ? parts.map((p) => (p.type === 'text' ? p.text : '')).join('\n') : parts });
  return out;
}

function assistantMessage(blocks: Block[]): ChatMessage[] {
  const text = blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : [])).join('');
  const calls = blocks.flatMap((b) => (b.kind === 'tool_use' ? [{ id: b.id, type: 'function' as const, function: { name: b.name, arguments: JSON.stringify(b.input) } }] : []));
  if (!text && calls.length === 0) return [];
  return [calls.length ? { role: 'assistant', content: text || null, tool_calls: calls } : { role: 'assistant', content: text }];
}

function stopSequences(v: unknown): string[] | null {
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string'))
    throw badParam('stop_sequences', `stop_sequences: must be an array of strings, got ${describe(v)}.`, 'invalid_type');
  return v.length ? (v as string[]) : null;
}

function metadataUser(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (!isObject(v)) throw badParam('metadata', `metadata: must be an object, got ${describe(v)}.`, 'invalid_type');
  return optString(v, 'user_id', 'metadata.user_id');
}

function translateTools(v: unknown, ignored: Set<string>): ChatTool[] | null {
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v)) throw badParam('tools', `tools: must be an array, got ${describe(v)}.`, 'invalid_type');
  const tools: ChatTool[] = [];
  v.forEach((t, i) => {
    const at = `tools.${i}`;
    if (!isObject(t) || typeof t.name !== 'string' || t.name === '') throw badParam(at, `${at}: a tool needs a name.`, 'invalid_type');
    if (has(t, 'cache_control')) ignored.add('cache_control');
    if (t.type !== undefined && t.type !== null && t.type !== 'custom') {
      ignored.add(`tools.${t.name}`); // a server tool (web search, code execution...) only Anthropic runs
      return;
    }
    if (!isObject(t.input_schema)) throw badParam(`${at}.input_schema`, `${at}.input_schema: Field required (a JSON Schema object).`, 'missing_required_parameter');
    const fn: ChatTool & { type: 'function' } = { type: 'function', function: { name: t.name, parameters: t.input_schema } };
    if (typeof t.description === 'string') fn.function.description = t.description;
    tools.push(fn);
  });
  return tools.length ? tools : null;
}

function translateToolChoice(v: unknown, tools: ChatTool[] | null): { choice: ChatToolChoice; parallel: boolean } | null {
  if (v === undefined || v === null) return null;
  if (!isObject(v) || typeof v.type !== 'string') throw badParam('tool_choice', 'tool_choice: must be {type: "auto" | "any" | "tool" | "none"}.', 'invalid_type');
  const parallel = v.disable_parallel_tool_use !== true;
  switch (v.type) {
    case 'auto':
      return tools ? { choice: 'auto', parallel } : null;
    case 'any':
      if (!tools) throw badParam('tool_choice', 'tool_choice: "any" needs tools.');
      return { choice: 'required', parallel };
    case 'none':
      return { choice: 'none', parallel };
    case 'tool': {
      const name = v.name;
      if (typeof name !== 'string' || !tools?.some((t) => t.type === 'function' && t.function.name === name)) {
        throw badParam('tool_choice.name', `tool_choice.name: ${describe(name)} is not one of the tools.`);
      }
      return { choice: { type: 'function', function: { name } }, parallel };
    }
    default:
      throw badParam('tool_choice.type', `tool_choice.type: must be "auto", "any", "tool" or "none", got ${describe(v.type)}.`);
  }
}
