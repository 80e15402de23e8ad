// A plain node:http client for the server's tests: any Host, Origin, method or body (chunked or
// not), and checks of OpenAI's error shape and of SSE bodies.
import assert from 'node:assert/strict';
import * as http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The parsed body, or undefined when it is not JSON (SSE, empty). */
  json: unknown;
}

export interface RawRequest {
  method?: string;
  path?: string;
  headers?: http.OutgoingHttpHeaders;
  /** An object is sent as JSON; a string or Buffer as is. */
  body?: unknown;
  /** Send the body with Transfer-Encoding: chunked (no Content-Length), split in pieces of this size. */
  chunkSize?: number;
}

/** A plain node:http request, so Host, Origin, methods and bodies can be anything. */
export function raw(base: string, r: RawRequest = {}): Promise<RawResponse> {
  const url = new URL(base);
  const payload = r.body === undefined ? undefined : typeof r.body === 'string' || Buffer.isBuffer(r.body) ? Buffer.from(r.body) : Buffer.from(JSON.stringify(r.body));
  const headers: http.OutgoingHttpHeaders = { ...(payload ? { 'content-type': 'application/json' } : {}), ...r.headers };
  if (payload && r.chunkSize === undefined) headers['content-length'] = payload.length;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method: r.method ?? (payload ? 'POST' : 'GET'), path: r.path ?? '/v1/chat/completions', headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text === '' ? undefined : (JSON.parse(text) as unknown);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    if (payload && r.chunkSize !== undefined) {
      for (let i = 0; i < payload.length; i += r.chunkSize) req.write(payload.subarray(i, i + r.chunkSize));
      req.end();
    } else {
      req.end(payload);
    }
  });
}

export interface ErrorInfo {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

/** Asserts the status and OpenAI's error shape (all four keys, non-empty message); returns the error. */
export function assertError(r: RawResponse, status: number, what = ''): ErrorInfo {
  assert.equal(r.status, status, `${what} status (body: ${r.text})`);
  assert.match(String(r.headers['content-type']), /application\/json/, what);
  const body = r.json as { error?: Record<string, unknown> } | undefined;
  assert.ok(body && typeof body.error === 'object' && body.error !== null, `${what} has an error object: ${r.text}`);
  const e = body.error;
  assert.deepEqual(Object.keys(e).sort(), ['code', 'message', 'param', 'type'], what);
  assert.equal(typeof e.message, 'string', what);
  assert.ok((e.message as string).length > 0, `${what} message is not empty`);
  assert.equal(typeof e.type, 'string', what);
  assert.ok(e.param === null || typeof e.param === 'string', what);
  assert.ok(e.code === null || typeof e.code === 'string', what);
  return e as unknown as ErrorInfo;
}

/** The `data:` payloads of an SSE body, in order. */
export function sseData(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('data: '))
    .map((l) => l.slice('data: '.length));
}
