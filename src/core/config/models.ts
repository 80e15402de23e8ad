// The parts of a config that name models: model roles, model aliases, and the check that every
// declared model names a configured provider. Wrong entries are left out and logged.
import { modelIdProblem } from './rules';
import { ROLE_FIELDS } from './fields';
import { isRecord, isUnset, type ProblemLog } from './problem';
import { parseModelId } from '../routing/model-id';
import type { ModelRoles } from '../routing/roles-config';

/**
 * `{"chat": [ids], "completion": [ids], "embedding": [ids], "embeddingFailover": {id: id}}`, each
 * optional; an empty list leaves the role to capabilities. `qualify` turns a bare name into an
 * Ollama id; without it, a name that is no model id is a problem.
 */
export function readRoles(v: unknown, qualify: ((id: string) => string) | undefined, log: ProblemLog): ModelRoles | undefined {
  if (isUnset(v)) return undefined;
  if (!isRecord(v)) {
    log.add('roles', 'must be an object with any of chat, completion, embedding (lists of model ids) and embeddingFailover', 'left out');
    return undefined;
  }
  log.unknownFields('roles', v, ROLE_FIELDS);
  const out: ModelRoles = {};
  for (const key of ['chat', 'completion', 'embedding'] as const) {
    const ids = log.strings(`roles.${key}`, v[key]).flatMap((name) => {
      if (qualify) return [qualify(name)];
      if (parseModelId(name)) return [name];
      log.add(`roles.${key}`, `has '${name}', which is not a model id ('<provider>:<model>')`, 'left out');
      return [];
    });
    if (ids.length) out[key] = ids;
  }
  if (!isUnset(v.embeddingFailover)) out.embeddingFailover = readAliases('roles.embeddingFailover', v.embeddingFailover, log);
  return out;
}

/**
 * Model names mapped to Oblix ids (`{"claude-*": "auto"}`); an entry whose id is not a non-empty
 * string is left out. Given the providers, an id naming a provider that is not configured is named too
 * (left in: a request sent to it gets the same explanation).
 */
export function readAliases(field: string, v: unknown, log: ProblemLog, providers?: readonly { readonly id: string }[]): Record<string, string> {
  if (!isRecord(v)) {
    log.add(field, 'must be an object mapping model names to Oblix ids, e.g. {"claude-*": "auto"}', 'left out');
    return {};
  }
  const out: Record<string, string> = {};
  for (const [name, id] of Object.entries(v)) {
    if (typeof id === 'string' && id !== '') {
      out[name] = id;
      const problem = providers && id !== 'auto' && parseModelId(id) ? modelIdProblem(id, providers) : undefined;
      if (problem) log.add(`${field}["${name}"]`, `has ${problem}`);
    } else log.add(`${field}["${name}"]`, "must be a non-empty string ('auto' or '<provider>:<model>')", 'left out');
  }
  return out;
}

/** Every declared local or cloud model must name a configured provider. */
export function checkModelIds(field: string, ids: readonly string[], providers: readonly { readonly id: string }[], log: ProblemLog): void {
  for (const id of ids) {
    const problem = modelIdProblem(id, providers);
    if (problem) log.add(field, `has ${problem}`);
  }
}
