// The status bar menu and the commands it offers: mode, default model, server URL and key, log, restart, port.
import * as vscode from 'vscode';
import { ROUTING_MODES, type RoutingMode } from '../../core/config/config';
import type { OblixService } from '../service';
import { COMMAND } from '../ids';
import { registerCommand } from './register';

const MODE_TEXT: Record<RoutingMode, string> = {
  auto: 'local when the machine can serve it, cloud otherwise',
  'local-only': 'never send anything to the cloud',
  'cloud-only': 'always use a cloud model',
};

export function registerMenuCommands(service: OblixService): vscode.Disposable[] {
  return [
    registerCommand(service.log, COMMAND.showMenu, () => showMenu(service)),
    registerCommand(service.log, COMMAND.switchMode, () => switchMode(service)),
    registerCommand(service.log, COMMAND.chooseDefaultModel, () => chooseDefaultModel(service)),
    registerCommand(service.log, COMMAND.copyServerUrl, async () => {
      await vscode.env.clipboard.writeText(service.endpoint);
      void vscode.window.showInformationMessage(`Copied ${service.endpoint}`);
    }),
    registerCommand(service.log, COMMAND.copyServerApiKey, async () => {
      await vscode.env.clipboard.writeText(await service.keys.serverToken());
      void vscode.window.showInformationMessage('Copied the API key that clients of the Oblix server must send.');
    }),
    registerCommand(service.log, COMMAND.showLog, () => service.log.show()),
    registerCommand(service.log, COMMAND.restartServer, async () => {
      await service.restartServer();
      void vscode.window.showInformationMessage(`Oblix restarted: ${service.endpoint}`);
    }),
    registerCommand(service.log, COMMAND.choosePort, () => choosePort()),
  ];
}

interface MenuItem extends vscode.QuickPickItem {
  run?: () => unknown;
}

async function showMenu(service: OblixService): Promise<void> {
  const s = service.settings;
  const items: MenuItem[] = [
    { label: '$(comment-discussion) Open Chat', run: () => vscode.commands.executeCommand(COMMAND.openChat) },
    { label: '$(arrow-swap) Switch Mode…', description: `now ${service.oblix?.mode ?? s?.config.mode ?? 'auto'}`, run: () => switchMode(service) },
    { label: '$(symbol-class) Choose Default Model…', description: `now ${s?.defaultModel ?? 'auto'}`, run: () => chooseDefaultModel(service) },
    { label: '$(copy) Copy Server URL', description: service.endpoint, run: () => vscode.commands.executeCommand(COMMAND.copyServerUrl) },
    ...(s?.requireApiKey ? [{ label: '$(key) Copy Server API Key', run: () => vscode.commands.executeCommand(COMMAND.copyServerApiKey) }] : []),
    { label: '$(key) Set API Key…', run: () => vscode.commands.executeCommand(COMMAND.setApiKey) },
    { label: '$(output) Show Log', run: () => service.log.show() },
    { label: '$(debug-restart) Restart Server', run: () => vscode.commands.executeCommand(COMMAND.restartServer) },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: 'Oblix', placeHolder: 'What do you want to do?' });
  await pick?.run?.();
}

async function switchMode(service: OblixService): Promise<void> {
  const current = service.oblix?.mode ?? 'auto';
  const pick = await vscode.window.showQuickPick(
    ROUTING_MODES.map((m) => ({ label: m, description: m === current ? `${MODE_TEXT[m]} (current)` : MODE_TEXT[m], mode: m })),
    { title: 'Oblix: Switch Mode', placeHolder: `Routing mode (now ${current})` },
  );
  if (!pick) return;
  // The settings change event applies it (service.ts), once.
  await vscode.workspace.getConfiguration('oblix').update('routing.mode', pick.mode, vscode.ConfigurationTarget.Global);
}

async function chooseDefaultModel(service: OblixService): Promise<void> {
  const models = service.oblix?.models() ?? ['auto'];
  const current = service.defaultModel;
  const pick = await vscode.window.showQuickPick(
    models.map((id) => ({ label: id, description: id === 'auto' ? 'let Oblix choose for each request' : id === current ? 'current' : undefined })),
    { title: 'Oblix: Default Model', placeHolder: 'The model used by the chat view and by execute() when none is named' },
  );
  if (!pick) return;
  await service.setDefaultModel(pick.label);
}

async function choosePort(): Promise<void> {
  const value = await vscode.window.showInputBox({
    title: 'Oblix: Server Port',
    prompt: 'A free port for the OpenAI-compatible server (tools on this machine point at http://127.0.0.1:PORT/v1).',
    value: String(vscode.workspace.getConfiguration('oblix').get<number>('server.port', 62549) + 1),
    validateInput: (v) => (/^\d+$/.test(v) && Number(v) >= 1024 && Number(v) <= 65535 ? null : 'Enter a port number from 1024 to 65535.'),
  });
  if (value) await vscode.workspace.getConfiguration('oblix').update('server.port', Number(value), vscode.ConfigurationTarget.Global);
}
