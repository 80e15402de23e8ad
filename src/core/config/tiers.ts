// `modelTiers`: models declared small or strong against their locality's default (local small, cloud
// strong). A wrong entry is left out and logged; a bare name is an Ollama model where the host says so.
import { modelIdProblem } from './rules';
import { isRecord, isUnset, type ProblemLog } from './problem';
import { TIERS, type Tier } from '../routing/tiers';

export function readModelTiers(v: unknown, qualify: (id: string) => string, providers: readonly { readonly id: string }[], log: ProblemLog): Record<string, Tier> | undefined {
  if (isUnset(v)) return undefined;
  if (!isRecord(v)) {
    log.add('modelTiers', 'must be an object mapping model ids to "small" or "strong", e.g. {"ollama:qwen3-coder:30b": "strong"}', 'left out');
    return undefined;
  }
  const out: Record<string, Tier> = {};
  for (const [name, tier] of Object.entries(v)) {
    const id = qualify(name);
    const problem = modelIdProblem(id, providers);
    if (problem) log.add('modelTiers', `has ${problem}`, 'left out');
    else if (typeof tier === 'string' && (TIERS as readonly string[]).includes(tier)) out[id] = tier as Tier;
    else log.add(`modelTiers["${name}"]`, `must be "small" or "strong", not ${JSON.stringify(tier)}`, 'left out');
  }
  return out;
}
