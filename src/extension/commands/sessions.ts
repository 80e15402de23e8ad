// Oblix: New / Export / Import / Delete Session.
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { SessionStore } from '../../core/sessions/session';
import { MAX_SESSION_BYTES, tooLargeMessage } from '../../core/sessions/session-codec';
import type { OblixService } from '../service';
import { errorMessage } from '../../core/errors/error-message';
import { COMMAND } from '../ids';
import { registerCommand } from './register';

export function registerSessionCommands(service: OblixService, onCurrent: (id: string) => unknown): vscode.Disposable[] {
  const sessions = service.sessions;
  return [
    registerCommand(service.log, COMMAND.newSession, async () => {
      const s = await sessions.create();
      onCurrent(s.id);
      return s.id;
    }),
    registerCommand(service.log, COMMAND.exportSession, async (id?: string) => {
      const sid = typeof id === 'string' ? id : await pickSession(sessions, 'Export which session?');
      if (!sid) return;
      const session = sessions.get(sid)!;
      const uri = await vscode.window.showSaveDialog({
        title: 'Oblix: Export Session',
        defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir()), `${fileName(session.title)}.oblix.json`),
        filters: { 'Oblix session': ['json'] },
      });
      if (!uri) return;
      await vscode.workspace.fs.writeFile(uri, Buffer.from(sessions.export(sid), 'utf8'));
      void vscode.window.showInformationMessage(`Exported "${session.title}" to ${uri.fsPath}`);
    }),
    registerCommand(service.log, COMMAND.importSession, async () => {
      const [uri] = (await vscode.window.showOpenDialog({ title: 'Oblix: Import Session', canSelectMany: false, filters: { 'Oblix session': ['json'] } })) ?? [];
      if (!uri) return;
      try {
        const { size } = await vscode.workspace.fs.stat(uri);
        if (size > MAX_SESSION_BYTES) throw new Error(tooLargeMessage(size));
        const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
        const s = await sessions.import(text);
        onCurrent(s.id);
        void vscode.window.showInformationMessage(`Imported "${s.title}" (${s.messages.length} messages).`);
      } catch (err) {
        void vscode.window.showErrorMessage(`Oblix could not import ${uri.fsPath}: ${errorMessage(err)} Nothing was changed.`);
      }
    }),
    registerCommand(service.log, COMMAND.deleteSession, async (id?: string) => {
      const sid = typeof id === 'string' ? id : await pickSession(sessions, 'Delete which session?');
      if (!sid) return;
      const title = sessions.get(sid)?.title ?? sid;
      const ok = await vscode.window.showWarningMessage(`Delete the Oblix session "${title}"?`, { modal: true }, 'Delete');
      if (ok === 'Delete') await sessions.delete(sid);
    }),
  ];
}

async function pickSession(sessions: SessionStore, placeHolder: string): Promise<string | undefined> {
  const list = sessions.list();
  if (list.length === 0) {
    void vscode.window.showInformationMessage('There are no Oblix sessions yet.');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    list.map((s) => ({ label: s.title, description: `${s.messageCount} messages · ${new Date(s.updatedAt).toLocaleString()}`, id: s.id })),
    { title: 'Oblix Sessions', placeHolder },
  );
  return pick?.id;
}

function fileName(title: string): string {
  return (
    title
      .replace(/[^\w.-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'session'
  );
}
