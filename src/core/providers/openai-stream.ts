// The chat-completions call of OpenAI-kind providers over node:http(s) with a keep-alive agent.
// Measured in bench/PROFILE.md: the `openai` SDK and the fetch under it cost ~980 µs of CPU per
// call against ~375 µs here, which tripled Oblix's throughput; the SDK stays for models and probes.
import * as http from 'node:http';
import * as https from 'node:https';
import type { ChatCompletionChunk } from '../openai/types';
import { SseReader } from './sse-reader';

/** Thrown for an HTTP error answer, in the shape toUpstreamError reads (status, error body, headers). */
export class HttpStatusError extends Error {
  constructor(readonly status: number, readonly error: unknown, readonly headers: Headers) {
    super(`${status} ${typeof error === 'string' ? error : JSON.stringify(error)}`);
  }
}

export class OpenAIStream {
  private readonly agent: http.Agent;
  private readonly url: URL;

  constructor(baseURL: string, private readonly apiKey: string | undefined) {
    this.url = new URL(`${baseURL.replace(/\/+$/, '')}/chat/completions`);
    const secure = this.url.protocol === 'https:';
    this.agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  }

  /** POSTs the body and yields each chunk until `[DONE]`; an error event in the stream throws. */
  async *chunks(body: unknown, signal: AbortSignal): AsyncGenerator<ChatCompletionChunk> {
    const payload = JSON.stringify(body);
    const res = await this.post(payload, signal);
    if ((res.statusCode ?? 500) >= 400) throw await statusError(res);
    const reader = new SseReader();
    res.setEncoding('utf8');
    let done = false;
    try {
      // After [DONE] the loop still reads to the body's end: leaving it (which destroys the
      // response) would cost the keep-alive connection on every request.
      for await (const text of res as AsyncIterable<string>) {
        if (done) continue;
        for (const data of reader.push(text)) {
          if (data === '[DONE]') {
            done = true;
            break;
          }
          const chunk = JSON.parse(data) as ChatCompletionChunk & { error?: { message?: string } };
          if (chunk.error) throw new Error(chunk.error.message ?? JSON.stringify(chunk.error));
          yield chunk;
        }
      }
      // The body ended without [DONE]: the upstream went away mid-answer.
      if (!done) throw Object.assign(new Error('the stream ended before [DONE] (terminated)'), { code: 'ECONNRESET' });
    } finally {
      if (!res.complete) res.destroy(); // the consumer stopped early: close this connection
    }
  }

  private post(payload: string, signal: AbortSignal): Promise<http.IncomingMessage> {
    const headers: http.OutgoingHttpHeaders = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(payload),
      accept: 'text/event-stream',
    };
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    const send = this.url.protocol === 'https:' ? https.request : http.request;
    return new Promise((resolve, reject) => {
      const req = send(this.url, { method: 'POST', headers, agent: this.agent, signal }, resolve);
      req.on('error', reject);
      req.end(payload);
    });
  }
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
