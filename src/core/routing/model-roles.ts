// Which models serve which role: chat, completion (raw or fill-in-the-middle) and embedding. The
// user's `roles` config decides when set; otherwise Ollama's capabilities (from /api/show) do.
// Cloud models complete or embed only when the user named them for that role.
import type { RoutingMode } from '../config/config';
import type { ModelEntry } from './catalog';
import type { ModelFact } from './model-facts';
import type { ModelRoles } from './roles-config';

export type Role = 'chat' | 'completion' | 'embedding';

export interface RoleSignals {
  entries: readonly ModelEntry[];
  entry(id: string): ModelEntry | null;
  fact(e: ModelEntry): ModelFact | undefined;
  /** Whether the model's provider can do this kind of call at all (has `complete` / `embed`). */
  supports(e: ModelEntry, role: Exclude<Role, 'chat'>): boolean;
}

const caps = (s: RoleSignals, e: ModelEntry): readonly string[] | null => s.fact(e)?.capabilities ?? null;

/** Embedding-only models (no `completion` capability) never answer a chat. */
export function chatModels(s: RoleSignals, roles: ModelRoles): readonly ModelEntry[] {
  if (roles.chat?.length) return roles.chat.flatMap((id) => s.entry(id) ?? []);
  const chats = (e: ModelEntry): boolean => {
    const c = caps(s, e);
    return c === null || c.includes('completion');
  };
  // Read on every chat request: no new list unless some model is embedding-only.
  return s.entries.every(chats) ? s.entries : s.entries.filter(chats);
}

/** Models that can continue a prompt; `insert` (a suffix) needs Ollama's `insert` capability. */
export function completionModels(s: RoleSignals, roles: ModelRoles, insert: boolean): ModelEntry[] {
  const named = roles.completion?.length ? roles.completion.flatMap((id) => s.entry(id) ?? []) : null;
  const list = named ?? s.entries.filter((e) => e.local && caps(s, e) !== null);
  return list.filter((e) => {
    if (!s.supports(e, 'completion')) return false;
    const c = caps(s, e);
    // A named model whose runtime does not tell its capabilities is trusted; a known one must have them.
    return c === null || (c.includes('completion') && (!insert || c.includes('insert')));
  });
}

/**
 * The one model `auto` embeds with: fixed by config or by name order, so vectors never change space
 * silently. In cloud-only only a cloud model named in roles.embedding may (the first of them).
 */
export function autoEmbeddingModel(s: RoleSignals, roles: ModelRoles, mode: RoutingMode = 'auto'): ModelEntry | null {
  if (mode === 'cloud-only') return (roles.embedding ?? []).flatMap((id) => s.entry(id) ?? []).find((e) => !e.local) ?? null;
  if (roles.embedding?.length) return s.entry(roles.embedding[0]!);
  const local = s.entries.filter((e) => e.local && s.supports(e, 'embedding') && (caps(s, e)?.includes('embedding') ?? false));
  return [...local].sort((a, b) => a.id.localeCompare(b.id))[0] ?? null;
}

/** The roles each model serves, for /v1/models and /health. */
export function rolesOf(s: RoleSignals, roles: ModelRoles): Map<string, Role[]> {
  const out = new Map<string, Role[]>();
  const add = (list: readonly ModelEntry[], role: Role): void => {
    for (const e of list) out.set(e.id, [...(out.get(e.id) ?? []), role]);
  };
  add(chatModels(s, roles), 'chat');
  add(
    [...completionModels(s, roles, false), ...completionModels(s, roles, true)].filter((e, i, all) => all.findIndex((x) => x.id === e.id) === i),
    'completion',
  );
  const embedding = roles.embedding?.length ? roles.embedding.flatMap((id) => s.entry(id) ?? []) : s.entries.filter((e) => e.local && (caps(s, e)?.includes('embedding') ?? false));
  add(embedding, 'embedding');
  return out;
}
