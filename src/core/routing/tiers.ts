// Which tier of model goes first for a request, under the user's preference (issue 22's table), and
// the one small step that orders candidates by it once capacity has filtered them (policy.ts).
import type { RequestNeeds } from './request-needs';
import { isHard } from './difficulty';

export type Preference = 'local' | 'balanced' | 'quality';
export const PREFERENCES: readonly Preference[] = ['local', 'balanced', 'quality'];
export const DEFAULT_PREFERENCE: Preference = 'balanced';

export type Tier = 'small' | 'strong';
export const TIERS: readonly Tier[] = ['small', 'strong'];

/** A model's tier: as declared in `modelTiers`, else local models are small and cloud models strong. */
export function tierOf(e: { readonly id: string; readonly local: boolean }, declared: Readonly<Record<string, Tier>>): Tier {
  return (Object.hasOwn(declared, e.id) ? declared[e.id] : undefined) ?? (e.local ? 'small' : 'strong');
}

/** The row of the table a request falls in. */
export type NeedRow = 'autocomplete' | 'background' | 'chat-easy' | 'chat-hard' | 'agent' | 'reasoning';

export function needRow(n: RequestNeeds): NeedRow {
  if (n.kind === 'autocomplete' || n.kind === 'background' || n.kind === 'agent') return n.kind;
  if (n.modifiers.includes('reasoning')) return 'reasoning';
  return isHard(n.difficulty) ? 'chat-hard' : 'chat-easy';
}

/**
 * | kind                          | local | balanced | quality |
 * | autocomplete, background      | small | small    | small   |
 * | chat, easy                    | small | small    | strong  |
 * | chat, hard; agent; reasoning  | small | strong   | strong  |
 */
export function firstTier(row: NeedRow, prefer: Preference): Tier {
  if (prefer === 'local' || row === 'autocomplete' || row === 'background') return 'small';
  if (row === 'chat-easy') return prefer === 'quality' ? 'strong' : 'small';
  return 'strong';
}

/** The first tier's models, then the other's, each in the order they came (a stable partition). */
export function orderByTier<T>(list: readonly T[], first: Tier, tier: (item: T) => Tier): T[] {
  return [...list.filter((x) => tier(x) === first), ...list.filter((x) => tier(x) !== first)];
}
