// Model names from clients that know Ollama (its API, Continue, JetBrains, Zed) as Oblix ids.
// `name:tag` and `<provider>:<model>` look alike; the rule: a prefix that is a configured provider
// id is an Oblix id (`openai:gpt-4o-mini`, `ollama:llama3.2`), anything else is an Ollama name
// (`llama3.2:latest` → `ollama:llama3.2:latest`). An Ollama model whose name equals a provider id
// is reached as `ollama:<name>`.
import type { Oblix } from '../oblix';
import { resolveModel } from './model-alias';

export function resolveOllamaStyle(oblix: Oblix, name: string): string {
  const model = resolveModel(name, oblix.modelAliases);
  if (model === 'auto' || model === 'auto:latest') return 'auto';
  const at = model.indexOf(':');
  if (at > 0 && oblix.providers.has(model.slice(0, at))) return model;
  // A bare name one known model answers to (any provider, catalog spelling); several: the core refuses it (400).
  const matches = oblix.bareMatches(model);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) return model;
  const ollama = [...oblix.providers.values()].find((p) => p.kind === 'ollama');
  if (!ollama) return model;
  const id = `${ollama.id}:${model}`;
  // Mapped when that model is installed, or when Ollama has not told (its own 404 is then the clearest answer).
  const known = oblix.models().filter((m) => m.startsWith(`${ollama.id}:`));
  return oblix.fact(id) || known.length === 0 || known.includes(id) ? id : model;
}

/** The Oblix id as an Ollama client shows it: Ollama's models by their own name, others by id. */
export function ollamaStyleName(oblix: Oblix, id: string): string {
  const at = id.indexOf(':');
  const provider = at > 0 ? oblix.providers.get(id.slice(0, at)) : undefined;
  if (provider?.kind !== 'ollama') return id;
  const name = id.slice(at + 1);
  const tagged = name.includes(':') ? name : `${name}:latest`;
  // A name that looks like `<provider>:<tag>` would read back as that provider's model: keep the prefix.
  return oblix.providers.has(name.slice(0, name.indexOf(':'))) ? id : tagged;
}
