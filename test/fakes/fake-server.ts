// Shared base for fake upstream model servers (Ollama, OpenAI, Anthropic).
// Only node:http, so tests exercise the real client libraries over real sockets.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { batchWrites, type WriteBatching } from './write-batching';

export interface RecordedRequest {
  method: string;
  path: string; // pathname only, query string stripped
  headers: http.IncomingHttpHeaders;
  body: unknown; // parsed JSON, or undefined when the body was empty
}

/** Switchable faults; every fake honours them on its generation endpoint. */
export interface Faults {
  status?: number; // reply with this HTTP status and the provider's error body
  message?: string; // error message for `status` (default: the HTTP reason phrase)
  param?: string; // the parameter a `status` error blames (OpenAI's `error.param`)
  retryAfter?: number; // seconds, sent as Retry-After together with `status`
  refuse?: boolean; // destroy the socket without any response (crash)
  stallMs?: number; // wait before headers / first token
  tokenDelayMs?: number; // delay between streamed tokens
  cutAfterTokens?: number; // streaming: destroy the socket after N tokens (min(N, all))
  errorMidStream?: string; // streaming: provider's in-stream error after the first token
  endAfterTokens?: number; // streaming: end the response cleanly after N tokens, without the closing events
  stallAfterTokens?: number; // streaming: send N tokens, then nothing (the connection stays open)
  rawLineAfterFirstToken?: string; // streaming: write this raw text (plus a newline) after the first token
}

export interface FakeToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

export type Json = Record<string, unknown>;

export function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown, key: string): string | undefined {
  const x = isRecord(v) ? v[key] : undefined;
  return typeof x === 'string' ? x : undefined;
}

export function num(v: unknown, key: string): number | undefined {
  const x = isRecord(v) ? v[key] : undefined;
  return typeof x === 'number' && Number.isFinite(x) ? x : undefined;
}

export function arr(v: unknown, key: string): unknown[] {
  const x = isRecord(v) ? v[key] : undefined;
  return Array.isArray(x) ? x : [];
}

/** Words with their leading whitespace: "Hello from x." -> ["Hello", " from", " x."]. */
export function splitTokens(text: string): string[] {
  return text.match(/\s*\S+\s*$|\s*\S+/g) ?? [];
}

/** Sum of all text in a content value (string, or array of {text} parts). */
function textLength(content: unknown): number {
  if (typeof content === 'string') return content.length;
  if (!Array.isArray(content)) return 0;
  return content.reduce<number>((n, part) => n + (str(part, 'text')?.length ?? 0), 0);
}

/** Deterministic prompt token count: characters of all message texts / 4, rounded up, min 1. */
export function countPromptTokens(messages: unknown[], system?: unknown): number {
  const chars = messages.reduce<number>((n, m) => n + textLength(isRecord(m) ? m.content : undefined), textLength(system));
  return Math.max(1, Math.ceil(chars / 4));
}

/** Cut text at the earliest stop sequence found in it, as real servers do. */
export function applyStop(text: string, stop: unknown): { text: string; matched?: string } {
  const stops = typeof stop === 'string' ? [stop] : Array.isArray(stop) ? stop : [];
  let best: { text: string; matched?: string } = { text };
  for (const s of stops) {
    const i = typeof s === 'string' && s !== '' ? text.indexOf(s) : -1;
    if (i >= 0 && i < best.text.length) best = { text: text.slice(0, i), matched: String(s) };
  }
  return best;
}

export function randomId(prefix: string): string {
  return prefix + randomBytes(12).toString('hex');
}

export function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', reject);
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve(undefined);
      try {
        resolve(JSON.parse(text) as unknown);
      } catch (e) {
        reject(e);
      }
    });
  });
}

export abstract class FakeServer {
  requests: RecordedRequest[] = [];
  faults: Faults = {};
  /** How response bodies are cut into socket writes; unset, each write goes out as the fake makes it. */
  batching?: WriteBatching;
  aborted = 0;
  reply: string;
  toolCall?: FakeToolCall;

  private server?: http.Server;
  private baseUrl?: string;
  private readonly sockets = new Set<import('node:net').Socket>();
  private readonly open = new Set<http.ServerResponse>();
  // Responses we destroyed on purpose: not counted as client aborts.
  private readonly killed = new WeakSet<http.ServerResponse>();
  private readonly closed = new WeakSet<http.ServerResponse>();

  constructor(readonly name: string) {
    this.reply = `Hello from ${name}.`;
  }

  get url(): string {
    if (!this.baseUrl) throw new Error(`${this.name} is not started`);
    return this.baseUrl;
  }

