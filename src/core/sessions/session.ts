// A chat session as Oblix keeps it: messages with the model that answered and its usage.
import type { Usage } from '../usage';

export const SESSION_SCHEMA_VERSION = 1;

export interface SessionMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
  at: string;
  /** Assistant messages: the model that served them, the routing reason, token counts. */
  model?: string;
  route?: string;
  /** For `auto`: the request's kind, difficulty and the preference, in words. */
  why?: string;
  usage?: Usage;
  metrics?: { timeToFirstTokenMs: number | null; tokensPerSecond: number | null };
  /** Set when the answer was stopped or failed part-way; the text is what arrived. */
  status?: 'stopped' | 'error';
}

export interface Session {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  messages: SessionMessage[];
}

export interface SessionSummary {
  id: string;
  title: string;
  updatedAt: string;
  messageCount: number;
}

/** Where sessions live: the extension's workspace state, or a file for the CLI. */
export interface SessionStore {
  create(title?: string): Promise<Session>;
  /** Newest first. */
  list(): SessionSummary[];
  get(id: string): Session | undefined;
  append(id: string, message: SessionMessage): Promise<Session>;
  rename(id: string, title: string): Promise<Session>;
  delete(id: string): Promise<boolean>;
  /** The session as a self-describing JSON document. */
  export(id: string): string;
  /** Validates first: a bad document throws a readable error and changes nothing. */
  import(json: string): Promise<Session>;
}
