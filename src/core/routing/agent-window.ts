// The context window an agent really works in when a local model serves it, and where it should
// compact. Agents guess a window from the model's name: Claude Code assumes 200K (or 1M) for a name
// it does not know, Codex 272K, opencode 0 (no compaction at all), so a 32K local window overflows
// before they ever compact. Oblix knows better: the window it will run the model with, up to the
// largest num_ctx step that fits the model's trained length and the free memory.
import { defaultWindow, fitContext, NUM_CTX_STEPS } from './context-window';
import type { ModelFact } from './model-facts';
import { MAX_OUTPUT_RESERVE } from './request-features';

export interface AgentWindow {
  /** The model whose window it is. */
  model: string;
  /** The most tokens of prompt and answer together. */
  window: number;
  /** Room kept for the answer (opencode's `limit.output`). */
  output: number;
  /** Compact the conversation above this many tokens (Codex's `model_auto_compact_token_limit`). */
  compactAt: number;
}

export interface WindowSettings {
  /** OLLAMA_CONTEXT_LENGTH, or Ollama's own default. */
  runtimeDefault: number;
  memAvailableBytes: number;
  memoryHeadroom: number;
}

/** The largest window Oblix runs this local model with: its default, or a num_ctx step it can raise to. */
export function largestWindow(fact: ModelFact, s: WindowSettings): number {
  const base = defaultWindow(fact, s.runtimeDefault);
  const trained = fact.contextLength;
  // An unknown trained length: raising the window could pass what the model can take.
  if (trained === null) return base;
  const larger = [...NUM_CTX_STEPS, trained].filter((w) => w > base && w <= trained).sort((a, b) => b - a);
  for (const w of larger) if (!fitContext({ fact, need: w, ...s }).problem) return w;
  return base;
}

export function agentWindow(model: string, window: number): AgentWindow {
  const output = Math.min(MAX_OUTPUT_RESERVE, Math.floor(window / 4));
  return { model, window, output, compactAt: window - output };
}

/** What each agent is told, as the README recipes write it. */
export function agentRecipes(w: AgentWindow, baseUrl: string): string[] {
  return [
    `Claude Code: ANTHROPIC_BASE_URL=${baseUrl} ANTHROPIC_MODEL=${w.model} CLAUDE_CODE_MAX_CONTEXT_TOKENS=${w.window} CLAUDE_CODE_MAX_OUTPUT_TOKENS=${w.output} claude`,
    `Codex (~/.codex/config.toml): model = "${w.model}"  model_context_window = ${w.window}  model_auto_compact_token_limit = ${w.compactAt}`,
    `opencode (opencode.json, provider.oblix.models["${w.model}"]): "limit": { "context": ${w.window}, "output": ${w.output} }`,
  ];
}
