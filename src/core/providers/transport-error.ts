// Failures of the connection itself (no answer came, or the answer was cut off), told apart from the
// upstream's own errors by their type, never by their wording: an upstream may well answer
// "llama runner process has terminated" through a perfectly good connection.
import { APIConnectionError as OpenAIConnectionError, APIConnectionTimeoutError as OpenAIConnectionTimeoutError } from 'openai';
import { APIConnectionError as AnthropicConnectionError, APIConnectionTimeoutError as AnthropicConnectionTimeoutError } from '@anthropic-ai/sdk';

/** A transport failure Oblix notices itself (a body that ended early) or a fetch that got no response. */
export class TransportError extends Error {
  /** A network error code for the message, when there is one (a cut stream reads as ECONNRESET). */
  readonly code: string | undefined;

  constructor(message: string, options: { code?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TransportError';
    this.code = options.code;
  }
}

/** Node's and undici's codes for a connection that failed, in an error or any of its causes. */
const NET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * `fetch` for upstream calls: a request that got no response (refused, reset, a port fetch
 * refuses, a TLS failure) rejects with a TransportError whose cause is fetch's own error. undici's
 * fetch reports all of these as one plain TypeError('fetch failed'), so this is the only place they
 * can be told apart from other failures by type. An abort stays as it is.
 */
export function fetchUpstream(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  return fetch(input, init).catch((err: unknown) => {
    if (err instanceof TypeError) throw new TransportError(err.message, { cause: err });
    throw err;
  });
}

/** When `err` is a transport failure: the network code to name, if any. Null when it is not one. */
export function transportFailure(err: unknown): { code: string | null } | null {
  let transport = false;
  for (let cur: unknown = err, depth = 0; typeof cur === 'object' && cur !== null && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && NET_CODES.has(code)) return { code };
    // The SDKs' wrapper around a fetch that got no response (not their own timeout, which says so).
    transport ||= cur instanceof TransportError || isSdkConnectionError(cur);
    cur = (cur as { cause?: unknown }).cause;
  }
  return transport ? { code: null } : null;
}

function isSdkConnectionError(e: object): boolean {
  return (
    (e instanceof OpenAIConnectionError && !(e instanceof OpenAIConnectionTimeoutError)) ||
    (e instanceof AnthropicConnectionError && !(e instanceof AnthropicConnectionTimeoutError))
  );
}
