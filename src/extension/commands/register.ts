// Registers a command whose failure is logged and shown with "Show Log", instead of VS Code's generic
// "command resulted in an error" that names neither the cause nor where to read more.
import * as vscode from 'vscode';
import { errorMessage } from '../../core/errors/error-message';
import type { CommandId } from '../ids';

export function registerCommand<A extends unknown[]>(log: vscode.LogOutputChannel, id: CommandId, run: (...args: A) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      // VS Code passes whatever the caller sent; each handler checks its own arguments.
      return await run(...(args as A));
    } catch (err) {
      const message = errorMessage(err);
      log.error(`${id} failed: ${message}`);
      void vscode.window.showErrorMessage(`Oblix: ${message}`, 'Show Log').then((pick) => {
        if (pick) log.show();
      });
      return undefined;
    }
  });
}
