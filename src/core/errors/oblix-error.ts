// Errors in OpenAI's shape: {"error": {"message", "type", "param", "code"}} with OpenAI's status codes.
import { errorCodeInfo, type AnyErrorCode, type ErrorCode, type ErrorType } from './error-codes';
import { redact } from '../support/redact';

export type { ErrorType } from './error-codes';

export interface ErrorBody {
  error: { message: string; type: ErrorType; param: string | null; code: AnyErrorCode | null };
}

export class OblixError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: ErrorType = typeForStatus(status),
    readonly param: string | null = null,
    readonly code: AnyErrorCode | null = null,
    /** Seconds the upstream asked us to wait (429/503 Retry-After), when it said. */
    readonly retryAfter: number | null = null,
  ) {
    // Every error Oblix reports goes through here, upstream text included: no key leaves in it.
    super(redact(message));
    this.name = 'OblixError';
  }

  /** Oblix's own error: its status and type come from the code table (error-codes.ts). */
  static of(code: ErrorCode, message: string, options: { param?: string | null; retryAfter?: number | null } = {}): OblixError {
    const { status, type } = errorCodeInfo(code);
    return new OblixError(status, message, type ?? typeForStatus(status), options.param ?? null, code, options.retryAfter ?? null);
  }

  /** Whether this error carries Oblix's own `code` (a typo in it fails to compile, as in a constructor call). */
  has(code: ErrorCode): boolean {
    return this.code === code;
  }

  toBody(): ErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export function typeForStatus(status: number): ErrorType {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'invalid_request_error';
  if (status === 429) return 'rate_limit_error';
  if (status === 503) return 'service_unavailable';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

export const badParam = (param: string, message: string, code: ErrorCode = 'invalid_value'): OblixError => OblixError.of(code, message, { param });
