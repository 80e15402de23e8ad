// The models `auto` may choose from, in order of preference: the configured ones, or, when no
// local model was named, whatever the local runtimes have installed (loaded ones first).
import type { Provider } from '../providers/provider';
import type { ModelFacts } from './model-facts';
import { parseModelId, type ModelRef } from './model-id';

export interface ModelEntry extends ModelRef {
  local: boolean;
}

export class Catalog {
  constructor(
    private readonly providers: ReadonlyMap<string, Provider>,
    private readonly localIds: readonly string[],
    private readonly cloudIds: readonly string[],
    private readonly facts: ModelFacts,
  ) {}

  get entries(): ModelEntry[] {
    const configured = [...this.localIds, ...this.cloudIds].flatMap((id) => this.entry(id) ?? []);
    if (this.localIds.length > 0) return configured;
    const discovered = [...this.providers.values()]
      .filter((p) => p.local && p.inventory)
      .flatMap((p) => [...this.facts.installed(p.id)].sort((a, b) => Number(b.loaded) - Number(a.loaded)))
      .map((f) => ({ id: f.id, providerId: f.providerId, model: f.model, local: true }));
    return [...discovered, ...configured];
  }

  /** An entry for any id whose provider is configured, listed or not (explicit ids may name any model). */
  entry(id: string): ModelEntry | null {
    const ref = parseModelId(id);
    const provider = ref && this.providers.get(ref.providerId);
    return ref && provider ? { ...ref, local: provider.local } : null;
  }
}
