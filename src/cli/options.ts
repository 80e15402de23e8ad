// Flags, config file and environment → OblixConfig, through the core's normaliser. Precedence: flags
// over the environment over the file. Any wrong value is a UsageError: the CLI refuses to start.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { OblixConfig } from '../core/config';
import { normaliseConfig, type HostRules, type RawConfig } from '../core/config-normalise';
import { errorMessage } from '../core/error-message';

export class UsageError extends Error {}

export const SERVE_USAGE = `Usage: oblix serve [--host H] [--port P] [--config FILE] [--local-model ID]...
                   [--cloud-model ID]... [--mode auto|local-only|cloud-only] [--prefer local|balanced|quality]
                   [--first-token-timeout MS] [--idle-timeout MS]

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
      prefer: { type: 'string' },
      'first-token-timeout': { type: 'string' },
      'idle-timeout': { type: 'string' },
    },
  });
  const file = values.config ? readRawConfigFile(values.config) : {};
  // Flags beat the file; the environment beats the file too (HostRules.environment), and touches no flag's field.
  const flags: Record<string, unknown> = {};
  for (const [flag, field] of Object.entries(FLAG_FIELDS)) {
    const v = values[flag as keyof typeof values];
    if (v !== undefined && v !== '') flags[field] = v;
  }
  return normaliseOrRefuse({ ...file, ...flags }, env, (field) => flagOf(field, flags) ?? (values.config ? `${values.config}: "${field}"` : field));
}

/** Each flag and the config field it sets. */
const FLAG_FIELDS: Readonly<Record<string, keyof RawConfig>> = {
  host: 'host',
  port: 'port',
  mode: 'mode',
  prefer: 'prefer',
  'first-token-timeout': 'firstTokenTimeoutMs',
  'idle-timeout': 'idleTimeoutMs',
  'local-model': 'localModels',
  'cloud-model': 'cloudModels',
};

function flagOf(field: string, flags: Record<string, unknown>): string | undefined {
  if (!(field in flags)) return undefined;
  const flag = Object.keys(FLAG_FIELDS).find((f) => FLAG_FIELDS[f] === field);
  return flag && `--${flag}`;
}

/** The CLI's host rules: the shell's environment configures providers, nothing is dropped quietly, a file names exact ids. */
const CLI_RULES: HostRules = { environment: 'configures', keyless: 'keep', defaultCloudModels: true, bareRoleIds: 'refused' };

/** A config the CLI can start with, or a UsageError naming the first wrong value: it refuses rather than guess. */
function normaliseOrRefuse(raw: RawConfig, env: NodeJS.ProcessEnv, nameOf: (field: string) => string): OblixConfig {
  const { config, problems } = normaliseConfig({ raw, env, rules: CLI_RULES });
  const [problem] = problems;
  if (problem === undefined) return config;
  const name = problem.field === 'OLLAMA_HOST' ? problem.field : nameOf(problem.field);
  throw new UsageError(sentence(`${name} ${problem.message}`));
}

const sentence = (text: string): string => (text.endsWith('.') ? text : `${text}.`);

/** The fields a config file may hold; anything else in it is ignored. */
const FILE_FIELDS = ['host', 'port', 'mode', 'providers', 'localModels', 'cloudModels', 'firstTokenTimeoutMs', 'idleTimeoutMs', 'allowedOrigins', 'modelAliases', 'thresholds', 'roles', 'completionFirstTokenTimeoutMs', 'prefer', 'modelTiers'] as const;

/** A JSON file with any of FILE_FIELDS, unchecked. */
export function readRawConfigFile(path: string): RawConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`Cannot read the config file ${path}: ${errorMessage(err)}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UsageError(`${path}: the config must be a JSON object.`);
  const f = raw as Record<string, unknown>;
  return Object.fromEntries(FILE_FIELDS.filter((k) => f[k] !== undefined).map((k) => [k, f[k]]));
}

/** A config file alone (with the environment), checked: what `--config FILE` adds to the defaults. */
export function readConfigFile(path: string, env: NodeJS.ProcessEnv = process.env): OblixConfig {
  return normaliseOrRefuse(readRawConfigFile(path), env, (field) => `${path}: "${field}"`);
}
