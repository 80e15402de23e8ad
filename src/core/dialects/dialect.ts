// What a dialect gives the server: its routes, and the shape its clients expect errors in. The
// server builds its table from the list of dialects; a handler gets one request context.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Oblix } from '../oblix';

export interface RequestContext {
  readonly oblix: Oblix;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** The largest request body the server accepts (http/body.ts refuses a larger one with 413). */
  readonly maxBodyBytes: number;
}

export type Handler = (ctx: RequestContext) => Promise<void> | void;

/** Handlers by HTTP method, for one path. */
export type Methods = Partial<Record<string, Handler>>;

/** Writes an error in the dialect's own shape (http/respond.ts for OpenAI's). */
export type ErrorShape = (res: ServerResponse, err: unknown, headers?: Record<string, string>) => void;

export interface Dialect {
  readonly routes: Readonly<Record<string, Methods>>;
  readonly sendError: ErrorShape;
}
