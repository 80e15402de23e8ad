// Errors in Anthropic's shape: {"type": "error", "error": {"type", "message"}}, with its status codes.
import type { ServerResponse } from 'node:http';
import { OblixError } from '../../errors/oblix-error';
import { headerValue, sendJson } from '../../http/respond';
import { errorMessage } from '../../errors/error-message';

const TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};

export function anthropicErrorType(status: number): string {
  return TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

export function anthropicErrorBody(e: OblixError): { type: 'error'; error: { type: string; message: string } } {
  return { type: 'error', error: { type: anthropicErrorType(e.status), message: e.message } };
}

export function sendAnthropicError(res: ServerResponse, err: unknown, headers: Record<string, string> = {}): void {
  const e = err instanceof OblixError ? err : OblixError.of('internal_error', `Internal error in Oblix: ${errorMessage(err)}`);
  const extra: Record<string, string> = { 'x-oblix-model': 'none', 'x-oblix-route': headerValue(e.code ?? e.type), ...headers };
  if (e.retryAfter !== null) extra['retry-after'] = String(e.retryAfter);
  if (e.status === 413) extra.connection = 'close';
  sendJson(res, e.status, anthropicErrorBody(e), extra);
}
