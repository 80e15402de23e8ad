// An upstream that answers every request with a body a test wrote out byte for byte (SSE events,
// NDJSON lines), and records each request's parsed JSON body. For translation tests that need to
// pin exactly what a provider makes of one upstream stream, which the behaviour-driven fakes
// (fake-ollama, fake-anthropic, fake-openai) do not let a test choose.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readJson } from './fake-server';

export interface Script {
  status?: number;
  contentType: string;
  body: string;
  /** Leave the response open after the body, as an upstream still generating would; `released` tells when the client closes it. */
  hold?: boolean;
}

export class ScriptedUpstream {
  readonly requests: { method: string; path: string; headers: http.IncomingHttpHeaders; body: unknown }[] = [];
  /** What the next requests get; a test sets it before each call. */
  script: Script = { contentType: 'application/json', body: '{}' };
  /** For a held response: resolves when the client closed its connection. */
  released: Promise<void> | null = null;
  private server: http.Server | null = null;

  async start(): Promise<string> {
    const server = http.createServer((req, res) => {
      void readJson(req).then((body) => {
        this.requests.push({ method: req.method ?? 'GET', path: new URL(req.url ?? '/', 'http://x').pathname, headers: req.headers, body });
        res.writeHead(this.script.status ?? 200, { 'content-type': this.script.contentType });
        if (!this.script.hold) return void res.end(this.script.body);
        this.released = new Promise((resolve) => res.on('close', () => resolve()));
        res.write(this.script.body);
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** The body of the last request on `path`. */
  last(path: string): unknown {
    return this.lastRequest(path).body;
  }

  /** The last request on `path`, headers included. */
  lastRequest(path: string): ScriptedUpstream['requests'][number] {
    const r = [...this.requests].reverse().find((x) => x.path === path);
    if (!r) throw new Error(`no request on ${path}`);
    return r;
  }

  stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}

/** Server-sent events, one `event:` + `data:` block per entry (Anthropic names each event). */
export function sse(events: { event?: string; data: unknown }[]): string {
  return events.map((e) => `${e.event ? `event: ${e.event}\n` : ''}data: ${typeof e.data === 'string' ? e.data : JSON.stringify(e.data)}\n\n`).join('');
}

/** Newline-delimited JSON, one line per value (Ollama's stream). */
export function ndjson(lines: unknown[]): string {
  return lines.map((l) => `${JSON.stringify(l)}\n`).join('');
}
