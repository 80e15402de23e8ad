// What execute() takes and gives back.
import type { Usage } from '../core/usage';

export interface ExecuteMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ExecuteOptions {
  /** The question. With `messages`, it comes after them. */
  prompt?: string;
  /** The conversation so far (after the session's history, when `sessionId` is given). */
  messages?: ExecuteMessage[];
  temperature?: number;
  maxTokens?: number;
  /** true: execute() returns an async iterable of chunks instead of a promise. */
  stream?: boolean;
  /** Continue this session (created when there is none with this id) and record the exchange in it. */
  sessionId?: string;
  /** `auto` (the default) or an id such as `ollama:llama3.2`. */
  model?: string;
  /** Stops the answer; what arrived is kept, with status `stopped`. */
  signal?: AbortSignal;
}

export interface ExecuteResult {
  text: string;
  /** The model that served it, such as `ollama:llama3.2`. */
  model: string;
  /** Why that model (`local-preferred`, `failover-from:…`); the x-oblix-route code. */
  reason: string;
  /** For `auto`: the request's kind and difficulty and the preference, in words. */
  why?: string;
  usage: Usage | null;
  timeMs: number;
  timeToFirstTokenMs: number | null;
  sessionId?: string;
  /** Set when the answer was stopped part-way (the signal aborted): `text` is what arrived. */
  status?: 'stopped';
}

export type ExecuteChunk =
  /** A piece of the answer; `model` and `reason` are known from the first one on. */
  { type: 'text'; text: string; model: string; reason: string } | { type: 'done'; result: ExecuteResult };
