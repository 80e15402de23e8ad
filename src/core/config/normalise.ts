// The one way a raw config becomes an OblixConfig, for both hosts: the CLI hands over its file and
// flags, the extension its `oblix.*` settings, each with the environment and the keys it found.
// A wrong value is left out or defaulted and named in `problems` by its core field; the CLI refuses
// to start on the first problem, the extension lists them under its setting names.
import {
  defaultConfig,
  DEFAULT_ANTHROPIC_MODEL,
  DEFAULT_COMPLETION_FIRST_TOKEN_TIMEOUT_MS,
  DEFAULT_OPENAI_MODEL,
  DEFAULT_THRESHOLDS,
  ROUTING_MODES,
  SECRETS_POLICIES,
  type OblixConfig,
  type PrivacyConfig,
  type ProviderConfig,
  type RoutingThresholds,
} from './config';
import { CONFIG_FIELDS, PRIVACY_FIELDS, THRESHOLD_FIELDS, type RawConfig } from './fields';
import { qualifyModelId } from './rules';
import { checkModelIds, readAliases, readRoles } from './models';
import { isRecord, isUnset, ProblemLog, type ConfigProblem } from './problem';
import { readProviders, type Env, type ProviderInput } from './providers';
import { readModelTiers } from './tiers';
import { readBudget, readPrices } from './usage';
import { readKeepAlive } from './keep-alive';
import { PREFERENCES } from '../routing/tiers';

export type { RawConfig } from './fields';

/** Where the hosts differ on purpose (see each field); everything else is the same for both. */
export interface HostRules {
  readonly environment: ProviderInput['environment'];
  readonly keyless: ProviderInput['keyless'];
  /** With no cloud model named, the usual small model of `openai` and `anthropic` when configured: the CLI's zero-config start. */
  readonly defaultCloudModels: boolean;
  /** `ollama`: a bare name in `roles` is an Ollama model (settings are picked from Ollama's list); `refused`: it is a problem (a file names ids). */
  readonly bareRoleIds: 'ollama' | 'refused';
}

export interface NormaliseInput {
  readonly raw: RawConfig;
  readonly env: Env;
  /** Provider keys the host found by itself (SecretStorage), by provider id. */
  readonly keys?: Readonly<Record<string, string | undefined>>;
  /** The bearer token requests must carry, when the host keeps one (the extension's SecretStorage); never a config field. */
  readonly token?: string;
  readonly rules: HostRules;
}

export interface Normalised {
  readonly config: OblixConfig;
  /** Every wrong value, in the order the fields are read. */
  readonly problems: ConfigProblem[];
  /** Providers left out because they have no key (only when `keyless` is `leave-out`). */
  readonly missingKeys: string[];
}

const MAX_TIMEOUT_MS = 3_600_000;
/** Far above any model's window today; a bigger OLLAMA_CONTEXT_LENGTH is a typo. */
const MAX_CONTEXT_LENGTH = 16_777_216;

