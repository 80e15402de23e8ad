// Maps whatever a client library threw into an OblixError with OpenAI's status codes, keeping the
// upstream's own message. `failover` tells the router whether another candidate may be tried.
import { upstreamCode, type AnyErrorCode, type UpstreamCode } from '../errors/error-codes';
import { OblixError } from '../errors/oblix-error';
import { errorMessage } from '../errors/error-message';
import { transportFailure } from './transport-error';

/** An upstream failure; `unreachable` means we never got an HTTP answer (refused, DNS, reset). */
export class UpstreamError extends OblixError {
  /** The status the upstream itself answered (`status` is mapped to OpenAI's: a 508 reads 502), when it answered. */
  upstreamStatus: number | null = null;

  constructor(
    readonly providerId: string,
    status: number,
    message: string,
    readonly unreachable: boolean,
    code: AnyErrorCode | null = null,
    retryAfter: number | null = null,
    /** The request parameter the upstream blamed (OpenAI's `param`), passed on to the client. */
    param: string | null = null,
  ) {
    super(status, message, undefined, param, code, retryAfter);
  }

  /** Whether the same request may reasonably succeed on another model. */
  get failover(): boolean {
    return this.unreachable || this.status === 404 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

interface Shape {
  status?: unknown;
  status_code?: unknown;
  code?: unknown;
  param?: unknown;
  headers?: unknown;
  error?: unknown;
  name?: unknown;
}

/** `where` names the upstream for people: "Ollama at http://127.0.0.1:11434". */
export function toUpstreamError(providerId: string, where: string, err: unknown): OblixError {
  if (err instanceof OblixError) return err;
  // Oblix's own failure (a stack overflow serialising the request, say): never the upstream's,
  // so it must not count against the provider's health.
  // (Not TypeError: fetch reports an unreachable host as TypeError('fetch failed').)
  if (err instanceof RangeError) {
    return OblixError.of('internal_error', `Internal error in Oblix while calling ${providerId}: ${err.message}`);
  }
  const e = (typeof err === 'object' && err !== null ? err : {}) as Shape;
  const message = errorMessage(err);
  const status = typeof e.status === 'number' ? e.status : typeof e.status_code === 'number' ? e.status_code : null;

  if (status !== null && status >= 400) {
    // 529 is Anthropic's "overloaded": a 503 in OpenAI's terms.
    const mapped = status === 529 ? 503 : status >= 500 && status !== 503 ? 502 : status;
    const text = upstreamMessage(e.error, message);
    const code = codeFor(status, text, codeOf(e));
    // An unknown model blames `model`, as Oblix's own model_not_found does.
    const param = paramOf(e) ?? (code === 'model_not_found' ? 'model' : null);
    const answered = new UpstreamError(providerId, mapped, `${where} answered ${status}: ${text}`, false, code, retryAfterOf(e.headers), param);
    answered.upstreamStatus = status;
    return answered;
  }
  const transport = transportFailure(err);
  if (transport) {
    return new UpstreamError(providerId, 502, `${where} could not be reached${transport.code ? ` (${transport.code})` : ''}: ${message}`, true, 'upstream_unreachable');
  }
  // An error the upstream put inside its stream (Ollama's {"error": ...} line, an SSE error event).
  return new UpstreamError(providerId, 502, `${where} failed: ${message}`, false, 'upstream_error');
}

function upstreamMessage(body: unknown, fallback: string): string {
  if (typeof body === 'string') return body;
  if (typeof body === 'object' && body !== null) {
    const b = body as { message?: unknown; error?: unknown };
    if (typeof b.message === 'string') return b.message;
    if (typeof b.error === 'object' && b.error !== null && typeof (b.error as { message?: unknown }).message === 'string') {
      return (b.error as { message: string }).message;
    }
    if (typeof b.error === 'string') return b.error;
  }
  return fallback.replace(/^\d{3}\s+/, '');
}

/**
 * The code for one cause in every dialect: an upstream's 404 about the model (Ollama's "model 'x' not
 * found" has no code, Anthropic's only the generic `not_found_error` type) is Oblix's `model_not_found`,
 * as OpenAI itself says it. Any other upstream code is relayed as it came.
 */
function codeFor(status: number, message: string, code: UpstreamCode | null): AnyErrorCode | null {
  if (status === 404 && (code === null || code === 'not_found_error') && /\bmodel\b/i.test(message)) return 'model_not_found';
  return code;
}

/** The parameter the upstream named (OpenAI's `error.param`; the SDK also puts it on the error). */
function paramOf(e: Shape): string | null {
  const inner = e.error as { param?: unknown; error?: { param?: unknown } } | undefined;
  const param = [e.param, inner?.param, inner?.error?.param].find((p): p is string => typeof p === 'string' && p !== '');
  return param ?? null;
}

/** The upstream's own code, relayed as it came. */
function codeOf(e: Shape): UpstreamCode | null {
  const inner = e.error as { code?: unknown; error?: { code?: unknown; type?: unknown } } | undefined;
  const code = [e.code, inner?.code, inner?.error?.code, inner?.error?.type].find((c): c is string => typeof c === 'string');
  return code === undefined ? null : upstreamCode(code);
}

function retryAfterOf(headers: unknown): number | null {
  const get = (h: unknown): string | null => (h && typeof (h as Headers).get === 'function' ? (h as Headers).get('retry-after') : null);
  const raw = get(headers);
  if (!raw) return null;
  const secs = Number(raw);
  if (Number.isFinite(secs)) return Math.max(0, secs);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Whether a failure is the caller's own cancel (say nothing). A shutdown is not: the client is told. */
export function isAbort(err: unknown, signal: { readonly aborted: boolean; readonly reason?: unknown }): boolean {
  if (signal.aborted) return signal.reason !== 'shutdown';
  const name = (err as Shape | null)?.name;
  return name === 'AbortError' || name === 'APIUserAbortError';
}
