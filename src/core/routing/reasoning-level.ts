// Each dialect's way of asking a model to think, on one scale, so routing reads one field. Unknown
// or "off" values are no ask: a dialect's own validation (or the upstream) judges their spelling.
import type { ReasoningLevel } from '../request';

/** OpenAI `reasoning_effort` / Responses `reasoning.effort`: minimal and low are low, xhigh is high. */
export function effortLevel(effort: unknown): ReasoningLevel | undefined {
  switch (effort) {
    case 'minimal':
    case 'low':
      return 'low';
    case 'medium':
      return 'medium';
    case 'high':
    case 'xhigh':
      return 'high';
    default:
      return undefined;
  }
}

/** Anthropic `thinking`: enabled (with a budget) or adaptive asks for extended thinking, which counts as high. */
export function thinkingLevel(thinking: unknown): ReasoningLevel | undefined {
  if (typeof thinking !== 'object' || thinking === null) return undefined;
  const type = (thinking as { type?: unknown }).type;
  return type === 'enabled' || type === 'adaptive' ? 'high' : undefined;
}

/** Ollama `think`: true is the model's default effort (medium), or a level by name. */
export function thinkLevel(think: unknown): ReasoningLevel | undefined {
  return think === true ? 'medium' : effortLevel(think);
}
