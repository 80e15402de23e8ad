// Errors in Ollama's shape: {"error": "message"} with the HTTP status, as the `ollama` client and
// Ollama-speaking tools (Copilot, JetBrains, Zed) read them.
import type { ServerResponse } from 'node:http';
import { OblixError } from '../../errors/oblix-error';
import { headerValue, sendJson } from '../../http/respond';
import { errorMessage } from '../../errors/error-message';

export function sendOllamaError(res: ServerResponse, err: unknown, headers: Record<string, string> = {}): void {
  const e = err instanceof OblixError ? err : OblixError.of('internal_error', `Internal error in Oblix: ${errorMessage(err)}`);
  const extra: Record<string, string> = { 'x-oblix-model': 'none', 'x-oblix-route': headerValue(e.code ?? e.type), ...headers };
  if (e.retryAfter !== null) extra['retry-after'] = String(e.retryAfter);
  if (e.status === 413) extra.connection = 'close';
  sendJson(res, e.status, { error: e.message }, extra);
}
