// The options of `new OblixClient(...)`: the config file's fields, typed, plus the few that only a
// program has. Self-contained on purpose: the package's .d.ts is made from this (scripts/sdk-types.js);
// client-config.ts checks that these unions are the core's own.

export type RoutingMode = 'auto' | 'local-only' | 'cloud-only';
export type Preference = 'local' | 'balanced' | 'quality';
export type Tier = 'small' | 'strong';
export type SecretsPolicy = 'block' | 'allow';

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

export class OblixOptionsError extends Error {}
