// How long a cold local model takes to load on this machine: Ollama tells `load_duration` in each
// answer's last line; the rate (ms per GB of model) learnt from real loads estimates the next one
// from a model's size. Until Oblix has seen a load, a typical SSD's rate stands in.
import type { ModelFact } from './model-facts';

/** About 1.3 s per GB: a 7B model (4.7 GB) from a local SSD into memory, before any load was seen. */
export const DEFAULT_LOAD_MS_PER_GB = 1_300;
/** A load_duration below this is a model that was already loaded (Ollama reports a few ms then). */
const REAL_LOAD_MS = 100;
/** Weight of the newest load in the running rate: recent loads tell more (disk cache, memory pressure). */
const NEWEST_WEIGHT = 0.3;
const GB = 1024 ** 3;

export class LoadTimes {
  private msPerGb: number | null = null;
  private seen = 0;

  /** One answer's load_duration (ms) for a model of `sizeBytes`; answers from a loaded model teach nothing. */
  record(loadMs: number, sizeBytes: number | null): void {
    if (!(loadMs >= REAL_LOAD_MS) || !sizeBytes || sizeBytes <= 0) return;
    const rate = loadMs / (sizeBytes / GB);
    this.msPerGb = this.msPerGb === null ? rate : this.msPerGb * (1 - NEWEST_WEIGHT) + rate * NEWEST_WEIGHT;
    this.seen++;
  }

  /** Loads seen so far (for /health: whether the estimate is measured or the default). */
  get measured(): number {
    return this.seen;
  }

  get rateMsPerGb(): number {
    return this.msPerGb ?? DEFAULT_LOAD_MS_PER_GB;
  }

  /** 0 for a loaded model; the estimate for a cold one; null when its size is unknown (or no fact: not Ollama). */
  estimateMs(fact: ModelFact | undefined): number | null {
    if (!fact) return null;
    if (fact.loaded) return 0;
    if (fact.sizeBytes === null || fact.sizeBytes <= 0) return null;
    return Math.round((fact.sizeBytes / GB) * this.rateMsPerGb);
  }
}

/** "about 6 s", as the chat view and the decision's notes say it. */
export function aboutSeconds(ms: number): string {
  return `about ${Math.max(1, Math.round(ms / 1000))} s`;
}

/** What a chat waiting for a load says: "loading qwen2.5-coder:7b, about 6 s" (the model as its runtime names it). */
export function loadingInWords(id: string, ms: number): string {
  const at = id.indexOf(':');
  return `loading ${at > 0 ? id.slice(at + 1) : id}, ${aboutSeconds(ms)}`;
}
