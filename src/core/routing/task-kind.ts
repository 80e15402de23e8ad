// What kind of task a request is, read from the internal request alone (the same in every dialect),
// in a single pass without looking at the text: the policy orders model tiers by it (tiers.ts).
import type { ChatRequest } from '../request';

export type TaskKind = 'autocomplete' | 'background' | 'agent' | 'chat';
export const TASK_KINDS: readonly TaskKind[] = ['autocomplete', 'background', 'agent', 'chat'];

export type Modifier = 'reasoning' | 'long-context' | 'vision';

/**
 * Names clients give their small, fast models: Claude Code sends its title, topic and summary calls
 * to `claude-haiku-*`, others use `gpt-*-mini`, `*-nano`, `gemini-*-flash`, `mistral-small`. `-mini`
 * and `-nano` end a word, so `minimax` is not one.
 */
const SMALL_TIER_NAME = /haiku|flash|small|-(?:mini|nano)(?![a-z0-9])/i;

/**
 * A utility call without a small model name: no tools, a short prompt and a small answer cap (a
 * title, a topic check, a one-line summary). Chat clients leave the cap unset or large.
 */
export const BACKGROUND_MAX_ANSWER_TOKENS = 512;
export const BACKGROUND_MAX_PROMPT_CHARS = 4000;
/** Past about 32K tokens (4 characters each) a prompt is long-context. */
export const LONG_CONTEXT_CHARS = 128_000;

export function isSmallTierName(model: string | undefined): boolean {
  return model !== undefined && SMALL_TIER_NAME.test(model);
}

/** The size of the prompt in characters: what `background` and `long-context` read. */
export function promptChars(req: ChatRequest): number {
  let n = req.prompt ? req.prompt.text.length + (req.prompt.suffix?.length ?? 0) : 0;
  for (const m of req.messages) {
    const c = m.content;
    if (typeof c === 'string') n += c.length;
    else if (Array.isArray(c)) for (const p of c) if (p.type === 'text') n += p.text.length;
  }
  return n;
}

export function taskKind(req: ChatRequest, chars = promptChars(req)): TaskKind {
  if (req.prompt) return 'autocomplete';
  const tools = req.tools !== null && req.tools.length > 0 && req.tool_choice !== 'none';
  if (isSmallTierName(req.requestedModel)) return 'background';
  if (!tools && req.maxTokens !== null && req.maxTokens <= BACKGROUND_MAX_ANSWER_TOKENS && chars <= BACKGROUND_MAX_PROMPT_CHARS) return 'background';
  if (tools && carriesToolTraffic(req)) return 'agent';
  return 'chat';
}

/** Tool calls the model made or results the client sent back: the conversation is an agent loop. */
function carriesToolTraffic(req: ChatRequest): boolean {
  for (const m of req.messages) {
    if (m.role === 'tool' || m.role === 'function') return true;
    if (m.role === 'assistant' && m.tool_calls && m.tool_calls.length > 0) return true;
  }
  return false;
}

export function modifiers(req: ChatRequest, chars = promptChars(req)): Modifier[] {
  const out: Modifier[] = [];
  if (req.reasoning === 'medium' || req.reasoning === 'high') out.push('reasoning');
  if (chars > LONG_CONTEXT_CHARS) out.push('long-context');
  if (hasImages(req)) out.push('vision');
  return out;
}

function hasImages(req: ChatRequest): boolean {
  for (const m of req.messages) if (Array.isArray(m.content)) for (const p of m.content) if (p.type === 'image_url') return true;
  return false;
}