export function normaliseConfig({ raw, env, keys = {}, token, rules }: NormaliseInput): Normalised {
  const log = new ProblemLog();
  log.unknownFields('', raw, CONFIG_FIELDS);
  const base = defaultConfig();
  const mode = log.oneOf('mode', raw.mode, ROUTING_MODES, base.mode);
  const { providers, missingKeys } = readProviders(
    { providers: raw.providers, ollamaHost: raw.ollamaHost, keys, env, environment: rules.environment, keyless: rules.keyless },
    log,
  );
  const qualify = (id: string): string => qualifyModelId(id, providers);
  const config: OblixConfig = {
    ...base,
    host: log.text('host', raw.host, base.host),
    port: log.wholeNumber('port', raw.port, base.port, 0, 65535),
    mode,
    providers,
    localModels: log.strings('localModels', raw.localModels).map(qualify),
    cloudModels: log.strings('cloudModels', raw.cloudModels),
    firstTokenTimeoutMs: log.wholeNumber('firstTokenTimeoutMs', raw.firstTokenTimeoutMs, base.firstTokenTimeoutMs, 1, MAX_TIMEOUT_MS),
    idleTimeoutMs: log.wholeNumber('idleTimeoutMs', raw.idleTimeoutMs, base.idleTimeoutMs, 0, MAX_TIMEOUT_MS),
    thresholds: readThresholds(raw.thresholds, log),
    allowedOrigins: log.strings('allowedOrigins', raw.allowedOrigins),
    // Ollama's own variable, read on the assumption that Ollama runs with the same environment.
    ollamaContextLength: log.wholeNumber('OLLAMA_CONTEXT_LENGTH', env.OLLAMA_CONTEXT_LENGTH?.trim() || undefined, base.ollamaContextLength, 1, MAX_CONTEXT_LENGTH),
    privacy: readPrivacy(raw.privacy, log),
    prefer: log.oneOf('prefer', raw.prefer, PREFERENCES, base.prefer),
    prewarm: log.flag('prewarm', raw.prewarm, base.prewarm),
  };
  const prices = readPrices(raw.prices, log);
  if (prices) config.prices = prices;
  const budget = readBudget(raw.budget, log);
  if (budget) config.budget = budget;
  const keepAlive = readKeepAlive(raw.keepAlive, log);
  if (keepAlive !== undefined) config.keepAlive = keepAlive;
  const modelTiers = readModelTiers(raw.modelTiers, rules.bareRoleIds === 'ollama' ? qualify : (id) => id, providers, log);
  if (modelTiers) config.modelTiers = modelTiers;
  if (!isUnset(raw.modelAliases)) config.modelAliases = readAliases('modelAliases', raw.modelAliases, log, providers);
  const roles = readRoles(raw.roles, rules.bareRoleIds === 'ollama' ? qualify : undefined, log);
  if (roles) config.roles = roles;
  if (!isUnset(raw.completionFirstTokenTimeoutMs))
    config.completionFirstTokenTimeoutMs = log.wholeNumber(
      'completionFirstTokenTimeoutMs',
      raw.completionFirstTokenTimeoutMs,
      DEFAULT_COMPLETION_FIRST_TOKEN_TIMEOUT_MS,
      1,
      MAX_TIMEOUT_MS,
    );
  if (!isUnset(raw.dataDir)) config.dataDir = log.text('dataDir', raw.dataDir, '');
  const apiKey = (rules.environment === 'configures' && env.OBLIX_API_KEY) || token || undefined;
  if (apiKey) config.apiKey = apiKey;
  if (rules.defaultCloudModels && config.cloudModels.length === 0) addDefaultCloudModels(providers);
  checkModelIds('localModels', config.localModels, providers, log);
  checkModelIds('cloudModels', config.cloudModels, providers, log);
  return { config, problems: log.problems, missingKeys };
}

/** When the machine counts as too busy for a local model; 101 / 0 / 0 switch the three checks off. */
function readThresholds(v: unknown, log: ProblemLog): RoutingThresholds {
  if (isUnset(v)) return { ...DEFAULT_THRESHOLDS };
  if (!isRecord(v)) {
    log.add('thresholds', `must be an object with any of ${THRESHOLD_FIELDS.join(', ')}`, 'using the defaults');
    return { ...DEFAULT_THRESHOLDS };
  }
  log.unknownFields('thresholds', v, THRESHOLD_FIELDS);
  const n = (key: keyof RoutingThresholds, max: number): number => log.number(`thresholds.${key}`, v[key], DEFAULT_THRESHOLDS[key], 0, max);
  return { maxCpuLoadPct: n('maxCpuLoadPct', 101), memoryHeadroom: n('memoryHeadroom', 100), lowBatteryPct: n('lowBatteryPct', 100) };
}

/** Where prompts may go; `privacy.secrets` defaults to `block`. */
function readPrivacy(v: unknown, log: ProblemLog): PrivacyConfig {
  if (isUnset(v)) return { secrets: 'block' };
  if (!isRecord(v)) {
    log.add('privacy', `must be an object with any of ${PRIVACY_FIELDS.join(', ')}`, 'using the defaults');
    return { secrets: 'block' };
  }
  log.unknownFields('privacy', v, PRIVACY_FIELDS);
  return { secrets: log.oneOf('privacy.secrets', v.secrets, SECRETS_POLICIES, 'block') };
}

/**
 * The usual small model of each built-in cloud provider that is configured, first in its own
 * `models`: nobody declared it, so it is cloud by its provider's kind, not a `declared-cloud-model`.
 */
function addDefaultCloudModels(providers: ProviderConfig[]): void {
  const usual: Readonly<Record<string, string>> = { openai: DEFAULT_OPENAI_MODEL, anthropic: DEFAULT_ANTHROPIC_MODEL };
  for (const p of providers) {
    const model = usual[p.id]?.slice(p.id.length + 1);
    if (model !== undefined && !p.models?.includes(model)) p.models = [model, ...(p.models ?? [])];
  }
}
