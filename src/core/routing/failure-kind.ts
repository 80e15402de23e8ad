import type { UpstreamError } from '../providers/upstream-error';
import type { FailureKind } from './connectivity';

/** How a failure counts against its provider's health; null when it says nothing about it (a 404, a bad request). */
export function failureKind(err: UpstreamError): FailureKind | null {
  if (err.unreachable) return 'unreachable';
  if (err.has('invalid_tool_call')) return null; // the model's mistake, not the provider's health
  if (err.has('first_token_timeout') || err.has('idle_timeout')) return 'timeout';
  if (err.status === 429) return 'rate-limited';
  return err.status >= 500 ? 'server' : null;
}
