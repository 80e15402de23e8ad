// `oblix.*` setting values → the core's OblixConfig, with no VS Code import so it can be tested.
// Settings are hand-edited JSON: a wrong value is left out or replaced by its default, and named
// in `problems` so the user reads what to fix instead of an extension stuck on "starting…".
import { builtInBaseURL, configProblems, isProviderId, qualifyModelId } from '../core/config-rules';
import type { ProviderKind } from '../core/providers/provider';
import type { ModelRoles } from '../core/routing/roles-config';
import { isLoopbackUrl } from '../core/loopback';
import { DEFAULT_COMPLETION_FIRST_TOKEN_TIMEOUT_MS, defaultConfig, DEFAULT_THRESHOLDS, normalizeOllamaHost, ollamaContextLength, ROUTING_MODES, type OblixConfig, type ProviderConfig, type RoutingMode } from '../core/config';

export interface CloudProviderSetting {
  id: string;
  kind: Exclude<ProviderKind, 'ollama'>;
  baseURL?: string;
  models?: string[];
  /** Whether its models run on this machine. Undeclared: `openai`/`anthropic` are cloud, an OpenAI-compatible one is local when baseURL is loopback. */
  local?: boolean;
}

export interface ExtensionSettings {
  serverEnabled: boolean;
  requireApiKey: boolean;
  defaultModel: string;
  config: OblixConfig;
  /** Cloud providers left out because they have no key: the status bar says so. */
  missingKeys: string[];
  /** Setting values that were wrong, in words, each naming its setting. */
  problems: string[];
}

/** Reads one `oblix.*` setting (the part after `oblix.`); undefined when unset. */
export type SettingReader = (key: string) => unknown;

export interface SettingKeys {
  get(providerId: string): Promise<string | undefined>;
  serverToken(): Promise<string>;
}

const CLOUD_KINDS = new Set(['openai', 'anthropic', 'openai-compatible']);

export async function parseSettings(read: SettingReader, keys: SettingKeys, env: NodeJS.ProcessEnv = process.env): Promise<ExtensionSettings> {
  const base = defaultConfig();
  const problems: string[] = [];
  const str = (key: string, fallback: string): string => {
    const v = read(key);
    if (v === undefined || v === null || v === '') return fallback;
    if (typeof v === 'string') return v;
    problems.push(`oblix.${key} must be a string; using ${JSON.stringify(fallback)}.`);
    return fallback;
  };
  const num = (key: string, fallback: number, min: number, max: number): number => {
    const v = read(key);
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max) return v;
    problems.push(`oblix.${key} must be a number from ${min} to ${max}, not ${JSON.stringify(v)}; using ${fallback}.`);
    return fallback;
  };
  const bool = (key: string, fallback: boolean): boolean => {
    const v = read(key);
    return typeof v === 'boolean' ? v : fallback;
  };
  const strings = (key: string): string[] => {
    const v = read(key);
    if (v === undefined || v === null) return [];
    const list = Array.isArray(v) ? v : [v];
    const good = list.filter((x): x is string => typeof x === 'string' && x.trim() !== '');
    if (good.length !== list.length) problems.push(`oblix.${key} must be a list of strings; ${list.length - good.length} other value(s) left out.`);
    return good;
  };

  const mode = str('routing.mode', 'auto');
  if (!(ROUTING_MODES as string[]).includes(mode)) problems.push(`oblix.routing.mode must be one of ${ROUTING_MODES.join(', ')}, not ${JSON.stringify(mode)}; using auto.`);

  const defaultOllama = base.providers[0]!.baseURL;
  const rawHost = str('ollama.host', '') || env.OLLAMA_HOST;
  let ollamaHost = defaultOllama;
  try {
    ollamaHost = normalizeOllamaHost(rawHost) ?? defaultOllama;
  } catch {
    problems.push(`oblix.ollama.host ${JSON.stringify(rawHost)} is not a host or URL (such as 127.0.0.1:11434); using ${defaultOllama}.`);
  }

  const providers: ProviderConfig[] = [{ id: 'ollama', kind: 'ollama', baseURL: ollamaHost }];
  const missingKeys: string[] = [];
  const listed = read('cloud.providers');
  for (const p of Array.isArray(listed) ? (listed as unknown[]) : []) {
    const entry = cloudProvider(p, problems);
    if (!entry) continue;
    const apiKey = await keys.get(entry.id);
    // A cloud service without a key would only fail; a server on this machine may need none.
    if (!apiKey && !isLoopbackUrl(entry.baseURL) && entry.local !== true) {
      missingKeys.push(entry.id);
      continue;
    }
    // Only a declared `local` is passed on: an undeclared provider is local or cloud by the core's one rule (locality.ts).
    // Its models are local or cloud as the provider is, so they are not declared cloud models.
    providers.push({ id: entry.id, kind: entry.kind, baseURL: entry.baseURL, apiKey, local: entry.local, models: entry.models });
  }
  if (listed !== undefined && listed !== null && !Array.isArray(listed)) problems.push('oblix.cloud.providers must be a list of {id, kind, baseURL, models}.');

  const token = bool('server.requireApiKey', false) ? await keys.serverToken() : undefined;
  // Read in the order the problems were always listed in.
  const serverEnabled = bool('server.enabled', true);
  const defaultModel = str('defaultModel', 'auto');
  const config: OblixConfig = {
    ...base,
    host: str('server.host', base.host),
    port: num('server.port', base.port, 0, 65535),
    mode: (ROUTING_MODES as string[]).includes(mode) ? (mode as RoutingMode) : 'auto',
    providers,
    localModels: strings('localModels').map((id) => qualifyModelId(id, providers)),
    cloudModels: [],
    firstTokenTimeoutMs: num('routing.firstTokenTimeoutMs', base.firstTokenTimeoutMs, 1000, 3_600_000),
    idleTimeoutMs: num('routing.idleTimeoutMs', base.idleTimeoutMs, 0, 3_600_000),
    thresholds: {
      maxCpuLoadPct: num('routing.maxCpuLoadPct', DEFAULT_THRESHOLDS.maxCpuLoadPct, 0, 101),
      memoryHeadroom: num('routing.memoryHeadroom', DEFAULT_THRESHOLDS.memoryHeadroom, 0, 100),
      lowBatteryPct: num('routing.lowBatteryPct', DEFAULT_THRESHOLDS.lowBatteryPct, 0, 100),
    },
    apiKey: token,
    allowedOrigins: strings('server.allowedOrigins'),
    ollamaContextLength: ollamaContextLength(env) ?? base.ollamaContextLength,
    roles: roleSettings(strings, (id) => qualifyModelId(id, providers)),
    completionFirstTokenTimeoutMs: num('routing.completionFirstTokenTimeoutMs', DEFAULT_COMPLETION_FIRST_TOKEN_TIMEOUT_MS, 100, 3_600_000),
  };
  // The same model-id rules as the CLI's; here they are named, not fatal, like every other setting.
  problems.push(...configProblems(config));
  return { serverEnabled, requireApiKey: token !== undefined, defaultModel, missingKeys, problems, config };
}

