// How an OpenAI-kind chat call reaches its upstream. Two transports behind one shape:
// - undici's request() on a keep-alive pool for upstreams on this machine (LM Studio, llama.cpp,
//   vLLM on loopback): there Oblix's CPU competes with the model server's, and undici costs about
//   half of node:http per call (docs/performance/PROFILE.md).
// - node:http(s) with a keep-alive agent for everything else: VS Code's proxy support and system
//   certificates patch these modules, not a private undici pool; over a network the CPU saved
//   would be lost in the round trip anyway.
import * as http from 'node:http';
import * as https from 'node:https';
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { Cancel } from '../../support/cancel';
import { isLoopbackHost } from '../../support/loopback';
import { newAgent, request } from './undici-lite';

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Readable;
}

export interface UpstreamTransport {
  /** POSTs `payload` (JSON) to the chat-completions URL; resolves once the response headers are in. */
  post(payload: string, headers: Record<string, string>, cancel: Cancel): Promise<UpstreamResponse>;
}

export type TransportKind = 'undici' | 'http';

/** undici on loopback, node:http(s) elsewhere (see the top of this file). */
export function transportFor(url: URL): TransportKind {
  return isLoopbackHost(url.hostname) ? 'undici' : 'http';
}

export function createTransport(url: URL, kind: TransportKind = transportFor(url)): UpstreamTransport {
  return kind === 'undici' ? new UndiciTransport(url) : new HttpTransport(url);
}

class UndiciTransport implements UpstreamTransport {
  private pool: Dispatcher | null = null;
  private readonly origin: string;
  private readonly path: string;

  constructor(url: URL) {
    this.origin = url.origin;
    this.path = `${url.pathname}${url.search}`;
  }

  async post(payload: string, headers: Record<string, string>, cancel: Cancel): Promise<UpstreamResponse> {
    // No header or body timeouts: the router's first-token timeout covers the start, and a
    // reasoning model may stay silent mid-answer for minutes (node:http had none either).
    this.pool ??= newAgent({ keepAliveTimeout: 30_000, headersTimeout: 0, bodyTimeout: 0 });
    const res = await request(this.pool, { origin: this.origin, path: this.path, method: 'POST', headers, body: payload, signal: cancel });
    return { status: res.statusCode, headers: res.headers, body: res.body };
  }
}

class HttpTransport implements UpstreamTransport {
  private readonly agent: http.Agent;
  private readonly send: typeof http.request;
  /** Request options parsed once: building them from a URL on every call shows in the profile. */
  private readonly target: { protocol: string; hostname: string; port: string; path: string };

  constructor(url: URL) {
    const secure = url.protocol === 'https:';
    this.target = { protocol: url.protocol, hostname: url.hostname.replace(/^\[|\]$/g, ''), port: url.port, path: `${url.pathname}${url.search}` };
    this.agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
    this.send = secure ? https.request : http.request;
  }

  post(payload: string, headers: Record<string, string>, cancel: Cancel): Promise<UpstreamResponse> {
    if (cancel.aborted) return Promise.reject(abortError());
    return new Promise((resolve, reject) => {
      const req = this.send({ ...this.target, method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(payload) }, agent: this.agent });
      // Wired by hand: Node's `signal` option would need a real AbortSignal and adds a watcher per request.
      const onCancel = (): void => void req.destroy(abortError());
      cancel.addEventListener('abort', onCancel);
      const release = (): void => cancel.removeEventListener('abort', onCancel);
      req.on('response', (res) => {
        res.once('close', release);
        resolve({ status: res.statusCode ?? 500, headers: res.headers, body: res });
      });
      req.on('error', (err) => {
        release();
        reject(err);
      });
      req.end(payload);
    });
  }
}

function abortError(): Error {
  return Object.assign(new Error('This operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' });
}
