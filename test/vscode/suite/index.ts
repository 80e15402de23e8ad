// Runs inside VS Code's extension host: the real `vscode` API, the built extension.
// Each check runs and is counted; the summary line reports the real counts and the run fails if any check did.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OblixApi } from '../../../src/extension/api';

interface Outcome {
  name: string;
  error?: unknown;
}

export async function run(): Promise<void> {
  const outcomes: Outcome[] = [];
  const check = async (name: string, fn: () => Promise<void> | void): Promise<void> => {
    try {
      await fn();
      outcomes.push({ name });
      console.log(`  ✔ ${name}`);
    } catch (error) {
      outcomes.push({ name, error });
      console.log(`  ✘ ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  let api: OblixApi | undefined;
  await check('the extension is installed and activates with an endpoint on 127.0.0.1', async () => {
    const ext = vscode.extensions.getExtension<OblixApi>('oblix.oblix');
    assert.ok(ext, 'the extension is installed');
    api = await ext.activate();
    assert.match(api.endpoint, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  });
  await check('the commands are registered', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['oblix.showMenu', 'oblix.setApiKey', 'oblix.openChat', 'oblix.ask', 'oblix.newSession']) assert.ok(commands.includes(id), id);
  });
  await check('oblix.newSession stores a new session', async () => {
    assert.ok(api, 'the extension activated');
    const id = await vscode.commands.executeCommand<string>('oblix.newSession');
    assert.ok(id, 'the command returns the session id');
    assert.ok(api.sessions.get(id), 'a new session is stored');
  });

  const failed = outcomes.filter((o) => o.error !== undefined);
  console.log(`Oblix @vscode/test-electron suite: ${outcomes.length - failed.length} passed, ${failed.length} failed`);
  if (failed.length > 0) throw new Error(`${failed.length} of ${outcomes.length} checks failed: ${failed.map((o) => o.name).join('; ')}`);
}
