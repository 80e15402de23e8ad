// What local runtimes say about their models: installed, loaded, context length, capabilities.
// Refreshed after each successful probe; /api/show runs only for models that are new or changed.
import type { InstalledModel, ModelDescription, Provider } from '../providers/provider';

export interface ModelFact extends InstalledModel, ModelDescription {
  id: string;
  providerId: string;
}

const NONE: readonly ModelFact[] = Object.freeze([]);

export class ModelFacts {
  private readonly byProvider = new Map<string, ModelFact[]>();
  private readonly described = new Map<string, ModelDescription>(); // key: provider/model@digest

  /** The facts of one model id; `llama3.2` matches `llama3.2:latest` as Ollama resolves it. */
  get(providerId: string, model: string): ModelFact | undefined {
    const list = this.byProvider.get(providerId);
    if (!list) return undefined;
    const tagged = model.includes(':') ? model : `${model}:latest`;
    return list.find((f) => f.model === model || f.model === tagged);
  }

  installed(providerId: string): readonly ModelFact[] {
    return this.byProvider.get(providerId) ?? NONE; // one empty list, so the catalog's cache holds while Ollama is down
  }

  all(): ModelFact[] {
    return [...this.byProvider.values()].flat();
  }

  /** An answer just came from this model, so the runtime has it loaded now (the next /api/ps will say so too). */
  markLoaded(providerId: string, model: string): boolean {
    const f = this.get(providerId, model);
    const list = this.byProvider.get(providerId);
    if (!f || f.loaded || !list) return false;
    this.byProvider.set(
      providerId,
      list.map((x) => (x === f ? { ...f, loaded: true } : x)),
    );
    return true;
  }

  /** Takes over what another core learnt of one provider (settings changed, the provider did not). */
  adopt(from: ModelFacts, providerId: string): void {
    const list = from.byProvider.get(providerId);
    if (list) this.byProvider.set(providerId, list);
    for (const [key, d] of from.described) if (key.startsWith(`${providerId}/`)) this.described.set(key, d);
  }

  /** Asks the runtime again; resolves true when what it has (models, loaded, windows) changed. */
  async refresh(provider: Provider, signal?: AbortSignal): Promise<boolean> {
    if (!provider.inventory) return false;
    try {
      const installed = await provider.inventory(signal);
      const facts = await Promise.all(
        installed.map(async (m): Promise<ModelFact> => {
          const key = `${provider.id}/${m.model}@${m.digest ?? ''}`;
          let d = this.described.get(key);
          if (!d && provider.describeModel) {
            d = await provider.describeModel(m.model, signal).catch(() => ({ contextLength: null, capabilities: null }));
            if (d.contextLength !== null || d.capabilities !== null) this.described.set(key, d);
          }
          return { ...m, ...(d ?? { contextLength: null, capabilities: null }), id: `${provider.id}:${m.model}`, providerId: provider.id };
        }),
      );
      const before = this.byProvider.get(provider.id);
      this.byProvider.set(provider.id, facts);
      return before === undefined || JSON.stringify(before) !== JSON.stringify(facts);
    } catch {
      return false; // keep what we knew; the next probe tries again
    }
  }
}
