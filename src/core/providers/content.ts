// Small readers of OpenAI message content shared by the translating providers.
import { badParam } from '../errors/oblix-error';
import type { ChatMessage } from '../request';

/** The text of a message's content, whether a string or content parts. */
export function textOf(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((p) => (p.type === 'text' ? p.text : p.type === 'refusal' ? p.refusal : ''))
    .filter((s) => s !== '')
    .join('\n');
}

export interface ImageRef {
  url: string;
  /** Its index in the message's content array, for error params that point at it. */
  part: number;
  /** Present for data: URLs. */
  data?: { mediaType: string; base64: string };
}

export function imagesOf(content: ChatMessage['content']): ImageRef[] {
  if (!Array.isArray(content)) return [];
  const out: ImageRef[] = [];
  content.forEach((p, part) => {
    if (p.type !== 'image_url') return;
    const url = p.image_url.url;
    const m = /^data:([^;,]+);base64,(.*)$/s.exec(url);
    out.push(m ? { url, part, data: { mediaType: m[1]!, base64: m[2]! } } : { url, part });
  });
  return out;
}

/** The function name of each tool call id, so tool results can name their tool. */
export function toolNamesById(messages: ChatMessage[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const m of messages) {
    if (m.role !== 'assistant' || !m.tool_calls) continue;
    for (const c of m.tool_calls) if (c.type === 'function') names.set(c.id, c.function.name);
  }
  return names;
}

export function parseArguments(raw: string, param: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(raw === '' ? '{}' : raw);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw badParam(param, `'${param}' must be a JSON object encoded as a string.`);
}

let counter = 0;
/** Ids for tool calls from upstreams that do not give one (Ollama). */
export function newToolCallId(): string {
  counter = (counter + 1) % 1_000_000;
  return `call_${Date.now().toString(36)}${counter.toString(36)}`;
}
