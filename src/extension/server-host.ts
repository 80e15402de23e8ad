// Runs the OpenAI-compatible server inside the extension host. Several VS Code windows each have
// an extension host: the first owns the port, a later one that finds Oblix already answering
// there uses it, and a port held by another program gets a clear message with a way out.
import * as vscode from 'vscode';
import type { Oblix } from '../core/oblix';
import { OblixServer } from '../core/server/http-server';
import type { ExtensionSettings } from './settings';
import { COMMAND } from './ids';

export type ServerState = { kind: 'own'; url: string } | { kind: 'shared'; url: string } | { kind: 'off' } | { kind: 'failed'; message: string };

export class ServerHost implements vscode.Disposable {
  private server: OblixServer | null = null;
  private address = '';
  state: ServerState = { kind: 'off' };

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Starts, restarts (address changed) or just re-points the server at a new core. */
  async apply(oblix: Oblix, s: ExtensionSettings): Promise<ServerState> {
    const { host, port, allowedOrigins, apiKey, maxBodyBytes } = s.config;
    const address = `${host}:${port}`;
    if (!s.serverEnabled) {
      await this.stop();
      return (this.state = { kind: 'off' });
    }
    if (this.server && address === this.address) {
      this.server.use(oblix, { allowedOrigins, apiKey });
      return this.state;
    }
    await this.stop();
    this.address = address;
    const server = new OblixServer(oblix, { host, port, allowedOrigins, apiKey, maxBodyBytes });
    try {
      const url = await server.listen();
      this.server = server;
      this.log.info(`Server listening on ${url}`);
      return (this.state = { kind: 'own', url });
    } catch (err) {
      const code = (err as { code?: string }).code;
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/v1`;
      if (code === 'EADDRINUSE' && (await isOblix(url))) {
        this.log.info(`Another VS Code window already serves Oblix on ${url}; this window uses it.`);
        return (this.state = { kind: 'shared', url });
      }
      const message =
        code === 'EADDRINUSE'
          ? `Port ${port} on ${host} is used by another program, so the Oblix endpoint could not start.`
          : `The Oblix endpoint could not start on ${host}:${port}: ${(err as Error).message}`;
      this.log.error(message);
      void vscode.window.showErrorMessage(message, 'Choose Another Port').then((pick) => {
        if (pick) void vscode.commands.executeCommand(COMMAND.choosePort);
      });
      return (this.state = { kind: 'failed', message });
    }
  }

  /** Stops the endpoint; answers in flight get `graceMs` to finish, then end with an error event. */
  async stop(graceMs?: number): Promise<void> {
    const s = this.server;
    this.server = null;
    this.address = '';
    if (s) await s.close(graceMs);
  }

  dispose(): void {
    void this.stop();
  }
}

/** Whether the program on that port is an Oblix (its /health, or its OpenAI-shaped 401 when it wants a key). */
async function isOblix(v1: string): Promise<boolean> {
  try {
    const res = await fetch(v1.replace(/\/v1$/, '/health'), { signal: AbortSignal.timeout(1_500) });
    const body = (await res.json()) as { version?: unknown; providers?: unknown; error?: { message?: unknown } };
    if (res.ok) return typeof body.version === 'string' && Array.isArray(body.providers);
    return res.status === 401 && typeof body.error?.message === 'string' && body.error.message.includes('Oblix');
  } catch {
    return false;
  }
}
