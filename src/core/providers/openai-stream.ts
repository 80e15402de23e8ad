// The chat-completions call of OpenAI-kind providers: undici's request() over a keep-alive pool,
// and a small SSE reader. Measured in bench/PROFILE.md: the `openai` SDK and the fetch under it
// cost ~980 µs of CPU per call, node:http ~375 µs, undici's request() ~200 µs. The SDK stays for
// models and probes, which are not on the hot path.
import type { Cancel } from '../cancel';
import type { ChatCompletionChunk } from '../openai/types';
import { BodyReader } from './body-reader';
import { SseReader } from './sse-reader';
import { newAgent, request, type ResponseData } from './undici-lite';
import type { Dispatcher } from 'undici';

/** Thrown for an HTTP error answer, in the shape toUpstreamError reads (status, error body, headers). */
export class HttpStatusError extends Error {
  constructor(readonly status: number, readonly error: unknown, readonly headers: Headers) {
    super(`${status} ${typeof error === 'string' ? error : JSON.stringify(error)}`);
  }
}

export class OpenAIStream {
  private pool: Dispatcher | null = null;
  private readonly origin: string;
  private readonly path: string;

  constructor(baseURL: string, private readonly apiKey: string | undefined) {
    const url = new URL(`${baseURL.replace(/\/+$/, '')}/chat/completions`);
    this.origin = url.origin;
    this.path = `${url.pathname}${url.search}`;
  }

  /**
   * POSTs the body and yields, for each read until `[DONE]`, what `map` makes of its chunks (reads
   * that make nothing yield nothing). An error answer, an error event or a cut stream throws
   * `fail(error)`.
   */
  async *batches<T>(body: unknown, cancel: Cancel, map: (chunk: ChatCompletionChunk, out: T[]) => void, fail: (err: unknown) => Error): AsyncGenerator<T[]> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream' };
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    let res: ResponseData;
    try {
      res = await request((this.pool ??= newAgent({ keepAliveTimeout: 30_000 })), { origin: this.origin, path: this.path, method: 'POST', headers, body: JSON.stringify(body), signal: cancel });
      if (res.statusCode >= 400) throw await statusError(res);
    } catch (err) {
      throw fail(err);
    }
    const sse = new SseReader();
    const reader = new BodyReader(res.body);
    let done = false;
    try {
      // After [DONE] the loop still reads to the body's end: leaving it (which destroys the
      // body) would cost the keep-alive connection on every request.
      for (let text = await reader.next(); text !== null; text = await reader.next()) {
        if (done) continue;
        const batch: T[] = [];
        for (const data of sse.push(text)) {
          if (data === '[DONE]') {
            done = true;
            break;
          }
          const chunk = JSON.parse(data) as ChatCompletionChunk & { error?: { message?: string } };
          if (chunk.error) {
            // What came before the error in the same read is part of the answer: pass it on first.
            if (batch.length) yield batch;
            throw new Error(chunk.error.message ?? JSON.stringify(chunk.error));
          }
          map(chunk, batch);
        }
        if (batch.length) yield batch;
      }
      // The body ended without [DONE]: the upstream went away mid-answer.
      if (!done) throw Object.assign(new Error('the stream ended before [DONE] (terminated)'), { code: 'ECONNRESET' });
    } catch (err) {
      throw fail(err);
    } finally {
      reader.dispose();
      if (!reader.ended) res.body.destroy(); // the consumer stopped early: close this connection
    }
  }
}

async function statusError(res: ResponseData): Promise<HttpStatusError> {
  const text = await res.body.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  const headers = new Headers();
  for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
  return new HttpStatusError(res.statusCode, body, headers);
}
