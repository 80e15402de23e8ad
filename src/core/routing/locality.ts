// Where a prompt may go: each model is local or cloud as the user declared it (docs/routing.md, "Where a
// prompt may go"; docs/architecture.md, The rules). A declaration always wins over a guess; the loopback guess only decides for an
// OpenAI-compatible provider nobody declared, since a loopback URL may be a proxy to the cloud.
import type { OblixConfig, ProviderConfig } from '../config/config';
import { isLoopbackUrl } from '../support/loopback';
import { parseModelId } from './model-id';

export type LocalitySource = 'declared-local-model' | 'declared-cloud-model' | 'provider-flag' | 'kind' | 'loopback-guess';

export interface Locality {
  local: boolean;
  /** What decided it, shown in /health so a person can see why a model counts as local or cloud. */
  source: LocalitySource;
}

/** A provider's own locality: its `local` flag, else its kind, else (OpenAI-compatible only) its URL. */
export function providerLocality(c: Pick<ProviderConfig, 'kind' | 'baseURL' | 'local'>): Locality {
  if (c.local !== undefined) return { local: c.local, source: 'provider-flag' };
  if (c.kind === 'ollama') return { local: true, source: 'kind' }; // your own runtime, wherever OLLAMA_HOST points
  if (c.kind === 'openai' || c.kind === 'anthropic') return { local: false, source: 'kind' };
  return { local: isLoopbackUrl(c.baseURL), source: 'loopback-guess' };
}

/** Ollama resolves `llama3.2` to `llama3.2:latest`; a declaration of either names the same model. */
function modelKey(providerKind: ProviderConfig['kind'] | undefined, id: string): string {
  const ref = parseModelId(id);
  if (!ref || providerKind !== 'ollama' || ref.model.includes(':')) return id;
  return `${id}:latest`;
}

export class Localities {
  private readonly kinds: Map<string, ProviderConfig['kind']>;
  private readonly providers: Map<string, Locality>;
  private readonly declaredLocal: Set<string>;
  private readonly declaredCloud: Set<string>;

  constructor(config: Pick<OblixConfig, 'providers' | 'localModels' | 'cloudModels'>) {
    this.kinds = new Map(config.providers.map((p) => [p.id, p.kind]));
    this.providers = new Map(config.providers.map((p) => [p.id, providerLocality(p)]));
    const key = (id: string): string => modelKey(this.kinds.get(parseModelId(id)?.providerId ?? ''), id);
    this.declaredLocal = new Set(config.localModels.map(key));
    this.declaredCloud = new Set(config.cloudModels.map(key));
  }

  /** A provider's locality (for models nobody listed); cloud when the provider is unknown. */
  provider(providerId: string): Locality {
    return this.providers.get(providerId) ?? { local: false, source: 'kind' };
  }

  /** One model's locality. Listed in both lists, it is cloud: a prompt must never leave by mistake. */
  model(id: string): Locality {
    const ref = parseModelId(id);
    const key = modelKey(this.kinds.get(ref?.providerId ?? ''), id);
    if (this.declaredCloud.has(key)) return { local: false, source: 'declared-cloud-model' };
    if (this.declaredLocal.has(key)) return { local: true, source: 'declared-local-model' };
    return this.provider(ref?.providerId ?? '');
  }
}
