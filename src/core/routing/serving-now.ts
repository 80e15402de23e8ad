// Who would serve a plain chat request now, and why: the status bar shows it, and the chat view
// tells from it whether anything can answer. Read off the policy's plan, so it never probes.
import { chatRequest, type ChatRequest } from '../request';
import type { Plan } from './policy';
import type { RouteReason } from './route-reason';

/**
 * What "a typical request" looks like to the policy: one short question, no tools, no images; the
 * request the chat dialect's parser gives (test/core/routing/serving-now.test.ts), built here since
 * routing imports no dialect.
 */
export const PLAIN_CHAT: ChatRequest = chatRequest('auto', [{ role: 'user', content: 'Hello' }], false, {
  temperature: 0.7,
  includeUsage: false,
  explicit: new Set(['model', 'messages']),
});
/** A short agent turn (tools declared), for the window an agent would get (Oblix.agentWindow). */
export const AGENT_TURN: ChatRequest = {
  ...PLAIN_CHAT,
  tools: [{ type: 'function', function: { name: 'read', parameters: { type: 'object' } } }],
  explicit: new Set(['model', 'messages', 'tools']),
};

export interface ServingNow {
  /** The model that would answer: the one named, else auto's first candidate whose provider answers; null when none. */
  readonly id: string | null;
  /** Whether `id` runs on this machine. */
  readonly local: boolean;
  /** Why `auto` would choose as it does (its first live candidate's reason), even when a model is named; null when it has none. */
  readonly reason: RouteReason | null;
  /** Why no model can answer `auto`, in the policy's words; null when some can. */
  readonly empty: string | null;
}

/** `model` is the one a plain request would name: 'auto', or the default model a user chose. */
export function servingNowFrom(autoPlan: Plan, model: string, isLocal: (id: string) => boolean): ServingNow {
  // A candidate kept only as a last resort is a model whose provider did not answer: not "serving now".
  const first = autoPlan.candidates.find((c) => c.reason !== 'last-resort');
  const id = model !== 'auto' ? model : (first?.id ?? null);
  return { id, local: id !== null && isLocal(id), reason: first?.reason ?? null, empty: autoPlan.empty ?? null };
}
