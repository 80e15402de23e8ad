// Activation: register everything at once (cheap), then start the core and the server in the
// background so `activate` returns fast. Every resource is a disposable on the context.
import * as vscode from 'vscode';
import { createApi, type OblixApi } from './api';
import { registerKeyCommands } from './commands/keys';
import { registerMenuCommands } from './commands/menu';
import { registerSessionCommands } from './commands/sessions';
import { OblixService } from './service';
import { StatusBar } from './status-bar';

const CURRENT_SESSION = 'oblix.currentSession';

export function activate(context: vscode.ExtensionContext): OblixApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Oblix', { log: true });
  const service = new OblixService(context, log);
  context.subscriptions.push(
    log,
    service,
    new StatusBar(service),
    ...registerMenuCommands(service),
    ...registerKeyCommands(service),
    ...registerSessionCommands(service, (id) => void context.workspaceState.update(CURRENT_SESSION, id)),
  );
  void service.reload('activation').then(() => log.info(`Ready in ${Math.round(performance.now() - started)} ms (probes included)`));
  log.info(`Activated in ${(performance.now() - started).toFixed(1)} ms`);
  return createApi(service);
}

export function deactivate(): void {
  // Disposables on the context stop the server and the monitors.
}
