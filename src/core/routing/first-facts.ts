// The first inventory of every provider (probe, then Ollama /api/tags, /api/ps, /api/show), which
// routing waits for at start, briefly: a request routed before it would send a long prompt to a
// small local model, or tools to a model without them. After FIRST_FACTS_WAIT_MS, routing goes on
// what is known, and each decision names the providers still unknown.

/** How long start-up (the ready line, the first requests) waits for the first inventory. */
export const FIRST_FACTS_WAIT_MS = 2_000;

const NONE: readonly string[] = Object.freeze([]);

export class FirstFacts {
  private readonly pendingIds: Set<string>;
  private gate: Promise<void> | null = null;
  private open = false;
  private openNow: () => void = () => {};

  constructor(providerIds: Iterable<string>) {
    this.pendingIds = new Set(providerIds);
  }

  /** Providers whose first inventory has not arrived yet. */
  get pending(): readonly string[] {
    return this.pendingIds.size === 0 ? NONE : [...this.pendingIds]; // read on every request: no new array once all are known
  }

  /** Whether a request must still wait (checked on every request, so a field, not a promise). */
  get waiting(): boolean {
    return this.gate !== null && !this.open;
  }

  /** What a provider's first probe (and inventory, if it has one) told, or a carried-over copy. */
  learnt(providerId: string): void {
    this.pendingIds.delete(providerId);
    if (this.pendingIds.size === 0) this.openNow();
  }

  /**
   * Opens the gate when every provider is known (some may be already, carried over from the core
   * before a settings change), when `inventoried` settles, or after `waitMs`, whichever comes first.
   */
  begin(inventoried: Promise<unknown>, waitMs = FIRST_FACTS_WAIT_MS): void {
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => {
      this.openNow = resolve;
      timer = setTimeout(resolve, waitMs);
      timer.unref();
      if (this.pendingIds.size === 0) resolve();
    });
    this.gate = Promise.race([
      inventoried.then(
        () => undefined,
        () => undefined,
      ),
      bound,
    ]).then(() => {
      clearTimeout(timer);
      this.open = true;
    });
  }

  /** Resolves once the first inventory is in, or the wait ran out; at once when start() never ran. */
  ready(): Promise<void> {
    return this.gate ?? Promise.resolve();
  }
}
