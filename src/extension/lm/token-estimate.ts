// provideTokenCount's estimate: the router's own rule (about 4 characters a token, a few for each
// message's framing, a flat cost per image), so VS Code budgets prompts the way Oblix will judge them.
import type { MessageLike } from './parts';
import { toOpenAIMessages } from './to-openai';

const CHARS_PER_TOKEN = 4;
const MESSAGE_FRAMING_CHARS = 16;
/** A typical vision encoder's cost per image (as in core/routing/request-features.ts). */
const IMAGE_TOKENS = 768;

export function estimateTokens(input: string | MessageLike): number {
  if (typeof input === 'string') return Math.ceil(input.length / CHARS_PER_TOKEN);
  let chars = 0;
  let images = 0;
  for (const m of toOpenAIMessages(input)) {
    chars += MESSAGE_FRAMING_CHARS;
    const c = m.content;
    if (typeof c === 'string') chars += c.length;
    else if (Array.isArray(c)) {
      for (const p of c) {
        if (p.type === 'text') chars += p.text.length;
        else if (p.type === 'image_url') images++;
      }
    }
    if (m.role === 'assistant') for (const t of m.tool_calls ?? []) if (t.type === 'function') chars += t.function.name.length + t.function.arguments.length;
  }
  return Math.ceil(chars / CHARS_PER_TOKEN) + images * IMAGE_TOKENS;
}
