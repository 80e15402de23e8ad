// The routing vocabulary: every reason a model was chosen or passed over, as typed codes with their
// words. One file with no imports, so the policy, the router, the facade and the webview share it.

/**
 * Why a model was passed over: for a local one, each is also the reason a cloud model was chosen
 * instead; `secret-kept-local` passes over cloud models, and is the reason a local one serves.
 */
export type PassOverCode =
  | 'not-installed'
  | 'needs-tools'
  | 'needs-vision'
  | 'context-too-long'
  | 'local-busy'
  | 'low-memory'
  | 'low-battery'
  | 'local-unreachable'
  | 'cloud-unreachable'
  | 'secret-kept-local'
  | 'editor-model-refused'
  | 'budget-spent'
  | 'cold-model';

/** Why a candidate is where it is in the plan. */
export type RouteCode =
  | PassOverCode
  | 'local-preferred'
  | 'cloud-fallback'
  | 'local-fallback'
  | 'no-local-model'
  | 'local-only'
  | 'cloud-only'
  | 'last-resort'
  | 'explicit'
  | 'embedding-model'
  | 'sticky'
  | 'escalated'
  | NeedCode;

/**
 * Why a candidate goes first under `prefer` balanced or quality: the row of the table its request
 * falls in and the tier that row puts first (routing/tiers.ts), or why that tier could not.
 */
export type NeedCode =
  | 'autocomplete-small'
  | 'background-small'
  | 'chat-easy-small'
  | 'chat-easy-strong'
  | 'chat-hard-strong'
  | 'agent-strong'
  | 'reasoning-strong'
  | 'tier-fallback'
  | 'no-small-model'
  | 'no-strong-model';

/** The first candidate failed before its first token and this one answered instead. */
export type FailoverReason = `failover-from:${string}`;

/** What `x-oblix-route` says. */
export type RouteReason = RouteCode | FailoverReason;

const FAILOVER_PREFIX = 'failover-from:';

export function failoverFrom(id: string): FailoverReason {
  return `${FAILOVER_PREFIX}${id}`;
}

const WORDS: Readonly<Record<RouteCode, string>> = {
  'local-preferred': 'local model preferred',
  'cloud-fallback': 'cloud fallback',
  'local-fallback': 'local fallback',
  'cloud-unreachable': 'cloud unreachable, so local',
  'local-unreachable': 'local model unreachable, so cloud',
  'context-too-long': 'prompt too long for the local model',
  'needs-tools': 'local model cannot call tools',
  'needs-vision': 'local model cannot read images',
  'not-installed': 'local model not installed',
  'local-busy': 'machine busy, so cloud',
  'low-memory': 'not enough free memory for the local model',
  'low-battery': 'low battery, so cloud',
  'no-local-model': 'no local model',
  'local-only': 'local-only mode',
  'cloud-only': 'cloud-only mode',
  'last-resort': 'last resort',
  explicit: 'chosen by you',
  // Never shown before: it fell through to the code itself. Kept as the code, so nothing visible changes.
  'embedding-model': 'embedding-model',
  sticky: 'same model as earlier in this conversation',
  'secret-kept-local': 'credential in the prompt, so kept local',
  'budget-spent': 'cloud budget spent, so local',
  'cold-model': 'local model not loaded and too slow to load, so a warm one',
  escalated: 'the agent was stuck on the small model, so the strong one',
  'editor-model-refused': 'you did not allow Oblix to use this editor model',
  'autocomplete-small': 'autocomplete, so a small model',
  'background-small': 'background call, so a small model',
  'chat-easy-small': 'easy chat, so a small model',
  'chat-easy-strong': 'chat, and you prefer quality, so a strong model',
  'chat-hard-strong': 'hard chat, so a strong model',
  'agent-strong': 'agent turn, so a strong model',
  'reasoning-strong': 'reasoning asked for, so a strong model',
  'tier-fallback': 'the other tier, as fallback',
  'no-small-model': 'no small model can serve, so a strong one',
  'no-strong-model': 'no strong model can serve, so a small one',
};

/** Every code, in the order docs/routing.md lists them (test/core/routing/route-reason.test.ts keeps the two equal). */
export const ROUTE_CODES = Object.keys(WORDS) as readonly RouteCode[];

/** A reason in words, for the line under an answer; a code it does not know (from a newer server) stays as sent. */
export function routeInWords(route: string): string {
  if (route.startsWith(FAILOVER_PREFIX)) return `${route.slice(FAILOVER_PREFIX.length)} failed, so the next model answered`;
  // hasOwn: a code like `constructor` must not find Object.prototype's function.
  return Object.hasOwn(WORDS, route) ? WORDS[route as RouteCode] : route;
}
