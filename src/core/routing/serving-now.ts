// Who would serve a plain chat request now, and why: the status bar shows it, and the chat view
// tells from it whether anything can answer. Read off the policy's plan, so it never probes.
import type { ChatRequest } from '../request';
import type { Plan } from './policy';
import type { RouteReason } from './route-reason';

/**
 * What "a typical request" looks like to the policy: one short question, no tools, no images. Spelled
 * out, as the chat dialect's parser gives it (test/core/routing/serving-now.test.ts), since routing
 * imports no dialect.
 */
export const PLAIN_CHAT: ChatRequest = {
  model: 'auto',
  messages: [{ role: 'user', content: 'Hello' }],
  temperature: 0.7,
  top_p: 1,
  n: 1,
  stream: false,
  includeUsage: false,
  maxTokens: null,
  maxTokensParam: null,
  presence_penalty: 0,
  frequency_penalty: 0,
  logit_bias: null,
  user: null,
  stop: null,
  seed: null,
  response_format: null,
  tools: null,
  tool_choice: null,
  explicit: new Set(['model', 'messages']),
  extra: {},
  requestedModel: 'auto',
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
