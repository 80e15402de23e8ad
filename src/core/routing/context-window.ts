// The context window a local model really runs with, and the `num_ctx` to ask for when a prompt
// needs more. Ollama runs a model with its configured context (Ollama's default, OLLAMA_CONTEXT_LENGTH,
// or the Modelfile's num_ctx), not the trained maximum /api/show reports, and silently cuts a longer
// prompt. Raising num_ctx reloads the model, so it grows in a few stable steps, never per request.
import type { ModelFact } from './model-facts';

/** Current Ollama's default context when neither OLLAMA_CONTEXT_LENGTH nor the Modelfile set one. */
export const OLLAMA_DEFAULT_CONTEXT = 4096;
/** The windows Oblix asks for: few, so consecutive long prompts reuse the loaded model. */
export const NUM_CTX_STEPS: readonly number[] = [8192, 16384, 32768, 65536, 131072];

export interface Fit {
  /** The window the request runs with. */
  window: number;
  /** Sent as Ollama's options.num_ctx when the default window is too small. */
  numCtx?: number;
  /** For the decision: why num_ctx was sent. */
  note?: string;
  /** The most the answer may take in this window after the prompt (set by the policy). */
  answerRoom?: number;
  /** Why this model should not (soft) or cannot (hard) take the request. */
  problem?: { hard: boolean; code: 'context-too-long' | 'low-memory'; detail: string };
}

export interface FitInput {
  fact: ModelFact;
  /** Prompt plus answer, estimated. */
  need: number;
  /** The runtime's default window (OLLAMA_CONTEXT_LENGTH, or Ollama's own default). */
  runtimeDefault: number;
  memAvailableBytes: number;
  memoryHeadroom: number;
}

/** The window a request without num_ctx gets: the Modelfile's num_ctx, else the runtime default, never above the trained maximum. */
export function defaultWindow(fact: ModelFact, runtimeDefault: number): number {
  const configured = fact.configuredContextLength ?? runtimeDefault;
  return fact.contextLength !== null ? Math.min(configured, fact.contextLength) : configured;
}

export function fitContext({ fact, need, runtimeDefault, memAvailableBytes, memoryHeadroom }: FitInput): Fit {
  const id = fact.id;
  const base = defaultWindow(fact, runtimeDefault);
  const loaded = fact.loaded ? fact.loadedContextLength : null;
  // Loaded with a larger window already (an earlier step): ask for that one, even for a short
  // prompt, since a request with other options makes Ollama reload the model.
  if (loaded !== null && loaded > base && need <= loaded) return { window: loaded, numCtx: loaded, note: `num_ctx ${loaded} for ${id}: the window it is loaded with` };
  if (need <= base) return { window: base };
  const trained = fact.contextLength;
  if (trained !== null && need > trained) {
    return {
      window: trained,
      problem: { hard: true, code: 'context-too-long', detail: `~${need} tokens (prompt plus answer) exceed the ${trained}-token context ${id} was trained for` },
    };
  }
  // The smallest step that fits, or the trained maximum when that is smaller (and still fits).
  const step = Math.min(NUM_CTX_STEPS.find((s) => s >= need) ?? need, trained ?? Number.POSITIVE_INFINITY);
  const fit: Fit = { window: step, numCtx: step, note: `num_ctx ${step} for ${id}: ~${need} tokens exceed its ${base}-token default window` };
  // A larger window needs memory for its KV cache, and for the model itself, which is (re)loaded.
  if (fact.kvBytesPerToken && memoryHeadroom > 0) {
    const needBytes = (fact.kvBytesPerToken * step + (fact.sizeBytes ?? 0)) * memoryHeadroom;
    if (memAvailableBytes < needBytes)
      fit.problem = { hard: false, code: 'low-memory', detail: `${id} would need about ${gb(needBytes)} to run with a ${step}-token window; ${gb(memAvailableBytes)} free` };
  }
  return fit;
}

const gb = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(1)} GB`;
