// Flags, config file and environment → OblixConfig, through the core's normaliser. Precedence: flags
// over the environment over the file. Any wrong value is a UsageError: the CLI refuses to start.
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { OblixConfig } from '../core/config/config';
import { environmentHelp } from '../core/config/environment';
import { normaliseConfig, type HostRules, type RawConfig } from '../core/config/normalise';
import { isVariableName } from '../core/config/problem';
import { didYouMean } from '../core/support/closest-name';
import { errorMessage } from '../core/errors/error-message';

export class UsageError extends Error {}

export const CHAT_USAGE = `Usage: oblix chat [-p QUESTION] [--model ID] [--resume SESSION] [--in-process] [serve's flags]

  Without -p and with a terminal: an interactive chat (/help lists its commands; Ctrl+C stops an
  answer, Ctrl+D leaves). With -p, or a question on stdin (echo question | oblix chat): the answer
  alone on stdout, the model and route on stderr.
  It uses the Oblix server at --host/--port when one answers there, else routes in this process
  (--in-process: always). Sessions are kept in DIR/sessions (--data-dir, OBLIX_DATA_DIR, ~/.oblix).`;

export const SERVE_USAGE = `Usage: oblix serve [--host H] [--port P] [--config FILE] [--local-model ID]...
                   [--cloud-model ID]... [--mode auto|local-only|cloud-only] [--prefer local|balanced|quality]
                   [--first-token-timeout MS] [--idle-timeout MS] [--prewarm] [--data-dir DIR]

Flags beat the environment, which beats the config file. Every setting with its default:
docs/configuration.md.

Environment:
${environmentHelp()}`;

/** The flags of `oblix serve` (and `oblix models`, which reads the same config). */
export const SERVE_OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string' },
  config: { type: 'string' },
  'local-model': { type: 'string', multiple: true },
  'cloud-model': { type: 'string', multiple: true },
  mode: { type: 'string' },
  prefer: { type: 'string' },
  'first-token-timeout': { type: 'string' },
  'idle-timeout': { type: 'string' },
  prewarm: { type: 'boolean' },
  'data-dir': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/** `oblix chat`'s own flags, besides the config's. */
export const CHAT_OPTIONS = {
  ...SERVE_OPTIONS,
  prompt: { type: 'string', short: 'p' },
  model: { type: 'string', short: 'm' },
  resume: { type: 'string' },
  'in-process': { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

export interface ChatArgs {
  config: OblixConfig;
  prompt?: string;
  model?: string;
  resume?: string;
  /** Route in this process even when a server answers at host:port. */
  inProcess: boolean;
}

export function parseChatArgs(argv: string[], env: NodeJS.ProcessEnv): ChatArgs {
  const values = parseFlags(argv, CHAT_OPTIONS, 'chat');
  const config = configFrom(values, env);
  return {
    config,
    inProcess: values['in-process'] === true,
    ...(values.prompt !== undefined && { prompt: values.prompt }),
    ...(values.model && { model: values.model }),
    ...(values.resume && { resume: values.resume }),
  };
}

export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv): OblixConfig {
  return configFrom(parseFlags(argv, SERVE_OPTIONS, 'serve'), env);
}

/** The config the flags, their --config file and the environment make. */
function configFrom(values: { config?: string } & Record<string, unknown>, env: NodeJS.ProcessEnv): OblixConfig {
  const file = values.config ? readRawConfigFile(values.config) : {};
  // Flags beat the file; the environment beats the file too (HostRules.environment), and touches no flag's field.
  const flags: Record<string, unknown> = {};
  for (const [flag, field] of Object.entries(FLAG_FIELDS)) {
    const v = values[flag as keyof typeof values];
    if (v !== undefined && v !== '') flags[field] = v;
  }
  return normaliseOrRefuse({ ...file, ...flags }, env, (field) => flagOf(field, flags) ?? (values.config ? `${values.config}: "${field}"` : field));
}

/** node:util's parseArgs, with its two raw messages made readable: a negative number, and a mistyped flag. */
function parseFlags<O extends ParseArgsConfig['options'] & object>(
  argv: string[],
  options: O,
  command: string,
): ReturnType<typeof parseArgs<{ options: O; strict: true }>>['values'] {
  try {
    return parseArgs({ args: withDashValuesJoined(argv), strict: true, options }).values;
  } catch (err) {
    if ((err as { code?: string }).code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw err;
    const typed = /'([^']+)'/.exec(errorMessage(err))?.[1] ?? '';
    const known = [...Object.keys(options), 'help'].map((f) => `--${f}`);
    const near = didYouMean(typed, known, (f) => f);
    throw new UsageError(`Unknown option '${typed}'${near ? `: ${near}` : '.'} See oblix ${command} --help.`);
  }
}

/**
 * `--port -1` is "argument is ambiguous" to parseArgs (it might be a flag): a value flag followed
 * by a negative number is joined into `--port=-1`, so the normaliser names the value instead.
 */
function withDashValuesJoined(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : '';
    if (name in SERVE_OPTIONS && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
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
  prewarm: 'prewarm',
  'data-dir': 'dataDir',
};

function flagOf(field: string, flags: Record<string, unknown>): string | undefined {
  if (!(field in flags)) return undefined;
  const flag = Object.keys(FLAG_FIELDS).find((f) => FLAG_FIELDS[f] === field);
  return flag && `--${flag}`;
}

/** The CLI's host rules: the shell's environment configures providers, nothing is dropped quietly, a file names exact ids. */
export const CLI_RULES: HostRules = { environment: 'configures', keyless: 'keep', defaultCloudModels: true, bareRoleIds: 'refused' };

/** A config the CLI can start with, or a UsageError naming every wrong value: it refuses rather than guess. */
function normaliseOrRefuse(raw: RawConfig, env: NodeJS.ProcessEnv, nameOf: (field: string) => string): OblixConfig {
  const { config, problems } = normaliseConfig({ raw, env, rules: CLI_RULES });
  if (problems.length === 0) return config;
  const name = (field: string): string => (isVariableName(field) ? field : nameOf(field));
  throw new UsageError(problems.map((p) => sentence(`${name(p.field)} ${p.message}`)).join('\noblix: '));
}

const sentence = (text: string): string => (/[.?]$/.test(text) ? text : `${text}.`);

/** A JSON object, unchecked: the normaliser names any field it does not know (config-fields.ts). */
export function readRawConfigFile(path: string): RawConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`Cannot read the config file ${path}: ${errorMessage(err)}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UsageError(`${path}: the config must be a JSON object.`);
  // Keys stay out of files; the extension's token comes from SecretStorage, the CLI's from here.
  if ('apiKey' in raw) throw new UsageError(`${path}: "apiKey" cannot be set in a file: set OBLIX_API_KEY for a bearer token that requests must send.`);
  return raw;
}

/** A config file alone (with the environment), checked: what `--config FILE` adds to the defaults. */
export function readConfigFile(path: string, env: NodeJS.ProcessEnv = process.env): OblixConfig {
  return normaliseOrRefuse(readRawConfigFile(path), env, (field) => `${path}: "${field}"`);
}
