// The fields each object of a config may hold: one list per object (a config file's top level, a
// provider entry, `thresholds`, `roles`). The normaliser names any other field as unknown, with the
// closest of these ("did you mean "mode"?"): a typo never passes silently.
// TO ADD A FIELD: add its name to its object's list here, one line (one name a line, so that fields
// added on two branches merge), then read it in config-normalise.ts. RawConfig's type follows from
// CONFIG_FIELDS: a field cannot be read without being known, nor known without a place in RawConfig.

/** A config file's top level, and what the extension reads its `oblix.*` settings into. */
export const CONFIG_FIELDS = [
  'host',
  'port',
  'mode',
  // where Ollama listens (`host:port` or a URL, as OLLAMA_HOST)
  'ollamaHost',
  'providers',
  'localModels',
  'cloudModels',
  'firstTokenTimeoutMs',
  'idleTimeoutMs',
  'completionFirstTokenTimeoutMs',
  'thresholds',
  'allowedOrigins',
  'modelAliases',
  'roles',
  // where prompts may go: `{"secrets": "block" | "allow"}`
  'privacy',
  'prefer',
  'modelTiers',
  // USD per million tokens by model id: `{"openai:gpt-4o": {"input": 2.5, "output": 10}}`
  'prices',
  // cloud spend limits: `{"dailyUSD": 5, "monthlyUSD": 50}`
  'budget',
  // load the local chat (and autocomplete) model at start (`oblix serve --prewarm`)
  'prewarm',
  // Ollama's keep_alive on every request: "30m", "1h", -1
  'keepAlive',
  // where `oblix serve`, `oblix chat` and the SDK keep sessions and the ledger (default ~/.oblix)
  'dataDir',
] as const;

/** One entry of `providers` (in VS Code, of `oblix.cloud.providers`). */
export const PROVIDER_FIELDS = ['id', 'kind', 'baseURL', 'apiKeyEnv', 'local', 'models'] as const;

/** `thresholds`: when the machine counts as too busy for a local model. */
export const THRESHOLD_FIELDS = ['maxCpuLoadPct', 'memoryHeadroom', 'lowBatteryPct'] as const;

/** `roles`: which models serve chat, completion and embedding. */
export const ROLE_FIELDS = ['chat', 'completion', 'embedding', 'embeddingFailover'] as const;

/** `privacy`: where prompts may go. */
export const PRIVACY_FIELDS = ['secrets'] as const;

/** One entry of `prices`. */
export const PRICE_FIELDS = ['input', 'output'] as const;

/** `budget`: cloud spend limits. */
export const BUDGET_FIELDS = ['dailyUSD', 'monthlyUSD'] as const;

export type ConfigField = (typeof CONFIG_FIELDS)[number];

/** What a config file holds, or what the settings say, by the core's field names; every value unchecked. */
export type RawConfig = { readonly [K in ConfigField]?: unknown };
