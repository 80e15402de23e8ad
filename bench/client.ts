// The load client: one undici Agent with keep-alive connections, the same for every target, so
// a difference between targets is the target's and not the client's. Each request checks its
// answer (status, content, [DONE]) and counts as an error otherwise.
import { Agent, request } from 'undici';
import { FAKE_CONTENT } from './fake-upstream';

export interface Target {
  name: string;
  /** Full URL of the chat completions endpoint. */
  url: string;
  /** The `model` to send: `auto` through Oblix, the upstream's name elsewhere. */
  model: string;
  headers: Record<string, string>;
}

export interface Outcome {
  ok: boolean;
  /** Headers received (ms from the start of the request). */
  headersMs: number;
  /** First body byte (ms). */
  firstByteMs: number;
  /** Last body byte (ms). */
  totalMs: number;
  error?: string;
}

const EXPECTED = FAKE_CONTENT.join('');
const LAST_TOKEN = FAKE_CONTENT[FAKE_CONTENT.length - 1]!;

/** A small but realistic chat request: a system prompt, a code question, a short history. */
export function requestBody(model: string, stream: boolean): string {
  return JSON.stringify({
    model,
    messages: [
      { role: 'system', content: 'You are a careful coding assistant. Answer briefly.' },
      { role: 'user', content: 'What does this function do?\n```ts\nexport const add = (a: number, b: number): number => a + b;\n```' },
      { role: 'assistant', content: 'It adds two numbers.' },
      { role: 'user', content: 'Write a test for it.' },
    ],
    temperature: 0.2,
    ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  });
}

export class LoadClient {
  readonly agent: Agent;
  private readonly bodies = new Map<string, string>();

  constructor(connectionsPerOrigin = 256) {
    this.agent = new Agent({ connections: connectionsPerOrigin, pipelining: 1, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 60_000 });
  }

  private body(t: Target, stream: boolean): string {
    const key = `${t.model}|${stream}`;
    let b = this.bodies.get(key);
    if (b === undefined) this.bodies.set(key, (b = requestBody(t.model, stream)));
    return b;
  }

  async send(t: Target, stream: boolean): Promise<Outcome> {
    const t0 = performance.now();
    let headersMs = Number.NaN;
    let firstByteMs = Number.NaN;
    try {
      const res = await request(t.url, {
        dispatcher: this.agent,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...t.headers },
        body: this.body(t, stream),
      });
      headersMs = performance.now() - t0;
      let text = '';
      res.body.setEncoding('utf8');
      for await (const chunk of res.body as AsyncIterable<string>) {
        if (text === '') firstByteMs = performance.now() - t0;
        text += chunk;
      }
      const totalMs = performance.now() - t0;
      const error = res.statusCode !== 200 ? `HTTP ${res.statusCode}: ${text.slice(0, 200)}` : stream ? checkStream(text) : checkJson(text);
      return { ok: error === undefined, headersMs, firstByteMs, totalMs, error };
    } catch (err) {
      return { ok: false, headersMs, firstByteMs, totalMs: performance.now() - t0, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
    }
  }

  /**
   * `concurrency` clients, each sending its next request as soon as the last one ended, for
   * `durationMs`. Returns completed requests, errors and per-request latencies.
   */
  async closedLoop(
    t: Target,
    concurrency: number,
    durationMs: number,
    stream = false,
  ): Promise<{ ok: number; errors: number; elapsedMs: number; latencies: number[]; firstError?: string }> {
    const deadline = performance.now() + durationMs;
    const latencies: number[] = [];
    let ok = 0;
    let errors = 0;
    let firstError: string | undefined;
    const start = performance.now();
    const worker = async (): Promise<void> => {
      while (performance.now() < deadline) {
        const o = await this.send(t, stream);
        if (o.ok) {
          ok++;
          latencies.push(o.totalMs);
        } else {
          errors++;
          firstError ??= o.error;
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { ok, errors, elapsedMs: performance.now() - start, latencies, firstError };
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

function checkJson(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { choices?: { message?: { content?: unknown } }[] };
    const content = body.choices?.[0]?.message?.content;
    return content === EXPECTED ? undefined : `unexpected content: ${text.slice(0, 200)}`;
  } catch {
    return `not JSON: ${text.slice(0, 200)}`;
  }
}

function checkStream(text: string): string | undefined {
  if (text.includes('"error"')) return `error event: ${text.slice(text.indexOf('"error"'), 240)}`;
  if (!text.includes(JSON.stringify(LAST_TOKEN))) return `the last token is missing: ${text.slice(0, 200)}`;
  if (!text.trimEnd().endsWith('data: [DONE]')) return `no [DONE] at the end: ${text.slice(-200)}`;
  return undefined;
}
