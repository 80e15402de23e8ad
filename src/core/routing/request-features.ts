// What the policy needs to know about a request, computed once: size, tools, images, format.
import type { ChatRequest } from '../openai/types';

export interface RequestFeatures {
  /** Estimated prompt tokens (about 4 characters a token, plus a few per message). */
  promptTokens: number;
  /** Tokens to keep free for the answer: max_tokens, or a modest default when unset. */
  outputTokens: number;
  needsTools: boolean;
  hasImages: boolean;
  structuredOutput: boolean;
}

/** Reserved for the answer when the client set no max_tokens. */
export const DEFAULT_OUTPUT_RESERVE = 512;
const IMAGE_TOKENS = 768; // a typical vision encoder's cost per image

export function requestFeatures(req: ChatRequest): RequestFeatures {
  let chars = 0;
  let images = 0;
  for (const m of req.messages) {
    chars += 16; // role and framing
    const c = m.content;
    if (typeof c === 'string') chars += c.length;
    else if (Array.isArray(c)) {
      for (const p of c) {
        if (p.type === 'text') chars += p.text.length;
        else if (p.type === 'image_url') images++;
      }
    }
    if (m.role === 'assistant' && m.tool_calls) for (const t of m.tool_calls) chars += t.type === 'function' ? t.function.name.length + t.function.arguments.length : 0;
  }
  if (req.tools) chars += JSON.stringify(req.tools).length;
  if (req.prompt) chars += req.prompt.text.length + (req.prompt.suffix?.length ?? 0);
  return {
    promptTokens: Math.ceil(chars / 4) + images * IMAGE_TOKENS,
    outputTokens: req.maxTokens ?? DEFAULT_OUTPUT_RESERVE,
    needsTools: req.tools !== null && req.tool_choice !== 'none',
    hasImages: images > 0,
    structuredOutput: req.response_format !== null && req.response_format.type !== 'text',
  };
}
