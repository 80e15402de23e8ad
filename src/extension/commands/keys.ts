// Oblix: Set API Key / Remove API Key — keys go to SecretStorage, never to settings.
import * as vscode from 'vscode';
import type { OblixService } from '../service';
import { COMMAND } from '../ids';
import { registerCommand } from './register';

export function registerKeyCommands(service: OblixService): vscode.Disposable[] {
  return [
    registerCommand(service.log, COMMAND.setApiKey, async (providerId?: string) => {
      const id = typeof providerId === 'string' ? providerId : await pickProvider('Set the API key of which provider?');
      if (!id) return;
      const key = await vscode.window.showInputBox({
        title: `Oblix: API Key for ${id}`,
        prompt: `Stored in VS Code's secret storage, never in settings.`,
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() === '' ? 'Paste the key.' : /\s/.test(v.trim()) ? 'A key has no spaces: check what was pasted.' : null),
      });
      if (!key) return;
      await service.keys.set(id, key);
      service.log.info(`API key for ${id} stored in secret storage.`); // the secrets change event reloads, once
      void vscode.window.showInformationMessage(`Oblix: the ${id} API key is stored.`);
    }),
    registerCommand(service.log, COMMAND.removeApiKey, async () => {
      const stored: string[] = [];
      for (const id of providerIds()) if (await service.keys.has(id)) stored.push(id);
      if (stored.length === 0) {
        void vscode.window.showInformationMessage('Oblix has no stored API keys.');
        return;
      }
      const id = await vscode.window.showQuickPick(stored, { title: 'Oblix: Remove API Key', placeHolder: 'Remove the key of which provider?' });
      if (!id) return;
      await service.keys.remove(id);
      service.log.info(`API key for ${id} removed.`); // the secrets change event reloads, once
      void vscode.window.showInformationMessage(`Oblix: the ${id} API key is removed.`);
    }),
  ];
}

function providerIds(): string[] {
  const configured = vscode.workspace.getConfiguration('oblix').get<unknown>('cloud.providers');
  const ids = (Array.isArray(configured) ? configured : []).map((p: unknown) => (typeof p === 'object' && p !== null ? (p as { id?: unknown }).id : undefined));
  return [...new Set(['openai', 'anthropic', ...ids.filter((id): id is string => typeof id === 'string' && id !== '' && id !== 'ollama')])];
}

async function pickProvider(placeHolder: string): Promise<string | undefined> {
  return vscode.window.showQuickPick(providerIds(), { title: 'Oblix: Set API Key', placeHolder });
}
