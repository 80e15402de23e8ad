// Ollama's /api/chat and /api/generate bodies into the internal request. `stream` defaults to true,
// as in Ollama. Options Oblix cannot carry (num_ctx, top_k, mirostat...) are named as ignored.
import { badParam, OblixError } from '../../errors/oblix-error';
import type { ChatMessage, ChatRequest, ChatTool, ResponseFormat } from '../../request';
import { thinkLevel } from '../../routing/reasoning-level';
import { chatRequest } from '../../request';
import { describe, has, isObject, modelName, optBool, optString, type Json } from '../json';

export interface OllamaParsed {
  request: ChatRequest;
  ignored: string[];
  /** /api/generate with an empty prompt: Ollama loads (or unloads) the model and answers at once. */
  loadOnly?: boolean;
}

const CARRIED_OPTIONS = new Set(['temperature', 'top_p', 'num_predict', 'stop', 'seed', 'presence_penalty', 'frequency_penalty']);

export function parseOllamaChat(body: unknown): OllamaParsed {
  if (!isObject(body)) throw OblixError.of('invalid_type', 'The request body must be a JSON object.');
  const model = modelName(body);
  if (!Array.isArray(body.messages)) throw badParam('messages', `messages: must be an array, got ${describe(body.messages)}.`, 'invalid_type');
  const ignored: string[] = [];
  const fields = common(body, ignored);
  const tools = toolsOf(body.tools);
  const request = chatRequest(model, messagesOf(body.messages), optBool(body, 'stream') ?? true, { ...fields, tools, tool_choice: tools ? 'auto' : null });
  if (tools) request.explicit = new Set([...request.explicit, 'tools']);
  request.native = { dialect: 'ollama-chat', body, headers: {} };
  if (request.messages.length === 0) throw badParam('messages', 'messages: at least one message is needed.', 'empty_array');
  for (const k of ['keep_alive', 'think']) if (has(body, k)) ignored.push(k);
  return { request, ignored };
}

export function parseOllamaGenerate(body: unknown): OllamaParsed {
  if (!isObject(body)) throw OblixError.of('invalid_type', 'The request body must be a JSON object.');
  const model = modelName(body);
  const prompt = optString(body, 'prompt') ?? '';
  const suffix = optString(body, 'suffix');
  const system = optString(body, 'system');
  const raw = optBool(body, 'raw') ?? false;
  const images = imagesOf(body.images, 'images');
  const ignored: string[] = [];
  const fields = common(body, ignored);
  for (const k of ['template', 'context', 'keep_alive', 'think']) if (has(body, k)) ignored.push(k);
  const stream = optBool(body, 'stream') ?? true;
  if (prompt === '' && !suffix) return { request: chatRequest(model, [], stream, fields), ignored, loadOnly: true };
  if (raw || suffix) {
    // A prompt to continue: raw as the client built it, or filled in before the suffix by the model's template.
    if (system !== null && !raw) ignored.push('system');
    if (images.length) throw badParam('images', 'images: a raw or fill-in-the-middle prompt cannot carry images.');
    return {
      request: chatRequest(model, [], stream, { ...fields, prompt: { text: prompt, suffix: suffix || null, raw }, native: { dialect: 'ollama-generate', body, headers: {} } }),
      ignored,
    };
  }
  const messages: ChatMessage[] = [];
  if (system) messages.push({ role: 'system', content: system });
  messages.push(
    images.length
      ? { role: 'user', content: [{ type: 'text', text: prompt }, ...images.map((url) => ({ type: 'image_url' as const, image_url: { url } }))] }
      : { role: 'user', content: prompt },
  );
  return { request: chatRequest(model, messages, stream, { ...fields, native: { dialect: 'ollama-generate', body, headers: {} } }), ignored };
}

/** `options`, `format`: what both endpoints share. */
function common(body: Json, ignored: string[]): Partial<ChatRequest> {
  const out: Partial<ChatRequest> = { temperature: 0.8, explicit: new Set() }; // Ollama's own default temperature
  const reasoning = thinkLevel(body.think);
  if (reasoning) out.reasoning = reasoning;
  const explicit = new Set<string>();
  const o = body.options;
  if (o !== undefined && o !== null) {
    if (!isObject(o)) throw badParam('options', `options: must be an object, got ${describe(o)}.`, 'invalid_type');
    const num = (k: string, min: number, max: number): number | null => {
      const v = o[k];
      if (v === undefined || v === null) return null;
      if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max)
        throw badParam(`options.${k}`, `options.${k}: must be a number between ${min} and ${max}, got ${describe(v)}.`);
      explicit.add(k === 'num_predict' ? 'max_tokens' : k);
      return v;
    };
    const t = num('temperature', 0, 2);
    if (t !== null) out.temperature = t;
    const p = num('top_p', 0, 1);
    if (p !== null) out.top_p = p;
    const n = num('num_predict', -2, 1e7);
    if (n !== null && n > 0) Object.assign(out, { maxTokens: Math.floor(n), maxTokensParam: 'max_tokens' });
    const seed = num('seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    if (seed !== null) out.seed = Math.floor(seed);
    const pp = num('presence_penalty', -2, 2);
    if (pp !== null) out.presence_penalty = pp;
    const fp = num('frequency_penalty', -2, 2);
    if (fp !== null) out.frequency_penalty = fp;
    if (o.stop !== undefined && o.stop !== null) {
      const stop = typeof o.stop === 'string' ? [o.stop] : o.stop;
      if (!Array.isArray(stop) || !stop.every((s) => typeof s === 'string'))
        throw badParam('options.stop', 'options.stop: must be a string or an array of strings.', 'invalid_type');
      out.stop = stop.length ? stop : null;
      explicit.add('stop');
    }
    for (const k of Object.keys(o)) if (!CARRIED_OPTIONS.has(k)) ignored.push(`options.${k}`);
  }
  out.explicit = explicit;
  const rf = formatOf(body.format);
  if (rf) {
    out.response_format = rf;
    explicit.add('response_format');
  }
  return out;
}

