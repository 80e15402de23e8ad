// The options of `new OblixClient(...)`: the config file's fields (normalised by the core's one
// normaliser, with the CLI's rules), typed, plus the few that only a program has.
import type { OblixConfig, RoutingMode, SecretsPolicy } from '../core/config/config';
import { normaliseConfig, type HostRules } from '../core/config/normalise';
import type { Preference, Tier } from '../core/routing/tiers';

export interface ProviderOptions {
  id: string;
  kind: 'openai' | 'anthropic' | 'openai-compatible' | 'ollama';
  baseURL?: string;
  /** The environment variable holding its key (never the key itself). */
  apiKeyEnv?: string;
  local?: boolean;
  models?: string[];
}

/** The config file's fields (README, "Configuration"). */
export interface ConfigOptions {
  host?: string;
  port?: number;
  mode?: RoutingMode;
  prefer?: Preference;
  ollamaHost?: string;
  providers?: ProviderOptions[];
  localModels?: string[];
  cloudModels?: string[];
  firstTokenTimeoutMs?: number;
  idleTimeoutMs?: number;
  completionFirstTokenTimeoutMs?: number;
  thresholds?: { maxCpuLoadPct?: number; memoryHeadroom?: number; lowBatteryPct?: number };
  allowedOrigins?: string[];
  modelAliases?: Record<string, string>;
  roles?: { chat?: string[]; completion?: string[]; embedding?: string[]; embeddingFailover?: Record<string, string[]> };
  privacy?: { secrets?: SecretsPolicy };
  modelTiers?: Record<string, Tier>;
  /** Where sessions (and the ledger) are kept; default OBLIX_DATA_DIR, else ~/.oblix. */
  dataDir?: string;
}

export interface OblixClientOptions extends ConfigOptions {
  /**
   * `in-process` (the default): route in this process. `server`: use the Oblix server at
   * host:port, or fail. `auto`: that server when one answers there, else in-process.
   */
  connect?: 'in-process' | 'server' | 'auto';
  /** The environment to read keys and OLLAMA_HOST from; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}

const SDK_ONLY = ['connect', 'env'] as const;

/** The CLI's rules: the environment configures providers, keyless ones are kept, a file names exact ids. */
const RULES: HostRules = { environment: 'configures', keyless: 'keep', defaultCloudModels: true, bareRoleIds: 'refused' };

export class OblixOptionsError extends Error {}

/** The options as an OblixConfig, or an OblixOptionsError naming every wrong value. */
export function configOf(options: OblixClientOptions, env: Readonly<Record<string, string | undefined>>): OblixConfig {
  const raw: Record<string, unknown> = { ...options };
  for (const k of SDK_ONLY) delete raw[k];
  const { config, problems } = normaliseConfig({ raw, env, rules: RULES });
  if (problems.length) throw new OblixOptionsError(`OblixClient options: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`);
  return config;
}
