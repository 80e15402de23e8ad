// Flags, config file and environment → OblixConfig. Precedence: flags over the environment over the file.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { applyEnvironment, defaultConfig, DEFAULT_THRESHOLDS, ROUTING_MODES, withDefaultCloudModels, type OblixConfig, type ProviderConfig, type RoutingMode } from '../core/config';
import { apiKeyVariable, configProblems, isProviderId, isProviderKind, PROVIDER_KINDS, qualifyModelId } from '../core/config-rules';
import { parseModelId } from '../core/routing/model-id';
import type { ModelRoles } from '../core/routing/roles-config';
import { errorMessage } from '../core/error-message';

export class UsageError extends Error {}

export const SERVE_USAGE = `Usage: oblix serve [--host H] [--port P] [--config FILE] [--local-model ID]...
                   [--cloud-model ID]... [--mode auto|local-only|cloud-only] [--first-token-timeout MS]
                   [--idle-timeout MS]

Environment: OLLAMA_HOST, OPENAI_API_KEY, OPENAI_BASE_URL, ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL,
OBLIX_API_KEY (when set, requests must send it as a bearer token).`;

export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv): OblixConfig {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      config: { type: 'string' },
      'local-model': { type: 'string', multiple: true },
      'cloud-model': { type: 'string', multiple: true },
      mode: { type: 'string' },
      'first-token-timeout': { type: 'string' },
      'idle-timeout': { type: 'string' },
    },
  });
  let config = values.config ? readConfigFile(values.config) : defaultConfig();
  config = applyEnvironment(config, env);
  if (values.host) config.host = values.host;
  if (values.port !== undefined) config.port = integer('--port', values.port, 0, 65535);
  if (values.mode !== undefined) config.mode = mode('--mode', values.mode);
  if (values['first-token-timeout'] !== undefined) config.firstTokenTimeoutMs = integer('--first-token-timeout', values['first-token-timeout'], 1, 3_600_000);
  if (values['idle-timeout'] !== undefined) config.idleTimeoutMs = integer('--idle-timeout', values['idle-timeout'], 0, 3_600_000);
  if (values['local-model']) config.localModels = values['local-model'].map((id) => qualifyModelId(id, config.providers));
  if (values['cloud-model']) config.cloudModels = values['cloud-model'];
  config = withDefaultCloudModels(config);
  const [problem] = configProblems(config);
  if (problem !== undefined) throw new UsageError(problem);
  return config;
}

function integer(flag: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got '${raw}'.`);
  return n;
}

function mode(flag: string, raw: unknown): RoutingMode {
  if (typeof raw === 'string' && (ROUTING_MODES as string[]).includes(raw)) return raw as RoutingMode;
  throw new UsageError(`${flag} must be one of ${ROUTING_MODES.join(', ')}, got '${String(raw)}'.`);
}

/** A JSON file with any of: host, port, mode, providers, localModels, cloudModels, firstTokenTimeoutMs, idleTimeoutMs, allowedOrigins, modelAliases, thresholds, roles, completionFirstTokenTimeoutMs. */
export function readConfigFile(path: string): OblixConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`Cannot read the config file ${path}: ${errorMessage(err)}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UsageError(`${path}: the config must be a JSON object.`);
  const f = raw as Record<string, unknown>;
  const config = defaultConfig();
  const where = (key: string): string => `${path}: "${key}"`;
  if (f.host !== undefined) config.host = str(where('host'), f.host);
  if (f.port !== undefined) config.port = integer(where('port'), String(f.port), 0, 65535);
  if (f.mode !== undefined) config.mode = mode(where('mode'), f.mode);
  if (f.firstTokenTimeoutMs !== undefined) config.firstTokenTimeoutMs = integer(where('firstTokenTimeoutMs'), String(f.firstTokenTimeoutMs), 1, 3_600_000);
  if (f.idleTimeoutMs !== undefined) config.idleTimeoutMs = integer(where('idleTimeoutMs'), String(f.idleTimeoutMs), 0, 3_600_000);
  if (f.localModels !== undefined) config.localModels = strings(where('localModels'), f.localModels);
  if (f.cloudModels !== undefined) config.cloudModels = strings(where('cloudModels'), f.cloudModels);
  if (f.allowedOrigins !== undefined) config.allowedOrigins = strings(where('allowedOrigins'), f.allowedOrigins);
  if (f.modelAliases !== undefined) config.modelAliases = aliases(where('modelAliases'), f.modelAliases);
  if (f.thresholds !== undefined) config.thresholds = thresholds(where('thresholds'), f.thresholds);
  if (f.roles !== undefined) config.roles = roles(where('roles'), f.roles);
  if (f.completionFirstTokenTimeoutMs !== undefined) config.completionFirstTokenTimeoutMs = integer(where('completionFirstTokenTimeoutMs'), String(f.completionFirstTokenTimeoutMs), 1, 3_600_000);
  if (f.providers !== undefined) {
    if (!Array.isArray(f.providers)) throw new UsageError(`${where('providers')} must be an array.`);
    const own = f.providers.map((p, i) => provider(`${where('providers')}[${i}]`, p));
    config.providers = [...config.providers.filter((p) => !own.some((o) => o.id === p.id)), ...own];
  }
  return config;
}

