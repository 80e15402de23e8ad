// `oblix.*` setting values → the core's OblixConfig through the core's normaliser, with no VS Code
// import so it can be tested. Settings are hand-edited JSON: a wrong value is left out or replaced by
// its default, and named in `problems` by its setting, so the user reads what to fix instead of an
// extension stuck on "starting…". Only what is VS Code's stays here: setting names, SecretStorage.
import type { OblixConfig } from '../core/config/config';
import { normaliseConfig, type HostRules } from '../core/config/normalise';
import { isVariableName, type ConfigProblem } from '../core/config/problem';
import { DEFAULT_LOCAL_ONLY_FILES } from './local-only-files';

export interface ExtensionSettings {
  serverEnabled: boolean;
  /** oblix.editorModels.onEndpoint: the endpoint may reach the editor's own models. */
  editorModelsOnEndpoint: boolean;
  requireApiKey: boolean;
  defaultModel: string;
  /** oblix.privacy.localOnlyFiles: globs of files whose content never goes to a cloud model. */
  localOnlyFiles: string[];
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

/** The extension's host rules: settings beat the editor's inherited environment, a keyless cloud provider is left out (the status bar offers a key), a bare name is an Ollama model. */
const EXTENSION_RULES: HostRules = { environment: 'fills-in', keyless: 'leave-out', defaultCloudModels: false, bareRoleIds: 'ollama' };

/** Each core field and the setting that holds it: what is read into the field, and the name a problem with it goes by. */
const SETTING_OF: Readonly<Record<string, string>> = {
  host: 'server.host',
  port: 'server.port',
  mode: 'routing.mode',
  prefer: 'routing.prefer',
  modelTiers: 'routing.modelTiers',
  ollamaHost: 'ollama.host',
  prewarm: 'ollama.prewarm',
  keepAlive: 'ollama.keepAlive',
  providers: 'cloud.providers',
  localModels: 'localModels',
  firstTokenTimeoutMs: 'routing.firstTokenTimeoutMs',
  idleTimeoutMs: 'routing.idleTimeoutMs',
  completionFirstTokenTimeoutMs: 'routing.completionFirstTokenTimeoutMs',
  'thresholds.maxCpuLoadPct': 'routing.maxCpuLoadPct',
  'thresholds.memoryHeadroom': 'routing.memoryHeadroom',
  'thresholds.lowBatteryPct': 'routing.lowBatteryPct',
  allowedOrigins: 'server.allowedOrigins',
  'roles.chat': 'roles.chat',
  'roles.completion': 'roles.completion',
  'roles.embedding': 'roles.embedding',
  'privacy.secrets': 'privacy.secrets',
  prices: 'prices',
  'budget.dailyUSD': 'budget.dailyUSD',
  'budget.monthlyUSD': 'budget.monthlyUSD',
};

export async function parseSettings(read: SettingReader, keys: SettingKeys, env: NodeJS.ProcessEnv = process.env): Promise<ExtensionSettings> {
  const problems: string[] = [];
  // The Settings UI cannot unset a string, only empty it: an empty string means unset.
  const get = (key: string): unknown => {
    const v = read(key);
    return v === '' ? undefined : v;
  };
  const bool = (key: string, fallback: boolean): boolean => {
    const v = read(key);
    return typeof v === 'boolean' ? v : fallback;
  };
  const listed = read('cloud.providers');
  // Indexes into the list as the user wrote it, for problems about the entries handed on.
  const written = Array.isArray(listed) ? listed.map((_, i) => i).filter((i) => cloudEntry(listed[i], i, problems)) : [];
  const cloud = Array.isArray(listed) ? written.map((i) => listed[i] as unknown) : listed;
  const found: Record<string, string | undefined> = {};
  for (const id of providerIds(cloud)) found[id] = await keys.get(id);
  const token = bool('server.requireApiKey', false) ? await keys.serverToken() : undefined;
  // Each setting goes to its core field; `thresholds.x` and `roles.x` into their objects.
  const raw: Record<string, unknown> = { providers: cloud };
  for (const [field, setting] of Object.entries(SETTING_OF)) {
    if (field === 'providers') continue;
    const [head, key] = field.split('.') as [string, string | undefined];
    if (key === undefined) raw[head] = get(setting);
    else raw[head] = { ...(raw[head] as Record<string, unknown> | undefined), [key]: get(setting) };
  }
  // In the editor pre-warming is on unless turned off (the CLI's --prewarm is off unless given).
  raw.prewarm ??= true;
  const { config, problems: coreProblems, missingKeys } = normaliseConfig({ raw, env, keys: found, token, rules: EXTENSION_RULES });
  problems.push(...coreProblems.map((p) => inSettingTerms(p, written)));
  const defaultModel = get('chat.defaultModel');
  if (defaultModel !== undefined && typeof defaultModel !== 'string') problems.push(`oblix.chat.defaultModel must be a string, not ${JSON.stringify(defaultModel)}; using "auto".`);
  const globs = read('privacy.localOnlyFiles');
  const localOnlyFiles =
    globs === undefined
      ? [...DEFAULT_LOCAL_ONLY_FILES]
      : Array.isArray(globs)
        ? globs.filter((g): g is string => typeof g === 'string' && g.trim() !== '')
        : [...DEFAULT_LOCAL_ONLY_FILES];
  if (globs !== undefined && (!Array.isArray(globs) || localOnlyFiles.length !== globs.length))
    problems.push(
      `oblix.privacy.localOnlyFiles must be a list of glob strings, not ${JSON.stringify(globs)}; ${Array.isArray(globs) ? 'left out the others' : 'using the defaults'}.`,
    );
  return {
    serverEnabled: bool('server.enabled', true),
    editorModelsOnEndpoint: bool('editorModels.onEndpoint', false),
    requireApiKey: token !== undefined,
    defaultModel: typeof defaultModel === 'string' ? defaultModel : 'auto',
    localOnlyFiles,
    missingKeys,
    problems,
    config,
  };
}

/** A core problem under the name of its `oblix.*` setting, with what was done instead. */
function inSettingTerms(p: ConfigProblem, written: readonly number[]): string {
  const entry = /^providers\[(\d+)\]/.exec(p.field);
  const name = entry
    ? `oblix.cloud.providers[${written[Number(entry[1])] ?? entry[1]}]${p.field.slice(entry[0].length)}`
    : isVariableName(p.field)
      ? p.field
      : `oblix.${SETTING_OF[p.field] ?? p.field}`;
  const text = `${name} ${p.message}`.replace(/\.$/, '');
  if (!p.instead) return /\?$/.test(text) ? text : `${text}.`;
  // After a question ("did you mean "mode"?") what was done is a sentence of its own.
  return /\?$/.test(text) ? `${text} ${p.instead[0]!.toUpperCase()}${p.instead.slice(1)}.` : `${text}; ${p.instead}.`;
}

/** `oblix.cloud.providers` holds cloud and other OpenAI-compatible services; Ollama has its own setting. */
function cloudEntry(p: unknown, i: number, problems: string[]): boolean {
  const e = p as { id?: unknown; kind?: unknown } | null;
  if (typeof e !== 'object' || e === null || (e.id !== 'ollama' && e.kind !== 'ollama')) return true;
  problems.push(`oblix.cloud.providers[${i}]: "ollama" cannot be a provider id or kind here: set oblix.ollama.host for Ollama; left out.`);
  return false;
}

function providerIds(listed: unknown): string[] {
  if (!Array.isArray(listed)) return [];
  return listed.flatMap((p: unknown) => (typeof p === 'object' && p !== null && typeof (p as { id?: unknown }).id === 'string' ? [(p as { id: string }).id] : []));
}
