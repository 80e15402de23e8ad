// OblixClient: the router for a Node program, without running a server (or through one that runs).
// `oblix chat` is built on it; see README "Node SDK".
import { join } from 'node:path';
import type { OblixConfig } from '../core/config/config';
import { dataDirOf } from '../core/config/data-dir';
import { OblixServer } from '../core/server/http-server';
import type { Engine } from './engine';
import { registerEngine } from './engine-of';
import { executeStream } from './execute';
import type { ExecuteChunk, ExecuteOptions, ExecuteResult } from './execute-types';
import { FileSessionStore } from './file-session-store';
import { baseUrlOf, oblixServerAt } from './find-server';
import type { OblixClientOptions } from './client-options';
import { configOf } from './client-config';
import { InProcessEngine } from './in-process-engine';
import { RemoteEngine } from './remote-engine';
import { sdkCaller, sdkUserAgent, type SdkClientName } from './sdk-caller';

export interface Served {
  /** http://HOST:PORT/v1 */
  url: string;
  close(): Promise<void>;
}

export class OblixClient {
  /** The sessions in `<dataDir>/sessions/`, one file each, in the editor's export format. */
  readonly sessions: FileSessionStore;
  private readonly config: OblixConfig;
  private readonly dataDir: string;
  private engine: Promise<Engine> | null = null;
  private readonly servers: OblixServer[] = [];

  constructor(options?: OblixClientOptions);
  /** @internal `oblix chat`: a config the CLI already normalised from its flags, and its name in the ledger. */
  constructor(options: OblixClientOptions, normalised: OblixConfig, client: SdkClientName);
  constructor(
    private readonly options: OblixClientOptions = {},
    normalised?: OblixConfig,
    private readonly client: SdkClientName = 'sdk',
  ) {
    const env = options.env ?? process.env;
    this.config = normalised ?? configOf(options, env);
    this.dataDir = dataDirOf(this.config.dataDir, env);
    this.sessions = new FileSessionStore(join(this.dataDir, 'sessions'));
    registerEngine(this, () => this.connect());
  }

  /** Asks the router: a promise of the whole answer, or (with `stream: true`) an async iterable of chunks. */
  execute(options: ExecuteOptions & { stream: true }): AsyncIterable<ExecuteChunk>;
  execute(options: ExecuteOptions & { stream?: false }): Promise<ExecuteResult>;
  execute(options: ExecuteOptions): Promise<ExecuteResult> | AsyncIterable<ExecuteChunk>;
  execute(options: ExecuteOptions): Promise<ExecuteResult> | AsyncIterable<ExecuteChunk> {
    const chunks = this.chunks(options);
    if (options.stream) return chunks;
    return (async () => {
      for await (const c of chunks) if (c.type === 'done') return c.result;
      throw new Error('The answer ended without a result.');
    })();
  }

  /** What answers: `in-process`, or the server's address. */
  async where(): Promise<string> {
    return (await this.connect()).where;
  }

  private connect(): Promise<Engine> {
    this.engine ??= this.open();
    return this.engine;
  }

  /** Serves this client's router over HTTP too (the same core: one ledger, one stickiness). Port 0 picks a free one. */
  async serve(options: { port?: number; host?: string } = {}): Promise<Served> {
    const engine = await this.connect();
    if (!(engine instanceof InProcessEngine)) throw new Error(`This client uses the server at ${engine.where}; serve() needs connect: 'in-process'.`);
    const c = this.config;
    const server = new OblixServer(await engine.core(), {
      host: options.host ?? c.host,
      port: options.port ?? c.port,
      allowedOrigins: c.allowedOrigins,
      ...(c.apiKey && { apiKey: c.apiKey }),
      maxBodyBytes: c.maxBodyBytes,
    });
    this.servers.push(server);
    const url = await server.listen();
    return { url, close: () => server.close() };
  }

  /** Stops the servers serve() started and the background monitors; the process can exit. */
  async close(): Promise<void> {
    await Promise.all(this.servers.splice(0).map((s) => s.close()));
    if (this.engine) await (await this.engine).close();
  }

  private async *chunks(options: ExecuteOptions): AsyncGenerator<ExecuteChunk> {
    yield* executeStream(await this.connect(), this.sessions, options);
  }

  private async open(): Promise<Engine> {
    const connect = this.options.connect ?? 'in-process';
    const inProcess = (): Engine => new InProcessEngine(this.config, this.dataDir, sdkCaller(this.client));
    if (connect === 'in-process') return inProcess();
    const base = baseUrlOf(this.config.host, this.config.port);
    if (await oblixServerAt(base, this.config.apiKey)) return new RemoteEngine(base, this.config.apiKey, sdkUserAgent(this.client));
    if (connect === 'server') throw new Error(`No Oblix server answers at ${base} (GET /health). Start one with oblix serve, or use connect: 'in-process'.`);
    return inProcess();
  }
}
