// The models `auto` may choose from, in order of preference: the configured ones, or, when no
// local model was named, whatever the local runtimes have installed (loaded ones first).
import type { Provider } from '../providers/provider';
import type { ModelFact, ModelFacts } from './model-facts';
import { parseModelId, type ModelRef } from './model-id';

export interface ModelEntry extends ModelRef {
  local: boolean;
}

export class Catalog {
  private readonly configured: ModelEntry[];
  private readonly inventoried: Provider[];
  /** The last list built, with the inventories it was built from: `entries` is read on every request. */
  private cache: { from: (readonly ModelFact[])[]; entries: readonly ModelEntry[] } | null = null;

  constructor(
    private readonly providers: ReadonlyMap<string, Provider>,
    private readonly localIds: readonly string[],
    cloudIds: readonly string[],
    private readonly facts: ModelFacts,
  ) {
    this.configured = [...localIds, ...cloudIds].flatMap((id) => this.entry(id) ?? []);
    this.inventoried = [...providers.values()].filter((p) => p.local && p.inventory);
  }

  get entries(): readonly ModelEntry[] {
    if (this.localIds.length > 0) return this.configured;
    const from = this.inventoried.map((p) => this.facts.installed(p.id));
    if (this.cache && this.cache.from.every((list, i) => list === from[i])) return this.cache.entries;
    const discovered = from
      .flatMap((list) => [...list].sort((a, b) => Number(b.loaded) - Number(a.loaded)))
      .map((f) => ({ id: f.id, providerId: f.providerId, model: f.model, local: true }));
    this.cache = { from, entries: [...discovered, ...this.configured] };
    return this.cache.entries;
  }

  /** An entry for any id whose provider is configured, listed or not (explicit ids may name any model). */
  entry(id: string): ModelEntry | null {
    const ref = parseModelId(id);
    const provider = ref && this.providers.get(ref.providerId);
    return ref && provider ? { ...ref, local: provider.local } : null;
  }
}
