// Runs inside VS Code's extension host: the real `vscode` API, the built extension.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OblixApi } from '../../../src/extension/api';

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<OblixApi>('oblix.oblix');
  assert.ok(ext, 'the extension is installed');
  const api = await ext.activate();
  assert.match(api.endpoint, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  const commands = await vscode.commands.getCommands(true);
  for (const id of ['oblix.showMenu', 'oblix.setApiKey', 'oblix.openChat', 'oblix.ask', 'oblix.newSession']) assert.ok(commands.includes(id), id);
  const id = (await vscode.commands.executeCommand<string>('oblix.newSession'))!;
  assert.ok(api.sessions.get(id), 'a new session is stored');
  console.log('Oblix @vscode/test-electron suite: 3 passed, 0 failed');
}
