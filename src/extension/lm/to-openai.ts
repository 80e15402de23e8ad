// VS Code's language-model request (messages, tools, tool mode, model options) as an OpenAI chat
// body, run through validateChatRequest so it is checked exactly like a request to the endpoint.
import type { ChatCompletionContentPart, ChatCompletionMessageToolCall } from 'openai/resources/chat/completions';
import { validateChatRequest } from '../../core/dialects/openai-chat/parse';
import type { ChatMessage, ChatRequest } from '../../core/request';
import { isDataPart, isPromptTsxPart, isTextPart, isToolCallPart, isToolResultPart, ROLE_ASSISTANT, ROLE_SYSTEM, type DataPartLike, type MessageLike } from './parts';

/** LanguageModelChatTool, as VS Code passes it. */
export interface ToolLike {
  name: string;
  description: string;
  inputSchema?: object | undefined;
}

export interface RequestOptionsLike {
  tools?: readonly ToolLike[];
  /** LanguageModelChatToolMode: Auto 1, Required 2. */
  toolMode: number;
  modelOptions?: { readonly [name: string]: unknown };
}

export const TOOL_MODE_REQUIRED = 2;

/** Model options a caller may set that mean the same to every upstream; anything else is dropped, not sent blind. */
const PASSED_OPTIONS = ['temperature', 'top_p', 'max_tokens', 'max_completion_tokens', 'stop', 'seed', 'presence_penalty', 'frequency_penalty', 'response_format'] as const;

export function toChatRequest(model: string, messages: readonly MessageLike[], options: RequestOptionsLike): ChatRequest {
  const body: Record<string, unknown> = { model, messages: messages.flatMap(toOpenAIMessages) };
  const tools = options.tools ?? [];
  if (tools.length > 0) {
    body.tools = tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.inputSchema ?? { type: 'object', properties: {} } } }));
    if (options.toolMode === TOOL_MODE_REQUIRED) body.tool_choice = tools.length === 1 ? { type: 'function', function: { name: tools[0]!.name } } : 'required';
  }
  for (const key of PASSED_OPTIONS) if (options.modelOptions?.[key] !== undefined) body[key] = options.modelOptions[key];
  return validateChatRequest(body);
}

/**
 * One VS Code message as OpenAI messages: tool results become `tool` messages (first, since they
 * answer the assistant's calls just before), the rest one user/system/assistant message.
 */
export function toOpenAIMessages(message: MessageLike): ChatMessage[] {
  const out: ChatMessage[] = [];
  const parts: ChatCompletionContentPart[] = [];
  const calls: ChatCompletionMessageToolCall[] = [];
  for (const p of message.content) {
    if (isToolResultPart(p)) out.push({ role: 'tool', tool_call_id: p.callId, content: toolResultText(p.content) });
    else if (isToolCallPart(p)) calls.push({ id: p.callId, type: 'function', function: { name: p.name, arguments: JSON.stringify(p.input) } });
    else if (isTextPart(p)) parts.push({ type: 'text', text: p.value });
    else if (isDataPart(p)) {
      if (p.mimeType.startsWith('image/')) parts.push({ type: 'image_url', image_url: { url: dataUrl(p) } });
      else if (isTextual(p.mimeType)) parts.push({ type: 'text', text: decode(p) });
      // other bytes (cache-control markers, binary) have no meaning for a chat model
    } else if (isPromptTsxPart(p)) parts.push({ type: 'text', text: JSON.stringify(p.value) });
  }
  const text = parts.every((p) => p.type === 'text') ? parts.map((p) => p.text).join('') : null;
  const name = message.name ? { name: message.name } : {};
  if (message.role === ROLE_ASSISTANT) {
    // An assistant turn carries text only (OpenAI has no images there); images are dropped, not faked.
    const content = parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('');
    if (content || calls.length) out.push({ role: 'assistant', content: content || null, ...(calls.length ? { tool_calls: calls } : {}), ...name });
  } else if (message.role === ROLE_SYSTEM) {
    if (parts.length) out.push({ role: 'system', content: text ?? parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join(''), ...name });
  } else if (parts.length) {
    out.push({ role: 'user', content: text ?? parts, ...name });
  }
  return out;
}

/** A tool result's content as the text a `tool` message carries. */
export function toolResultText(content: readonly unknown[]): string {
  return content
    .map((c) => {
      if (isTextPart(c)) return c.value;
      if (isDataPart(c)) return isTextual(c.mimeType) ? decode(c) : `[${c.mimeType} data, ${c.data.byteLength} bytes]`;
      if (isPromptTsxPart(c)) return JSON.stringify(c.value);
      return '';
    })
    .join('');
}

const isTextual = (mime: string): boolean => mime.startsWith('text/') || mime === 'application/json' || mime.endsWith('+json');
const decode = (p: DataPartLike): string => Buffer.from(p.data).toString('utf8');
const dataUrl = (p: DataPartLike): string => `data:${p.mimeType};base64,${Buffer.from(p.data).toString('base64')}`;
