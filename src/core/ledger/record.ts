// One line of the usage ledger: what one answered request was, never what it said. No prompt or
// answer text is ever part of it; the fields below are all it holds.

/** How the answer ended: whole, cut by an error (its code), or stopped by the caller. */
export type Outcome = 'ok' | 'error' | 'cancelled';

/** Who asked: the dialect it spoke and a short client name (client-name.ts), or the in-editor caller. */
export interface Caller {
  dialect: string;
  client: string;
}

export interface UsageRecord {
  /** Record format version: a reader skips lines of a version it does not know. */
  v: 1;
  /** When the request arrived, ms since the epoch (compact; the day and month are computed in local time when read). */
  t: number;
  dialect: string;
  client: string;
  /** The model the client named (`auto` or an id). */
  requested: string;
  /** The model that answered, or null when none did. */
  model: string | null;
  local: boolean;
  /** The task kind (request-needs.ts) and the route reason (route-reason.ts, or the error code). */
  kind: string;
  reason: string;
  tokensIn: number;
  tokensOut: number;
  /** True when the upstream gave no counts and the tokens are Oblix's estimate. */
  estimated: boolean;
  /** Time to the first token, ms; null when no answer began. */
  ttftMs: number | null;
  durationMs: number;
  outcome: Outcome;
  /** The error code when outcome is `error`. */
  error?: string;
  /** USD at the price table; null when the model's price is unknown (never a made-up 0). */
  costUSD: number | null;
  /** Why an answer has no price of its own: an editor model's answer is paid by the editor's subscription, not free. */
  costNote?: string;
  /** For a local answer: what the first cloud candidate would have cost; null when unknown or none. */
  savedUSD: number | null;
}
