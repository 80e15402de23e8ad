// Which Ollama models to offer for a first pull, and which one fits this machine: pure, no vscode.

export interface ModelChoice {
  /** The Ollama name, as `ollama pull` takes it. */
  name: string;
  /** What it is good for, in a few words. */
  what: string;
  /** Download size and, roughly, the memory it needs to run, in bytes. */
  bytes: number;
}

const GB = 1024 ** 3;

/** Small to large; sizes are Ollama's published q4 downloads. */
export const MODEL_CHOICES: readonly ModelChoice[] = [
  { name: 'qwen2.5-coder:1.5b', what: 'small coding model', bytes: 1.0 * GB },
  { name: 'llama3.2:3b', what: 'general chat', bytes: 2.0 * GB },
  { name: 'qwen2.5-coder:7b', what: 'coding model', bytes: 4.7 * GB },
  { name: 'qwen2.5-coder:14b', what: 'larger coding model', bytes: 9.0 * GB },
];

/** A model needs about its size times this in free memory to run without swapping. */
const HEADROOM = 1.5;

/** The largest choice that fits in `freeBytes`, or the smallest when none does. */
export function recommendedModel(freeBytes: number, choices: readonly ModelChoice[] = MODEL_CHOICES): ModelChoice {
  const fitting = choices.filter((c) => c.bytes * HEADROOM <= freeBytes);
  return fitting[fitting.length - 1] ?? choices[0]!;
}

export function fits(choice: ModelChoice, freeBytes: number): boolean {
  return choice.bytes * HEADROOM <= freeBytes;
}

export function formatBytes(bytes: number): string {
  if (bytes >= GB) return `${(bytes / GB).toFixed(1)} GB`;
  return `${Math.max(1, Math.round(bytes / 1024 ** 2))} MB`;
}
