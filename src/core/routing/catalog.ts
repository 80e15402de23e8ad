// The models `auto` may choose from, in order of preference: the local models named, then whatever
// the local runtimes have installed that was not named (loaded ones first), then the other configured
// models. Naming local models orders them first; it does not hide the rest of what is installed
// (issue 30: an example config made installed models vanish). Each entry carries its locality as
// declared (locality.ts), per model, not per provider.
import type { ExternalModel, ExternalProvider } from '../providers/external';
import type { Provider } from '../providers/provider';
import type { Localities, LocalitySource } from './locality';
import type { ModelFact, ModelFacts } from './model-facts';
import { parseModelId, type ModelRef } from './model-id';

export interface ModelEntry extends ModelRef {
  local: boolean;
  localitySource: LocalitySource;
}

/** Ids whose entries are kept: far more than any configuration names, few enough to stay small. */
const ENTRY_MEMO_MAX = 4096;

export class Catalog {
  /** Entries by id: the providers and localities are fixed at construction, so an id's entry never changes. */
  private readonly memo = new Map<string, ModelEntry | null>();
  /** The named local models (first), and the other configured models (after what is installed). */
  private readonly named: ModelEntry[];
  private readonly others: ModelEntry[];
  private readonly inventoried: Provider[];
  /** The last list built, with the inventories it was built from: `entries` is read on every request. */
  private cache: { from: (readonly ModelFact[])[]; entries: readonly ModelEntry[] } | null = null;
  /** The last list with the external providers' models, and what it was built from. */
  private withExternal: { base: readonly ModelEntry[]; lists: (readonly ExternalModel[])[]; entries: readonly ModelEntry[] } | null = null;

  constructor(
    private readonly providers: ReadonlyMap<string, Provider>,
    localIds: readonly string[],
    /** Cloud models, then models a provider lists for itself (their locality is the provider's). */
    otherIds: readonly string[],
    private readonly facts: ModelFacts,
    private readonly localities: Localities,
    /** Providers the host registered (the editor's models): cloud, after everything configured. */
    private readonly external: readonly ExternalProvider[] = [],
  ) {
    const ids = [...new Set([...localIds, ...otherIds])];
    const configured = ids.flatMap((id) => this.entry(id) ?? []);
    const local = new Set(localIds);
    this.named = configured.filter((e) => local.has(e.id));
    this.others = configured.filter((e) => !local.has(e.id));
    this.inventoried = [...providers.values()].filter((p) => p.inventory && localities.provider(p.id).local);
  }

  get entries(): readonly ModelEntry[] {
    const base = this.base();
    if (this.external.length === 0) return base;
    const lists = this.external.map((p) => p.models());
    const w = this.withExternal;
    if (w && w.base === base && w.lists.every((l, i) => l === lists[i])) return w.entries;
    const more = this.external.flatMap((p, i) => lists[i]!.flatMap((m) => this.entry(`${p.id}:${m.model}`) ?? []));
    this.withExternal = { base, lists, entries: [...base, ...more] };
    return this.withExternal.entries;
  }

  private base(): readonly ModelEntry[] {
    const from = this.inventoried.map((p) => this.facts.installed(p.id));
    if (this.cache && this.cache.from.every((list, i) => list === from[i])) return this.cache.entries;
    const listed = new Set([...this.named, ...this.others].map((e) => this.sameModelKey(e)));
    const discovered = from
      .flatMap((list) => [...list].sort((a, b) => Number(b.loaded) - Number(a.loaded)))
      .filter((f) => !listed.has(this.sameModelKey(f)))
      .flatMap((f) => this.entry(f.id) ?? []);
    this.cache = { from, entries: [...this.named, ...discovered, ...this.others] };
    return this.cache.entries;
  }

  /** One key per model: Ollama's `llama3.2` is its `llama3.2:latest`, so a named model is not listed twice. */
  private sameModelKey(m: ModelRef): string {
    const ollama = this.providers.get(m.providerId)?.kind === 'ollama';
    return ollama && !m.model.includes(':') ? `${m.id}:latest` : m.id;
  }

  /** An entry for any id whose provider is configured, listed or not (explicit ids may name any model). */
  entry(id: string): ModelEntry | null {
    // Read several times per request (plan, ledger, headers): parsing the id and its locality each time showed as 3 % of the profile.
    const known = this.memo.get(id);
    if (known !== undefined) return known;
    const e = this.build(id);
    // Client-chosen names reach here too: bounded, so that made-up ids cannot grow it without end.
    if (this.memo.size >= ENTRY_MEMO_MAX) this.memo.clear();
    this.memo.set(id, e);
    return e;
  }

  private build(id: string): ModelEntry | null {
    const ref = parseModelId(id);
    const provider = ref && this.providers.get(ref.providerId);
    if (!ref || !provider) return null;
    // The editor's models are cloud whatever a list says: they run on the vendor's servers.
    const l = (provider as { external?: boolean }).external === true ? ({ local: false, source: 'kind' } as const) : this.localities.model(id);
    return Object.freeze({ ...ref, local: l.local, localitySource: l.source });
  }

  /**
   * Ids of known models named `name` without their provider prefix (clients such as qwen-code's
   * sub-agents send `gpt-4o-mini`): the catalog's entries and every model a runtime reported.
   * Ollama's `llama3.2` also matches `llama3.2:latest`.
   */
  matchBare(name: string): string[] {
    const ollama = (providerId: string): boolean => this.providers.get(providerId)?.kind === 'ollama';
    const tag = (m: string): string => (m.includes(':') ? m : `${m}:latest`);
    const known = [...this.entries, ...[...this.providers.keys()].flatMap((p) => this.facts.installed(p))];
    const byKey = new Map<string, string>(); // one id per model, the catalog's spelling first
    for (const m of known) {
      const same = m.model === name || (ollama(m.providerId) && tag(m.model) === tag(name));
      const key = `${m.providerId}:${ollama(m.providerId) ? tag(m.model) : m.model}`;
      if (same && !byKey.has(key)) byKey.set(key, m.id);
    }
    return [...byKey.values()];
  }
}
