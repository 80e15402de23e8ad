// The models `auto` may choose from, in order of preference: the configured ones, or, when no
// local model was named, whatever Ollama has installed (refreshed by the background probes).
import type { Provider } from '../providers/provider';
import { parseModelId, type ModelRef } from './model-id';

export interface ModelEntry extends ModelRef {
  local: boolean;
}

export class Catalog {
  private discovered: ModelEntry[] = [];

  constructor(
    private readonly providers: ReadonlyMap<string, Provider>,
    private readonly localIds: readonly string[],
    private readonly cloudIds: readonly string[],
  ) {}

  get entries(): ModelEntry[] {
    const configured = [...this.localIds, ...this.cloudIds].flatMap((id) => this.entry(id) ?? []);
    return this.localIds.length > 0 ? configured : [...this.discovered, ...configured];
  }

  /** An entry for any id whose provider is configured, listed or not (explicit ids may name any model). */
  entry(id: string): ModelEntry | null {
    const ref = parseModelId(id);
    const provider = ref && this.providers.get(ref.providerId);
    return ref && provider ? { ...ref, local: provider.local } : null;
  }

  /** Learns what a local provider has installed; called after its probe succeeds. */
  async discover(provider: Provider): Promise<void> {
    if (!provider.local || this.localIds.length > 0) return;
    try {
      const names = await provider.listModels(AbortSignal.timeout(3_000));
      const others = this.discovered.filter((e) => e.providerId !== provider.id);
      this.discovered = [...others, ...names.map((m) => ({ id: `${provider.id}:${m}`, providerId: provider.id, model: m, local: true }))];
    } catch {
      // keep what we knew; the next probe tries again
    }
  }
}
