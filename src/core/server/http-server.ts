// The OpenAI-compatible HTTP server around an Oblix instance: listen, dispatch, close cleanly.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Oblix } from '../oblix';
import { OblixError } from '../errors/oblix-error';
import { stopResponse } from '../http/client-gone';
import { sendError } from '../http/respond';
import { dispatch, type RouteOptions } from './routes';

export interface ListenOptions extends Omit<RouteOptions, 'bindHost'> {
  host: string;
  port: number;
}

/** How long answers in flight may run on after a stop before they are ended with an error. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 3_000;

export class OblixServer {
  private server: Server | null = null;
  /** Responses not yet finished, so that a stop can wait for them and then end them honestly. */
  private readonly active = new Set<ServerResponse>();
  private closing = false;

  private routeOptions: RouteOptions;

  constructor(
    private oblix: Oblix,
    private readonly options: ListenOptions,
  ) {
    this.routeOptions = { ...options, bindHost: options.host };
  }

  /** Serves the next requests with another core (settings changed); requests in flight finish on the old one. */
  use(oblix: Oblix, options: Pick<ListenOptions, 'allowedOrigins' | 'apiKey'>): void {
    this.oblix = oblix;
    Object.assign(this.options, options);
    this.routeOptions = { ...this.options, bindHost: this.options.host };
  }

  /** Resolves with the base URL (`http://HOST:PORT/v1`) once listening; rejects on EADDRINUSE etc. */
  async listen(): Promise<string> {
    // dispatch answers its own errors; if even that fails, drop the connection rather than the process.
    const server = createServer((req, res) => {
      if (this.closing) {
        // A request on a kept-alive connection after the stop began.
        sendError(res, OblixError.of('server_shutting_down', 'Oblix is shutting down: try again in a moment.'), { connection: 'close' });
        return;
      }
      this.active.add(res);
      res.once('close', () => this.active.delete(res));
      void dispatch(this.oblix, req, res, this.routeOptions).catch(() => res.destroy());
    });
    server.keepAliveTimeout = 65_000; // longer than common client pools, so reused sockets are not cut under them
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        server.on('error', () => {}); // after listen (EMFILE on accept...): Node retries; not worth the process
        resolve();
      });
    });
    this.server = server;
    return this.url;
  }

  get url(): string {
    const addr = this.server?.address() as AddressInfo | null;
    if (!addr) throw new Error('The server is not listening.');
    const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    return `http://${host}:${addr.port}/v1`;
  }

  get port(): number {
    return (this.server?.address() as AddressInfo).port;
  }

  /**
   * Stops accepting, lets the answers in flight finish for `graceMs`, then ends each one still
   * running with an error in its own dialect (a stream gets an error event and its end marker,
   * never a bare cut) before the last sockets are closed.
   */
  async close(graceMs = DEFAULT_SHUTDOWN_GRACE_MS): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    this.closing = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    if (!(await this.drained(graceMs))) {
      for (const res of this.active) stopResponse(res);
      await this.drained(1_000);
    }
    server.closeAllConnections();
    await closed;
  }

  /** Resolves true once no response is in flight, false when `ms` ran out first. */
  private async drained(ms: number): Promise<boolean> {
    const until = Date.now() + ms;
    while (this.active.size > 0) {
      if (Date.now() >= until) return false;
      await new Promise((r) => setTimeout(r, 25));
    }
    return true;
  }
}