function formatOf(v: unknown): ResponseFormat | null {
  if (v === undefined || v === null || v === '') return null;
  if (v === 'json') return { type: 'json_object' };
  if (isObject(v)) return { type: 'json_schema', json_schema: { name: 'response', schema: v } };
  throw badParam('format', `format: must be "json" or a JSON schema object, got ${describe(v)}.`);
}

function toolsOf(v: unknown): ChatTool[] | null {
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v)) throw badParam('tools', `tools: must be an array, got ${describe(v)}.`, 'invalid_type');
  if (v.length === 0) return null;
  return v.map((t, i) => {
    const f = isObject(t) ? t.function : undefined;
    if (!isObject(f) || typeof f.name !== 'string' || f.name === '')
      throw badParam(`tools[${i}].function.name`, `tools[${i}]: must be {"type": "function", "function": {"name", "parameters"}}.`);
    return {
      type: 'function',
      function: { name: f.name, ...(typeof f.description === 'string' ? { description: f.description } : {}), ...(isObject(f.parameters) ? { parameters: f.parameters } : {}) },
    };
  });
}

function messagesOf(list: unknown[]): ChatMessage[] {
  let pending: { id: string; name: string; args: string }[] = [];
  let calls = 0;
  return list.map((m, i): ChatMessage => {
    if (!isObject(m)) throw badParam(`messages[${i}]`, `messages[${i}]: must be an object, got ${describe(m)}.`, 'invalid_type');
    const content = m.content === undefined || m.content === null ? '' : m.content;
    if (typeof content !== 'string') throw badParam(`messages[${i}].content`, `messages[${i}].content: must be a string, got ${describe(content)}.`, 'invalid_type');
    switch (m.role) {
      case 'system':
        return { role: 'system', content };
      case 'user': {
        const images = imagesOf(m.images, `messages[${i}].images`);
        if (!images.length) return { role: 'user', content };
        return { role: 'user', content: [{ type: 'text', text: content }, ...images.map((url) => ({ type: 'image_url' as const, image_url: { url } }))] };
      }
      case 'assistant': {
        const tc = Array.isArray(m.tool_calls) ? m.tool_calls : [];
        pending = tc.map((c, j) => {
          const f = isObject(c) ? c.function : undefined;
          if (!isObject(f) || typeof f.name !== 'string')
            throw badParam(`messages[${i}].tool_calls[${j}]`, `messages[${i}].tool_calls[${j}]: must be {"function": {"name", "arguments"}}.`);
          return { id: `call_${++calls}`, name: f.name, args: JSON.stringify(f.arguments ?? {}) };
        });
        const out: ChatMessage = { role: 'assistant', content };
        if (pending.length) out.tool_calls = pending.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.args } }));
        return out;
      }
      case 'tool': {
        // Ollama links a result to its call by tool name (or by order); OpenAI by id.
        const name = typeof m.tool_name === 'string' ? m.tool_name : null;
        const at = Math.max(
          0,
          pending.findIndex((c) => name === null || c.name === name),
        );
        const call = pending.splice(at, 1)[0];
        return { role: 'tool', tool_call_id: call?.id ?? `call_${++calls}`, content };
      }
      default:
        throw badParam(`messages[${i}].role`, `messages[${i}].role: must be system, user, assistant or tool, got ${describe(m.role)}.`);
    }
  });
}

/** Ollama sends images as bare base64; the internal request carries data: URLs. */
function imagesOf(v: unknown, param: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && x !== '')) throw badParam(param, `${param}: must be an array of base64 strings.`, 'invalid_type');
  return (v as string[]).map((b64) => (b64.startsWith('data:') ? b64 : `data:${mimeOf(b64)};base64,${b64}`));
}

function mimeOf(b64: string): string {
  if (b64.startsWith('/9j/')) return 'image/jpeg';
  if (b64.startsWith('R0lGOD')) return 'image/gif';
  if (b64.startsWith('UklGR')) return 'image/webp';
  return 'image/png';
}
