// Token limits and capabilities of the models Oblix offers to VS Code. Local Ollama models: what
// Ollama reported (the trained window, which routing reaches by raising num_ctx; tools/vision).
// Cloud models: the vendors' published limits for well-known families, else a conservative default.
import { DEFAULT_OUTPUT_RESERVE } from '../../core/routing/request-features';
import { OLLAMA_DEFAULT_CONTEXT } from '../../core/routing/context-window';
import type { ModelFact } from '../../core/routing/model-facts';

export interface ModelLimits {
  maxInputTokens: number;
  maxOutputTokens: number;
  toolCalling: boolean;
  imageInput: boolean;
}

/** Published context windows and output limits (tokens), first match wins. Sources: the vendors' model pages. */
const CLOUD_TABLE: readonly { match: RegExp; context: number; output: number }[] = [
  { match: /^gpt-5/, context: 400_000, output: 128_000 },
  { match: /^gpt-4\.1/, context: 1_047_576, output: 32_768 },
  { match: /^gpt-4o/, context: 128_000, output: 16_384 },
  { match: /^o[134](-|$)/, context: 200_000, output: 100_000 },
  { match: /^gpt-4-turbo/, context: 128_000, output: 4_096 },
  { match: /^gpt-3\.5-turbo/, context: 16_385, output: 4_096 },
  { match: /^claude-(opus-4|3-opus)/, context: 200_000, output: 32_000 },
  { match: /^claude-(sonnet-[4-9]|3-7-sonnet)/, context: 200_000, output: 64_000 },
  { match: /^claude-/, context: 200_000, output: 8_192 },
];
/** Unknown cloud or OpenAI-compatible models: a window most current models exceed, and a modest answer. */
const CLOUD_DEFAULT = { context: 32_768, output: 4_096 };

export function ollamaLimits(fact: ModelFact | undefined): ModelLimits {
  const context = fact?.contextLength ?? fact?.loadedContextLength ?? OLLAMA_DEFAULT_CONTEXT;
  const caps = fact?.capabilities ?? [];
  return {
    // The router reserves this much of the window for the answer (context-too-long otherwise).
    maxInputTokens: Math.max(1, context - DEFAULT_OUTPUT_RESERVE),
    // Ollama has no separate output cap: the answer may use whatever the prompt leaves of the window.
    maxOutputTokens: context,
    // Unknown capabilities (Ollama did not say) are not claimed.
    toolCalling: caps.includes('tools'),
    imageInput: caps.includes('vision'),
  };
}

export function cloudLimits(model: string): ModelLimits {
  const row = CLOUD_TABLE.find((r) => r.match.test(model)) ?? CLOUD_DEFAULT;
  return { maxInputTokens: row.context - row.output, maxOutputTokens: row.output, toolCalling: true, imageInput: true };
}
