// The conversation a request belongs to, as its client tells it: the session headers (`x-session-id`;
// Codex's `session_id` and `conversation_id`), Codex's `prompt_cache_key`, Claude Code's session in
// `metadata.user_id`. With the model name the client asked for: Claude Code's background calls
// (titles, topics, on a small model) share the session, and must not move the agent's own turns.
import type { IncomingHttpHeaders } from 'node:http';

const HEADERS = ['x-session-id', 'session_id', 'conversation_id'] as const;

export function conversationId(headers: IncomingHttpHeaders, body: unknown): string | undefined {
  const b = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  let id: string | undefined;
  for (const h of HEADERS) {
    const v = headers[h];
    if (typeof v === 'string' && v !== '') {
      id = v;
      break;
    }
  }
  if (id === undefined && typeof b.prompt_cache_key === 'string' && b.prompt_cache_key !== '') id = b.prompt_cache_key;
  id ??= claudeCodeSession(b.metadata);
  if (id === undefined) return undefined;
  return typeof b.model === 'string' ? `${id}|${b.model}` : id;
}

/**
 * Claude Code's `metadata.user_id`: `user_<hash>_account_<uuid>_session_<uuid>`, or in newer
 * versions a JSON object with `session_id`. A user id without a session names a person, not a
 * conversation: not used.
 */
function claudeCodeSession(metadata: unknown): string | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const user = (metadata as Record<string, unknown>).user_id;
  if (typeof user !== 'string') return undefined;
  const legacy = /_session_([\w-]+)$/.exec(user);
  if (legacy) return legacy[1];
  if (!user.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(user);
    const session = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).session_id : undefined;
    return typeof session === 'string' && session !== '' ? session : undefined;
  } catch {
    return undefined;
  }
}
