// What the policy needs to know about a request, computed once: size, tools, images, format.
import type { ChatMessage, ChatRequest } from '../request';
import { stuckAgent } from './stuck-agent';
import { estimateTokens } from './token-estimate';

export interface RequestFeatures {
  /** Estimated prompt tokens (token-estimate.ts, plus 10 %, plus a few per message and per image). */
  readonly promptTokens: number;
  /**
   * A bound the estimate never exceeds, from the text's length alone: when it fits a model's
   * window, the estimate (a pass over the text) is not needed.
   */
  readonly promptTokensAtMost: number;
  /** Tokens to keep free for the answer: max_tokens (at most MAX_OUTPUT_RESERVE), or a modest default when unset. */
  outputTokens: number;
  needsTools: boolean;
  hasImages: boolean;
  structuredOutput: boolean;
  /** Why an agent's conversation shows its model failing (stuck-agent.ts), or null. */
  stuck?: string | null;
}

/** Reserved for the answer when the client set no max_tokens. */
export const DEFAULT_OUTPUT_RESERVE = 512;
/**
 * The most routing reserves for an answer. Coding agents ask for 32K–64K by habit (Claude Code
 * sends 64000), which would rule out every local window; a local answer is instead capped at the
 * room its window has left (policy.ts), so it ends with finish_reason "length", never past the window.
 */
export const MAX_OUTPUT_RESERVE = 8192;
const IMAGE_TOKENS = 768; // a typical vision encoder's cost per image
const MESSAGE_TOKENS = 4; // role and framing
/**
 * The estimate errs by a few percent on average, but up to -10 % on some code and prose files and
 * -22 % on some Python (docs/performance/TOKENS.md): routing counts 10 % more, since too little means a cut prompt.
 */
const MARGIN = 1.1;
/** The estimate's most per character (a line break, then one letter, again and again: 1.24), with the margin. */
const MAX_TOKENS_PER_CHAR = 1.25 * MARGIN;

export function requestFeatures(req: ChatRequest): RequestFeatures {
  let chars = 0;
  let images = 0;
  for (const m of req.messages) {
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
  const tools = req.tools ? JSON.stringify(req.tools) : '';
  chars += tools.length;
  const fixed = req.messages.length * MESSAGE_TOKENS + images * IMAGE_TOKENS;
  let estimate: number | null = null;
  if (req.prompt) chars += req.prompt.text.length + (req.prompt.suffix?.length ?? 0);
  return {
    // Lazy: only a local model with a known window needs it, and only when the bound does not fit.
    get promptTokens(): number {
      estimate ??=
        fixed +
        Math.ceil(
          (estimateText(req.messages) + (tools ? estimateTokens(tools) : 0) + (req.prompt ? estimateTokens(req.prompt.text) + estimateTokens(req.prompt.suffix ?? '') : 0)) *
            MARGIN,
        );
      return estimate;
    },
    promptTokensAtMost: fixed + Math.ceil(chars * MAX_TOKENS_PER_CHAR) + 1,
    outputTokens: Math.min(req.maxTokens ?? DEFAULT_OUTPUT_RESERVE, MAX_OUTPUT_RESERVE),
    needsTools: req.tools !== null && req.tool_choice !== 'none',
    hasImages: images > 0,
    structuredOutput: req.response_format !== null && req.response_format.type !== 'text',
    stuck: req.tools !== null && req.tool_choice !== 'none' ? stuckAgent(req.messages) : null,
  };
}

/** The estimate routing makes of these messages alone (framing, images, text with the margin): what VS Code's provideTokenCount reports too. */
export function estimateMessages(messages: readonly ChatMessage[]): number {
  let images = 0;
  for (const m of messages) if (Array.isArray(m.content)) for (const p of m.content) if (p.type === 'image_url') images++;
  return messages.length * MESSAGE_TOKENS + images * IMAGE_TOKENS + Math.ceil(estimateText(messages) * MARGIN);
}

function estimateText(messages: readonly ChatMessage[]): number {
  let n = 0;
  for (const m of messages) {
    const c = m.content;
    if (typeof c === 'string') n += estimateTokens(c);
    else if (Array.isArray(c)) for (const p of c) if (p.type === 'text') n += estimateTokens(p.text);
    if (m.role === 'assistant' && m.tool_calls)
      for (const t of m.tool_calls) if (t.type === 'function') n += estimateTokens(t.function.name) + estimateTokens(t.function.arguments);
  }
  return n;
}
