// The OpenAI-compatible HTTP server around an Oblix instance: listen, dispatch, close cleanly.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Oblix } from '../oblix';
import { dispatch, type RouteOptions } from './routes';

export interface ListenOptions extends Omit<RouteOptions, 'bindHost'> {
  host: string;
  port: number;
}

export class OblixServer {
  private server: Server | null = null;

  private routeOptions: RouteOptions;

  constructor(private oblix: Oblix, private readonly options: ListenOptions) {
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
    const server = createServer((req, res) => void dispatch(this.oblix, req, res, this.routeOptions).catch(() => res.destroy()));
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

  /** Stops accepting, ends idle keep-alive sockets, and aborts streams still running. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 2_000).unref();
    await closed;
  }
}
