// Activation: register everything at once (cheap), then start the core and the server in the
// background so `activate` returns fast. Every resource is a disposable on the context.
import * as vscode from 'vscode';
import { createApi, type OblixApi } from './api';
import { registerKeyCommands } from './commands/keys';
import { registerMenuCommands } from './commands/menu';
import { registerSessionCommands } from './commands/sessions';
import { registerSetupCommands, trackSetupContext, welcomeOnFirstStart } from './commands/setup';
import { registerAskCommands } from './chat/ask';
import { ChatViewProvider } from './chat/chat-view';
import { registerLanguageModels } from './lm/register';
import { OblixService } from './service';
import { UsagePanel } from './usage/usage-panel';
import { StatusBar } from './status-bar';
import { CHAT_VIEW_ID, COMMAND, COMMAND_ALIASES } from './ids';
import { STATE_KEY } from './state';
import { registerCommand } from './commands/register';
import { migrateSettings } from './settings';

export function activate(context: vscode.ExtensionContext): OblixApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Oblix', { log: true });
  const service = new OblixService(context, log);
  shutdown = () => service.shutdown();
  const chat = new ChatViewProvider(context, service);
  const usage = new UsagePanel(context.extensionUri, service.ledger);
  context.subscriptions.push(
    log,
    service,
    chat,
    new StatusBar(service),
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, chat, { webviewOptions: { retainContextWhenHidden: false } }),
    registerCommand(log, COMMAND.openChat, () => vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`)),
    usage,
    registerCommand(log, COMMAND.showUsage, () => usage.show()),
    ...registerAskCommands(chat, log),
    ...registerMenuCommands(service),
    ...registerKeyCommands(service),
    ...registerSetupCommands(service),
    trackSetupContext(service),
    ...registerSessionCommands(service, async (id) => {
      await service.state.update(STATE_KEY.currentSession, id);
      chat.postState();
    }),
    ...registerLanguageModels(context, service),
    // A renamed command's old id still runs it: keybindings may name it.
    ...Object.entries(COMMAND_ALIASES).map(([old, id]) => vscode.commands.registerCommand(old, (...args: unknown[]) => vscode.commands.executeCommand(id, ...args))),
  );
  // Renamed settings move first, so the first reload reads them where they now are.
  void migrateSettings(log)
    .then(() => service.reload('activation'))
    .then(() => {
      log.info(`Ready in ${Math.round(performance.now() - started)} ms (probes included)`);
      void welcomeOnFirstStart(context, () => chat.availability().canAnswer);
    });
  log.info(`Activated in ${(performance.now() - started).toFixed(1)} ms`);
  return createApi(service);
}

let shutdown: (() => Promise<void>) | null = null;

/**
 * Streams in flight on the endpoint get a grace and an honest end, inside the one second VS Code's
 * extension host lives after this returns (deactivation.ts). Not returned to VS Code: a deactivate
 * that returns a promise (even one settled in 25 ms) left code-server's reloaded window without a
 * usable command palette in the e2e suite.
 */
export function deactivate(): void {
  void shutdown?.();
}
