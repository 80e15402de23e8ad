// Writing JSON bodies and OpenAI-shaped errors.
import type { ServerResponse } from 'node:http';
import { OblixError } from '../errors/oblix-error';
import { errorMessage } from '../errors/error-message';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** A header value Node will accept whatever the text came from (an upstream's error code, a client's parameter name). */
export function headerValue(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}

/** `x-oblix-ignored-params`, capped: thousands of unknown names would make a header no client can read. */
export function ignoredParamsHeader(names: readonly string[], maxChars = 400): string {
  let out = '';
  let shown = 0;
  for (const name of names) {
    const next = shown === 0 ? name : `${out}, ${name}`;
    if (next.length > maxChars) break;
    out = next;
    shown++;
  }
  if (shown < names.length) out += `${shown ? ', ' : ''}+${names.length - shown} more`;
  return headerValue(out);
}

export function sendError(res: ServerResponse, err: unknown, headers: Record<string, string> = {}): void {
  const e = err instanceof OblixError ? err : OblixError.of('internal_error', `Internal error in Oblix: ${errorMessage(err)}`);
  const extra: Record<string, string> = { 'x-oblix-model': 'none', 'x-oblix-route': headerValue(e.code ?? e.type), ...headers };
  if (e.retryAfter !== null) extra['retry-after'] = String(e.retryAfter);
  if (e.status === 413) extra.connection = 'close'; // do not read the rest of an oversized upload
  sendJson(res, e.status, e.toBody(), extra);
}
