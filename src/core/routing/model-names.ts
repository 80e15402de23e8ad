// A model name as a client sends it, to the Oblix id routing serves, decided here once: the user's
// aliases, bare names one known model answers to, explicit `<provider>:<model>` ids.
//
// Ollama's `name:tag` and Oblix's `<provider>:<model>` look alike; the rule: a prefix that is a
// configured provider id is an Oblix id (`openai:gpt-4o-mini`, `ollama:llama3.2`), anything else is
// an Ollama name (`llama3.2:latest` → `ollama:llama3.2:latest`). An Ollama model whose name equals a
// provider id is reached as `ollama:<name>`.
import { OblixError } from '../errors/oblix-error';
import type { Provider } from '../providers/provider';
import type { Catalog } from './catalog';
import { resolveModel } from './model-alias';

export interface NameSources {
  /** Client model names mapped to Oblix ids (config `modelAliases`). */
  readonly aliases: Readonly<Record<string, string>>;
  readonly providers: ReadonlyMap<string, Provider>;
  readonly catalog: Pick<Catalog, 'entry' | 'matchBare'>;
  /** Whether the local runtime told about this id (it is installed). */
  readonly known: (id: string) => boolean;
  /** The ids a client may name now (`auto` and every model of a provider not known to be down). */
  readonly usable: () => string[];
}

export class ModelNames {
  constructor(private readonly s: NameSources) {}

  /** Through the user's aliases, then a dialect's own defaults (Claude Code's names go to auto). */
  aliased(name: string, defaults: Readonly<Record<string, string>> = {}): string {
    return resolveModel(name, this.s.aliases, defaults);
  }

  /**
   * A client's name as the id to route: aliases, `auto`, an explicit id, a bare name, else an Ollama name.
   * `ollamaClient`: the name came through Ollama's API, whose /api/tags lists Ollama's models by their bare
   * names, so a bare name that Ollama and another provider share means Ollama's.
   */
  fromClient(name: string, ollamaClient = false): string {
    const model = this.aliased(name);
    if (model === 'auto' || model === 'auto:latest') return 'auto';
    const at = model.indexOf(':');
    if (at > 0 && this.s.providers.has(model.slice(0, at))) return model;
    // A bare name one known model answers to (any provider, catalog spelling).
    const matches = this.s.catalog.matchBare(model);
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) {
      const own = ollamaClient ? matches.filter((id) => this.s.providers.get(id.slice(0, id.indexOf(':')))?.kind === 'ollama') : [];
      // Several: explicit() refuses it inside routing (400), so the refusal is logged and recorded like any other.
      return own.length === 1 ? own[0]! : model;
    }
    const ollama = [...this.s.providers.values()].find((p) => p.kind === 'ollama');
    if (!ollama) return model;
    const id = `${ollama.id}:${model}`;
    // Mapped when that model is installed, or when Ollama has not told (its own 404 is then the clearest answer).
    const known = this.s.usable().filter((m) => m.startsWith(`${ollama.id}:`));
    return this.s.known(id) || known.length === 0 || known.includes(id) ? id : model;
  }

  /** The full id of a model named explicitly: as given when its provider knows it, else a bare name that one known model matches. */
  explicit(id: string): string {
    if (this.s.catalog.entry(id)) return id;
    const matches = this.s.catalog.matchBare(id);
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) {
      throw OblixError.of('model_ambiguous', `The model '${id}' is ambiguous: it could be ${matches.join(', ')}. Name one of them with its provider prefix.`, { param: 'model' });
    }
    const known = [...this.s.providers.keys()].join(', ');
    throw OblixError.of(
      'model_not_found',
      `The model '${id}' does not exist. Use 'auto' or '<provider>:<model>' with a configured provider (${known}); GET /v1/models lists them.`,
      { param: 'model' },
    );
  }

  /** The Oblix id as an Ollama client shows it: Ollama's models by their own name, others by id. */
  ollamaName(id: string): string {
    const at = id.indexOf(':');
    const provider = at > 0 ? this.s.providers.get(id.slice(0, at)) : undefined;
    if (provider?.kind !== 'ollama') return id;
    const name = id.slice(at + 1);
    const tagged = name.includes(':') ? name : `${name}:latest`;
    // A name that looks like `<provider>:<tag>` would read back as that provider's model: keep the prefix.
    return this.s.providers.has(name.slice(0, name.indexOf(':'))) ? id : tagged;
  }
}