  /** `port` lets a test bring a stopped fake back at the same address. */
  start(port = 0): Promise<string> {
    const server = http.createServer((req, res) => void this.dispatch(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        this.baseUrl = `http://127.0.0.1:${port}`;
        resolve(this.baseUrl);
      });
    });
  }

  stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections(); // keep-alive and streaming sockets would block close()
    });
  }

  /** Sockets connected to this fake now, idle keep-alive ones included. */
  get connections(): number {
    return this.sockets.size;
  }

  /** Requests whose answer is still open: neither finished nor closed by either side. */
  get inFlight(): number {
    return this.open.size;
  }

  reset(): void {
    this.requests = [];
    this.faults = {};
    this.batching = undefined;
    this.aborted = 0;
  }

  /** Handle a routed request; return false when the path is unknown. */
  protected abstract route(req: http.IncomingMessage, res: http.ServerResponse, path: string, body: unknown): Promise<boolean>;

  /** The provider's own error body for an HTTP status. */
  protected abstract errorBody(status: number, message: string): unknown;

  private async dispatch(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    res.on('error', () => undefined); // writes after a client disconnect must not crash the fake
    this.open.add(res);
    if (this.batching) batchWrites(res, this.batching);
    res.on('close', () => {
      this.open.delete(res);
      this.closed.add(res);
      if (!res.writableFinished && !this.killed.has(res)) this.aborted++;
    });
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    let body: unknown;
    try {
      body = await readJson(req);
    } catch {
      this.requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body: undefined });
      return this.sendError(res, 400, 'invalid JSON body');
    }
    this.requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body });
    try {
      if (!(await this.route(req, res, path, body))) this.sendError(res, 404, `404 page not found: ${req.method} ${path}`);
    } catch (e) {
      if (!res.headersSent) this.sendError(res, 500, e instanceof Error ? e.message : String(e));
      else this.kill(res);
    }
  }

  protected sendJson(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
    if (this.gone(res)) return;
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
    res.end(text);
  }

  protected sendError(res: http.ServerResponse, status: number, message: string, headers: http.OutgoingHttpHeaders = {}): void {
    this.sendJson(res, status, this.errorBody(status, message), headers);
  }

  /** True once the connection is closed (client went away, or we killed it). */
  protected gone(res: http.ServerResponse): boolean {
    return this.closed.has(res) || res.destroyed;
  }

  /** Destroy the socket on purpose (crash / cut). */
  protected kill(res: http.ServerResponse): void {
    this.killed.add(res);
    res.socket?.destroy();
    res.destroy();
  }

  /** Wait until written data has left the socket (node:http corks the first writes). */
  private async flush(res: http.ServerResponse): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    const socket = res.socket;
    if (!socket || socket.writableLength === 0) return;
    await new Promise((resolve) => {
      socket.once('drain', resolve);
      socket.once('close', resolve);
    });
  }

  /** Sleep that ends early if the client disconnects; resolves true if still connected. */
  protected wait(res: http.ServerResponse, ms: number): Promise<boolean> {
    if (ms <= 0 || this.gone(res)) return Promise.resolve(!this.gone(res));
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        res.off('close', done);
        resolve(!this.gone(res));
      };
      const timer = setTimeout(done, ms);
      res.once('close', done);
    });
  }

  /** Apply refuse / stall / status faults; resolves true if the request should proceed. */
  protected async applyFaults(res: http.ServerResponse): Promise<boolean> {
    const f = this.faults;
    if (f.refuse) {
      this.kill(res);
      return false;
    }
    if (f.stallMs && !(await this.wait(res, f.stallMs))) return false;
    if (f.status !== undefined) {
      const headers: http.OutgoingHttpHeaders = f.retryAfter !== undefined ? { 'Retry-After': String(f.retryAfter) } : {};
      this.sendError(res, f.status, f.message ?? http.STATUS_CODES[f.status] ?? 'error', headers);
      return false;
    }
    return !this.gone(res);
  }

  /**
   * Run streamed steps (one token each) honouring tokenDelayMs, cutAfterTokens and
   * errorMidStream. Resolves true if the caller should write its final events.
   */
  protected async streamSteps(res: http.ServerResponse, steps: Array<() => void>, writeError: (message: string) => void): Promise<boolean> {
    const { tokenDelayMs, cutAfterTokens, errorMidStream, endAfterTokens, stallAfterTokens, rawLineAfterFirstToken } = this.faults;
    const cutAt = cutAfterTokens === undefined ? undefined : Math.min(cutAfterTokens, steps.length);
    for (let i = 0; i <= steps.length; i++) {
      if (i === cutAt) {
        await this.flush(res); // tokens already written must reach the client before the cut
        this.kill(res);
        return false;
      }
      if (endAfterTokens !== undefined && i === Math.min(endAfterTokens, steps.length)) {
        res.end(); // a clean end of the body, but the upstream never said the answer was finished
        return false;
      }
      if (stallAfterTokens !== undefined && i === Math.min(stallAfterTokens, steps.length)) {
        await this.wait(res, 3_600_000); // silent until the client gives up
        return false;
      }
      if (rawLineAfterFirstToken !== undefined && i === Math.min(1, steps.length)) res.write(`${rawLineAfterFirstToken}\n`);
      if (errorMidStream !== undefined && i === Math.min(1, steps.length)) {
        writeError(errorMidStream);
        res.end();
        return false;
      }
      if (i === steps.length) break;
      if (i > 0 && tokenDelayMs && !(await this.wait(res, tokenDelayMs))) return false;
      if (this.gone(res)) return false;
      steps[i]();
    }
    return !this.gone(res);
  }

  /** A tool call answer is given only when configured AND the request offers tools. */
  protected toolCallFor(body: unknown): FakeToolCall | undefined {
    return this.toolCall && arr(body, 'tools').length > 0 ? this.toolCall : undefined;
  }
}