/** When the machine counts as too busy for a local model; 101 / 0 / 0 switch the three checks off. */
function thresholds(where: string, v: unknown): OblixConfig['thresholds'] {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new UsageError(`${where} must be an object.`);
  const t = v as Record<string, unknown>;
  const n = (key: keyof OblixConfig['thresholds'], max: number): number => {
    const x = t[key];
    if (x === undefined) return DEFAULT_THRESHOLDS[key];
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0 || x > max) throw new UsageError(`${where}.${key} must be a number from 0 to ${max}.`);
    return x;
  };
  return { maxCpuLoadPct: n('maxCpuLoadPct', 101), memoryHeadroom: n('memoryHeadroom', 100), lowBatteryPct: n('lowBatteryPct', 100) };
}

function provider(where: string, v: unknown): ProviderConfig {
  if (typeof v !== 'object' || v === null) throw new UsageError(`${where} must be an object.`);
  const p = v as Record<string, unknown>;
  const id = str(`${where}.id`, p.id);
  if (!isProviderId(id)) throw new UsageError(`${where}.id must be letters, digits, '.', '_' or '-'.`);
  const kind = str(`${where}.kind`, p.kind);
  if (!isProviderKind(kind)) throw new UsageError(`${where}.kind must be one of ${PROVIDER_KINDS.join(', ')}.`);
  const baseURL = str(`${where}.baseURL`, p.baseURL);
  try {
    new URL(baseURL);
  } catch {
    throw new UsageError(`${where}.baseURL is not a URL: '${baseURL}'.`);
  }
  // Keys stay out of files: a provider names the environment variable that holds its key, or its key is
  // in the variable the extension reads too (GROQ_API_KEY for "groq").
  const apiKeyEnv = p.apiKeyEnv === undefined ? apiKeyVariable(id) : str(`${where}.apiKeyEnv`, p.apiKeyEnv);
  if (p.local !== undefined && typeof p.local !== 'boolean') throw new UsageError(`${where}.local must be true or false.`);
  return { id, kind, baseURL, apiKey: process.env[apiKeyEnv], local: p.local };
}

function str(where: string, v: unknown): string {
  if (typeof v !== 'string' || v === '') throw new UsageError(`${where} must be a non-empty string.`);
  return v;
}

function aliases(where: string, v: unknown): Record<string, string> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new UsageError(`${where} must be an object mapping model names to Oblix ids, e.g. {"claude-*": "auto"}.`);
  for (const [k, id] of Object.entries(v)) if (typeof id !== 'string' || id === '') throw new UsageError(`${where}["${k}"] must be a non-empty string ('auto' or '<provider>:<model>').`);
  return v as Record<string, string>;
}

/** `{"chat": [ids], "completion": [ids], "embedding": [ids], "embeddingFailover": {id: id}}`, each optional. */
function roles(where: string, v: unknown): ModelRoles {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new UsageError(`${where} must be an object with any of chat, completion, embedding (arrays of model ids) and embeddingFailover.`);
  const r = v as Record<string, unknown>;
  const out: ModelRoles = {};
  for (const key of ['chat', 'completion', 'embedding'] as const) {
    if (r[key] === undefined) continue;
    const ids = strings(`${where}.${key}`, r[key]);
    for (const id of ids) if (!parseModelId(id)) throw new UsageError(`${where}.${key}: '${id}' is not a model id ('<provider>:<model>').`);
    out[key] = ids;
  }
  if (r.embeddingFailover !== undefined) out.embeddingFailover = aliases(`${where}.embeddingFailover`, r.embeddingFailover);
  const unknown = Object.keys(r).filter((k) => !['chat', 'completion', 'embedding', 'embeddingFailover'].includes(k));
  if (unknown.length) throw new UsageError(`${where}: unknown key(s) ${unknown.join(', ')}; use chat, completion, embedding, embeddingFailover.`);
  return out;
}

function strings(where: string, v: unknown): string[] {
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw new UsageError(`${where} must be an array of strings.`);
  return v as string[];
}
