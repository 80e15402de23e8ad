// The provider list of a config, from its raw entries, the keys a host found and the environment:
// Ollama first, then each declared provider with its key, checked by the rules in config-rules.ts.
import { apiKeyVariable, builtInBaseURL, isProviderId, isProviderKind, PROVIDER_KINDS } from './rules';
import { PROVIDER_FIELDS } from './fields';
import { isRecord, isUnset, type ProblemLog } from './problem';
import { normalizeOllamaHost, OllamaHostError, type ProviderConfig } from './config';
import { isLoopbackUrl } from '../support/loopback';
import { DEFAULT_ANTHROPIC_BASE_URL, DEFAULT_OLLAMA_HOST, DEFAULT_OPENAI_BASE_URL } from '../providers/base-urls';

export type Env = Readonly<Record<string, string | undefined>>;

export interface ProviderInput {
  /** The `providers` list as written: `{id, kind, baseURL?, apiKeyEnv?, local?, models?}` each. */
  readonly providers: unknown;
  /** Where Ollama listens, when the raw config says (`host:port` or a URL, as OLLAMA_HOST). */
  readonly ollamaHost: unknown;
  /** Keys the host found itself, by provider id (SecretStorage); the environment is read after them. */
  readonly keys: Readonly<Record<string, string | undefined>>;
  readonly env: Env;
  /** `configures`: OLLAMA_HOST, OPENAI_* and ANTHROPIC_* beat the raw config and add those providers. `fills-in`: only OLLAMA_HOST, when the raw config names no host. */
  readonly environment: 'configures' | 'fills-in';
  /** `leave-out`: a provider off this machine with no key is dropped and named in missingKeys; `keep`: it stays, to fail per request. */
  readonly keyless: 'leave-out' | 'keep';
}

export interface Providers {
  readonly providers: ProviderConfig[];
  /** Providers left out because they have no key. */
  readonly missingKeys: string[];
}

interface Entry {
  readonly provider: ProviderConfig;
  /** The variable that holds its key: `apiKeyEnv`, else `<ID>_API_KEY`. */
  readonly keyVariable: string;
}

export function readProviders(input: ProviderInput, log: ProblemLog): Providers {
  const entries = providerEntries(input.providers, log);
  const declared = (id: string): Entry | undefined => entries.find((e) => e.provider.id === id);
  const keyOf = (e: Entry): string | undefined => input.keys[e.provider.id] || input.env[e.keyVariable] || undefined;
  const ollama: ProviderConfig = { id: 'ollama', kind: 'ollama', baseURL: ollamaBaseURL(input, declared('ollama')?.provider.baseURL, log) };
  let rest = entries.filter((e) => e.provider.id !== 'ollama').map((e) => withKey(e.provider, keyOf(e)));
  if (input.environment === 'configures') {
    // The ecosystem's own variables: a key or base URL in them adds the provider, and beats the file.
    rest = rest.filter((p) => p.id !== 'openai' && p.id !== 'anthropic');
    for (const [id, fallbackURL] of [
      ['openai', DEFAULT_OPENAI_BASE_URL],
      ['anthropic', DEFAULT_ANTHROPIC_BASE_URL],
    ] as const) {
      const own = declared(id);
      const key = input.env[apiKeyVariable(id)];
      const baseURLVariable = `${id.toUpperCase()}_BASE_URL`;
      if (!key && !input.env[baseURLVariable] && !own) continue;
      rest.push(withKey({ ...own?.provider, id, kind: id, baseURL: input.env[baseURLVariable] || own?.provider.baseURL || fallbackURL }, key || (own && keyOf(own))));
    }
  }
  if (input.keyless === 'keep') return { providers: [ollama, ...rest], missingKeys: [] };
  // A cloud service without a key would only fail; a server on this machine may need none.
  const needsKey = (p: ProviderConfig): boolean => !p.apiKey && !isLoopbackUrl(p.baseURL) && p.local !== true;
  return { providers: [ollama, ...rest.filter((p) => !needsKey(p))], missingKeys: rest.filter(needsKey).map((p) => p.id) };
}

