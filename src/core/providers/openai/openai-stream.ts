// The chat-completions call of OpenAI-kind providers: a plain POST (upstream-transport.ts) and a
// small SSE reader. Measured in docs/performance/PROFILE.md: the `openai` SDK and the fetch under it cost
// ~980 µs of CPU per call, node:http ~375 µs, undici's request() ~200 µs. The SDK stays for the
// reachability probe, which is not on the hot path.
import type { Cancel } from '../../support/cancel';
import type { ChatCompletionChunk } from '../../request';
import { HttpStatusError } from '../http-status-error';
import { BodyReader } from './body-reader';
import { SseReader } from './sse-reader';
import { createTransport, type TransportKind, type UpstreamResponse, type UpstreamTransport } from './upstream-transport';
import { TransportError } from '../transport-error';

export class OpenAIStream {
  private readonly transport: UpstreamTransport;

  constructor(
    baseURL: string,
    private readonly apiKey: string | undefined,
    kind?: TransportKind,
    path = '/chat/completions',
  ) {
    const url = new URL(`${baseURL.replace(/\/+$/, '')}${path}`);
    this.transport = createTransport(url, kind);
  }

  /**
   * POSTs the body and yields, for each read until `[DONE]`, what `map` makes of its chunks (reads
   * that make nothing yield nothing). An error answer, an error event or a cut stream throws
   * `fail(error)`.
   */
  async *batches<T, C = ChatCompletionChunk>(body: unknown, cancel: Cancel, map: (chunk: C, out: T[]) => void, fail: (err: unknown) => Error): AsyncGenerator<T[]> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream' };
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    // Serialised outside the try: a failure here is Oblix's, not the upstream's.
    const payload = JSON.stringify(body);
    let res: UpstreamResponse;
    try {
      res = await this.transport.post(payload, headers, cancel);
      if (res.status >= 400) throw await statusError(res);
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
          const chunk = JSON.parse(data) as C & { error?: { message?: string } };
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
      if (!done) throw new TransportError('the stream ended before [DONE] (terminated)', { code: 'ECONNRESET' });
    } catch (err) {
      throw fail(err);
    } finally {
      reader.dispose();
      if (!reader.ended) res.body.destroy(); // the consumer stopped early: close this connection
    }
  }
}

async function statusError(res: UpstreamResponse): Promise<HttpStatusError> {
  const reader = new BodyReader(res.body);
  let text: string;
  try {
    text = await reader.text();
  } finally {
    reader.dispose();
  }
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  const headers = new Headers();
  for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
  return new HttpStatusError(res.status, body, headers);
}
