// The chat-completions call of OpenAI-kind providers over node:http(s) with a keep-alive agent.
// Measured in bench/PROFILE.md: the `openai` SDK and the fetch under it cost ~980 µs of CPU per
// call against ~375 µs here, which tripled Oblix's throughput; the SDK stays for models and probes.
import * as http from 'node:http';
import * as https from 'node:https';
import type { ChatCompletionChunk } from '../openai/types';
import { BodyReader } from './body-reader';
import { SseReader } from './sse-reader';

/** Thrown for an HTTP error answer, in the shape toUpstreamError reads (status, error body, headers). */
export class HttpStatusError extends Error {
  constructor(readonly status: number, readonly error: unknown, readonly headers: Headers) {
    super(`${status} ${typeof error === 'string' ? error : JSON.stringify(error)}`);
  }
}

export class OpenAIStream {
  private readonly agent: http.Agent;
  private readonly send: typeof http.request;
  /** Request options parsed once: building them from a URL on every call shows in the profile. */
  private readonly target: { protocol: string; hostname: string; port: string; path: string };

  constructor(baseURL: string, private readonly apiKey: string | undefined) {
    const url = new URL(`${baseURL.replace(/\/+$/, '')}/chat/completions`);
    const secure = url.protocol === 'https:';
    this.target = { protocol: url.protocol, hostname: url.hostname.replace(/^\[|\]$/g, ''), port: url.port, path: `${url.pathname}${url.search}` };
    this.agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
    this.send = secure ? https.request : http.request;
  }

  /** POSTs the body and yields the chunks of each read until `[DONE]`; an error event in the stream throws. */
  async *chunks(body: unknown, signal: AbortSignal): AsyncGenerator<ChatCompletionChunk[]> {
    if (signal.aborted) throw abortError();
    const payload = JSON.stringify(body);
    const req = this.send({ ...this.target, method: 'POST', headers: this.headers(payload), agent: this.agent });
    // The abort is wired by hand: Node's `signal` option also installs an end-of-stream watcher per request.
    const onAbort = (): void => void req.destroy(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
        req.on('response', resolve);
        req.on('error', reject);
        req.end(payload);
      });
      if ((res.statusCode ?? 500) >= 400) throw await statusError(res);
      yield* this.events(res);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  private headers(payload: string): http.OutgoingHttpHeaders {
    const headers: http.OutgoingHttpHeaders = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(payload),
      accept: 'text/event-stream',
    };
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    return headers;
  }

  private async *events(res: http.IncomingMessage): AsyncGenerator<ChatCompletionChunk[]> {
    const sse = new SseReader();
    const reader = new BodyReader(res);
    let done = false;
    try {
      // After [DONE] the loop still reads to the body's end: leaving it (which destroys the
      // response) would cost the keep-alive connection on every request.
      for (let text = await reader.next(); text !== null; text = await reader.next()) {
        if (done) continue;
        const batch: ChatCompletionChunk[] = [];
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
          batch.push(chunk);
        }
        if (batch.length) yield batch;
      }
      // The body ended without [DONE]: the upstream went away mid-answer.
      if (!done) throw Object.assign(new Error('the stream ended before [DONE] (terminated)'), { code: 'ECONNRESET' });
    } finally {
      reader.dispose();
      if (!res.complete) res.destroy(); // the consumer stopped early: close this connection
    }
  }
}

function abortError(): Error {
  return Object.assign(new Error('This operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' });
}

async function statusError(res: http.IncomingMessage): Promise<HttpStatusError> {
  let text = '';
  res.setEncoding('utf8');
  for await (const part of res as AsyncIterable<string>) text += part;
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  const headers = new Headers();
  for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
  return new HttpStatusError(res.statusCode ?? 500, body, headers);
}
