// The text of a message, whichever shape its content has (a string, or parts of which some are text).
import type { ChatMessage } from '../request';

export function messageText(m: ChatMessage): string {
  const c = m.content;
  if (typeof c === 'string') return c;
  if (!Array.isArray(c)) return '';
  let out = '';
  for (const p of c) if (p.type === 'text') out += out ? `\n${p.text}` : p.text;
  return out;
}