/** One `oblix.cloud.providers` entry, or null (with the reason in `problems`) when it cannot be used. */
function cloudProvider(p: unknown, problems: string[]): (Required<Omit<CloudProviderSetting, 'local'>> & { local?: boolean }) | null {
  const at = 'oblix.cloud.providers';
  if (typeof p !== 'object' || p === null || typeof (p as { id?: unknown }).id !== 'string' || (p as { id: string }).id === '') {
    problems.push(`${at}: an entry without an "id" was left out.`);
    return null;
  }
  const e = p as Partial<Record<keyof CloudProviderSetting, unknown>> & { id: string };
  // The CLI's rule for ids (config-rules.ts), plus: Ollama's own id is not a cloud provider's.
  if (e.id === 'ollama' || !isProviderId(e.id)) {
    problems.push(`${at}: "${e.id}" cannot be a provider id (it is Ollama's, or is not letters, digits, '.', '_' or '-'); left out.`);
    return null;
  }
  if (typeof e.kind !== 'string' || !CLOUD_KINDS.has(e.kind)) {
    problems.push(`${at}: "${e.id}" has kind ${JSON.stringify(e.kind)}; use "openai", "anthropic" or "openai-compatible". Left out.`);
    return null;
  }
  const baseURL = (typeof e.baseURL === 'string' && e.baseURL) || builtInBaseURL(e.id, e.kind) || '';
  if (!baseURL || !URL.canParse(baseURL)) {
    problems.push(`${at}: "${e.id}" needs a "baseURL" such as http://127.0.0.1:1234/v1${baseURL ? `, not ${JSON.stringify(baseURL)}` : ''}. Left out.`);
    return null;
  }
  const models = Array.isArray(e.models) ? e.models.filter((m): m is string => typeof m === 'string' && m !== '') : [];
  return { id: e.id, kind: e.kind as CloudProviderSetting['kind'], baseURL, models, local: typeof e.local === 'boolean' ? e.local : undefined };
}

/** `oblix.roles.chat|completion|embedding`: model ids per role (a bare name is an Ollama model); empty lists leave the role to capabilities. */
function roleSettings(strings: (key: string) => string[], id: (name: string) => string): ModelRoles {
  const out: ModelRoles = {};
  for (const role of ['chat', 'completion', 'embedding'] as const) {
    const ids = strings(`roles.${role}`).map(id);
    if (ids.length) out[role] = ids;
  }
  return out;
}