function withKey(p: ProviderConfig, apiKey: string | undefined): ProviderConfig {
  const out: ProviderConfig = { id: p.id, kind: p.kind, baseURL: p.baseURL, apiKey, local: p.local };
  if (p.models !== undefined) out.models = p.models;
  return out;
}

function ollamaBaseURL(input: ProviderInput, declared: string | undefined, log: ProblemLog): string {
  const fromEnv = input.env.OLLAMA_HOST;
  const raw = input.environment === 'configures' ? [fromEnv, input.ollamaHost, declared] : [input.ollamaHost, declared, fromEnv];
  const chosen = raw.find((v) => typeof v === 'string' && v.trim() !== '');
  if (!isUnset(input.ollamaHost) && typeof input.ollamaHost !== 'string')
    log.add('ollamaHost', `must be a string such as 127.0.0.1:11434, not ${JSON.stringify(input.ollamaHost)}`, `using ${DEFAULT_OLLAMA_HOST}`);
  if (typeof chosen !== 'string') return DEFAULT_OLLAMA_HOST;
  try {
    return normalizeOllamaHost(chosen) ?? DEFAULT_OLLAMA_HOST;
  } catch (err) {
    const why = err instanceof OllamaHostError ? err.message : 'is not a host or URL (such as 127.0.0.1:11434)';
    log.add(chosen === fromEnv ? 'OLLAMA_HOST' : 'ollamaHost', `${JSON.stringify(chosen)} ${why}`, `using ${DEFAULT_OLLAMA_HOST}`);
    return DEFAULT_OLLAMA_HOST;
  }
}

function providerEntries(raw: unknown, log: ProblemLog): Entry[] {
  if (isUnset(raw)) return [];
  if (!Array.isArray(raw)) {
    log.add('providers', 'must be a list of {id, kind, baseURL, models}', 'left out');
    return [];
  }
  return raw.flatMap((item: unknown, i) => providerEntry(`providers[${i}]`, item, log) ?? []);
}

/** One entry, or undefined (with the reason logged) when it cannot be used. */
function providerEntry(at: string, p: unknown, log: ProblemLog): Entry | undefined {
  if (isRecord(p)) log.unknownFields(at, p, PROVIDER_FIELDS);
  if (!isRecord(p) || typeof p.id !== 'string' || p.id === '') {
    log.add(`${at}.id`, 'must be a non-empty string: an entry without an "id"', 'left out');
    return undefined;
  }
  const id = p.id;
  if (!isProviderId(id)) {
    log.add(`${at}.id`, `"${id}" cannot be a provider id: use letters, digits, '.', '_' or '-'`, 'left out');
    return undefined;
  }
  if (!isProviderKind(p.kind)) {
    log.add(`${at}.kind`, `"${id}" has kind ${JSON.stringify(p.kind)}; use one of ${PROVIDER_KINDS.join(', ')}`, 'left out');
    return undefined;
  }
  const baseURL = (typeof p.baseURL === 'string' && p.baseURL) || builtInBaseURL(id, p.kind) || '';
  if (!baseURL || !URL.canParse(baseURL)) {
    log.add(`${at}.baseURL`, `"${id}" needs a "baseURL" such as http://127.0.0.1:1234/v1${baseURL ? `, not ${JSON.stringify(baseURL)}` : ''}`, 'left out');
    return undefined;
  }
  let keyVariable = apiKeyVariable(id);
  if (!isUnset(p.apiKeyEnv)) {
    if (typeof p.apiKeyEnv === 'string' && p.apiKeyEnv !== '') keyVariable = p.apiKeyEnv;
    else log.add(`${at}.apiKeyEnv`, `must name an environment variable, not ${JSON.stringify(p.apiKeyEnv)}`, `using ${keyVariable}`);
  }
  let local: boolean | undefined;
  if (typeof p.local === 'boolean') local = p.local;
  else if (!isUnset(p.local)) log.add(`${at}.local`, `must be true or false, not ${JSON.stringify(p.local)}`, 'left undeclared');
  const provider: ProviderConfig = { id, kind: p.kind, baseURL, local };
  if (!isUnset(p.models)) provider.models = log.strings(`${at}.models`, p.models);
  return { provider, keyVariable };
}
