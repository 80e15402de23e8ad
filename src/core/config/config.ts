// Everything the core needs to run, with the defaults docs/configuration.md lists. Both hosts build it with
// config-normalise.ts: the CLI from flags, a file and the environment; the extension from settings and SecretStorage.
import { DEFAULT_OLLAMA_HOST } from '../providers/base-urls';
import type { ProviderKind } from '../providers/provider';
import { OLLAMA_DEFAULT_CONTEXT } from '../routing/context-window';
import type { ModelRoles } from '../routing/roles-config';
import { DEFAULT_PREFERENCE, type Preference, type Tier } from '../routing/tiers';
import type { BudgetLimits } from '../ledger/budget';
import type { Price } from '../ledger/prices';

export type RoutingMode = 'auto' | 'local-only' | 'cloud-only';
export const ROUTING_MODES: readonly RoutingMode[] = ['auto', 'local-only', 'cloud-only'];

/** When the machine counts as too busy for a local model (auto mode sends to the cloud first). */
export interface RoutingThresholds {
  /** Sustained CPU load, percent, above which local generation would crawl. */
  maxCpuLoadPct: number;
  /** A model that is not loaded needs its size times this in free memory. */
  memoryHeadroom: number;
  /** On battery and not charging, below this percent. */
  lowBatteryPct: number;
}

export const DEFAULT_THRESHOLDS: RoutingThresholds = { maxCpuLoadPct: 90, memoryHeadroom: 1.2, lowBatteryPct: 20 };

export interface ProviderConfig {
  /** The prefix of model ids: `ollama`, `openai`, `anthropic`, `lmstudio`... */
  id: string;
  kind: ProviderKind;
  baseURL: string;
  apiKey?: string;
  /**
   * Whether its models run on this machine, as the user declared it. Undeclared: Ollama is local,
   * `openai` and `anthropic` are cloud, an OpenAI-compatible one is local when baseURL is loopback.
   */
  local?: boolean;
  /** Models `auto` may use from this provider, in order; they are local or cloud as the provider is. */
  models?: string[];
}

export interface OblixConfig {
  host: string;
  port: number;
  mode: RoutingMode;
  providers: ProviderConfig[];
  /**
   * Model ids (`<provider>:<model>`) in order of preference, each a declaration of where it runs
   * (it beats the provider's locality). Empty localModels: discovered from Ollama.
   */
  localModels: string[];
  cloudModels: string[];
  firstTokenTimeoutMs: number;
  /** Longest silence between two events of an answer already under way; 0 turns it off. */
  idleTimeoutMs: number;
  thresholds: RoutingThresholds;
  /** The context window Ollama gives a model whose Modelfile sets none: OLLAMA_CONTEXT_LENGTH, or Ollama's default. */
  ollamaContextLength: number;
  /** When set, every request must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Browser origins allowed besides VS Code's own webviews. */
  allowedOrigins: string[];
  maxBodyBytes: number;
  /**
   * Model names clients send that are not Oblix ids, mapped to one (`{"claude-*": "auto"}`); `*` is a
   * glob, the first matching key wins. See routing/model-alias.ts for the built-in defaults.
   */
  modelAliases?: Record<string, string>;
  /** Which models serve chat, completion and embedding (routing/model-roles.ts). */
  roles?: ModelRoles;
  /** First-token timeout of text completions (autocomplete): a slow model gives way fast. */
  completionFirstTokenTimeoutMs?: number;
  /** Where prompts may go: `secrets` `block` keeps a prompt that carries a credential off cloud models. */
  privacy: PrivacyConfig;
  /** Which tier of model `auto` tries first for each kind of request (routing/tiers.ts); `local` is the locality-first order of before. */
  prefer: Preference;
  /** Models declared `small` or `strong`; the rest are small when local, strong when cloud. */
  modelTiers?: Record<string, Tier>;
  /** Prices that override or add to the built-in table (ledger/prices.ts), by model id or bare name. */
  prices?: Record<string, Price>;
  /** Cloud spend limits, USD; at 100 % cloud models stop answering. */
  budget?: BudgetLimits;
  /** Load the local model `auto` would pick for chat, and the autocomplete model, at start (routing/prewarm.ts). */
  prewarm: boolean;
  /** Ollama's `keep_alive` on every request that sets none; undefined: not sent (Ollama's own, 5 minutes). */
  keepAlive?: string | number;
  /** Where the CLI and the SDK keep sessions and the ledger, as given; unset: OBLIX_DATA_DIR or ~/.oblix (config/data-dir.ts). */
  dataDir?: string;
}

export interface PrivacyConfig {
  secrets: SecretsPolicy;
}

/** `block`: a credential keeps the prompt on this machine (the default); `allow`: it may go to the cloud. */
export type SecretsPolicy = 'block' | 'allow';
export const SECRETS_POLICIES: readonly SecretsPolicy[] = ['block', 'allow'];

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 62549;
/** Long enough for a cold local model to load before its first token. */
export const DEFAULT_FIRST_TOKEN_TIMEOUT_MS = 60_000;
/** Mid-answer silence that means a stalled upstream: generous for a slow local model on a busy CPU. */
export const DEFAULT_COMPLETION_FIRST_TOKEN_TIMEOUT_MS = 5_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
export const DEFAULT_OPENAI_MODEL = 'openai:gpt-4o-mini';
export const DEFAULT_ANTHROPIC_MODEL = 'anthropic:claude-sonnet-5';

export function defaultConfig(): OblixConfig {
  return {
    host: DEFAULT_HOST,
    port: DEFAULT_PORT,
    mode: 'auto',
    providers: [{ id: 'ollama', kind: 'ollama', baseURL: DEFAULT_OLLAMA_HOST }],
    localModels: [],
    cloudModels: [],
    firstTokenTimeoutMs: DEFAULT_FIRST_TOKEN_TIMEOUT_MS,
    idleTimeoutMs: DEFAULT_IDLE_TIMEOUT_MS,
    thresholds: { ...DEFAULT_THRESHOLDS },
    ollamaContextLength: OLLAMA_DEFAULT_CONTEXT,
    allowedOrigins: [],
    maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
    privacy: { secrets: 'block' },
    prefer: DEFAULT_PREFERENCE,
    prewarm: false,
  };
}

/** Why an OLLAMA_HOST cannot be used, written to follow its value. */
export class OllamaHostError extends Error {}

/** OLLAMA_HOST may be `0.0.0.0`, `host:port` or a URL, as Ollama itself accepts; only http and https speak its API. */
export function normalizeOllamaHost(raw: string | undefined): string | undefined {
  if (!raw || raw.trim() === '') return undefined;
  let v = raw.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(v)?.[1];
  if (scheme !== undefined && !/^https?$/i.test(scheme))
    throw new OllamaHostError(`uses ${scheme}://, but Ollama answers over http:// or https:// (write host:port, such as 127.0.0.1:11434, or http://host:port)`);
  if (scheme === undefined) v = `http://${v}`;
  const url = new URL(v);
  if (url.hostname === '0.0.0.0' || url.hostname === '[::]') url.hostname = '127.0.0.1';
  if (url.port === '' && !/:\d+$/.test(raw)) url.port = '11434';
  return url.toString().replace(/\/$/, '');
}
