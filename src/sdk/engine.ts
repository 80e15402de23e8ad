// What answers a turn: the router in this process, or an Oblix server already running (so its
// ledger, stickiness and budget stay one). The client and `oblix chat` see only this.
import type { RoutingMode } from '../core/config/config';
import type { Decision } from '../core/decision';
import type { ChatMessage, Usage } from '../core/request';
import type { Preference } from '../core/routing/tiers';

export interface Turn {
  messages: ChatMessage[];
  model: string;
  temperature?: number;
  maxTokens?: number;
  /** The session id: a conversation sticks to the model that served it. */
  conversation?: string;
}

export interface Answer {
  /** The model that serves it (`ollama:llama3.2`), and why (`local-preferred`). */
  model: string;
  reason: string;
  /** For `auto`: the request's kind and difficulty and the preference, in words. */
  why?: string;
  /** The text as it arrives; ends when the answer does, throws when it failed part-way. */
  text: AsyncIterable<string>;
  /** Token counts, once the text has ended (null when the model told none). */
  usage(): Usage | null;
}

export interface Engine {
  /** `in-process`, or the server's address. */
  readonly where: string;
  /** Resolves once the model has committed to answer (its first token); throws when no model could. */
  answer(turn: Turn, signal: AbortSignal): Promise<Answer>;
  lastDecision(): Promise<Decision | null>;
  mode(): Promise<RoutingMode>;
  setMode(mode: RoutingMode): Promise<void>;
  prefer(): Promise<Preference>;
  setPrefer(prefer: Preference): Promise<void>;
  /** Model ids this engine can route to, `auto` first. */
  models(): Promise<string[]>;
  close(): Promise<void>;
}
