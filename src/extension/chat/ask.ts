// Ask Oblix (palette and keybinding), Ask Oblix About Selection and Explain with Oblix (editor
// context menu): the question, with the selected code and its file name and language, goes to the
// chat view and its answer streams there, in the current session.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChatViewProvider } from './chat-view';
import { COMMAND } from '../ids';
import { registerCommand } from '../commands/register';

export function registerAskCommands(chat: ChatViewProvider, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    registerCommand(log, COMMAND.ask, () => ask(chat, false)),
    registerCommand(log, COMMAND.askSelection, () => ask(chat, true)),
    registerCommand(log, COMMAND.explain, async () => {
      const code = selectedCode();
      if (!code) return void vscode.window.showInformationMessage('Select some code to explain.');
      await chat.ask(`Explain this code: what it does, how, and anything surprising.\n\n${code}`);
    }),
  ];
}

async function ask(chat: ChatViewProvider, needSelection: boolean): Promise<void> {
  const code = selectedCode();
  if (needSelection && !code) return void vscode.window.showInformationMessage('Select some code to ask about.');
  const question = await vscode.window.showInputBox({
    title: 'Ask Oblix',
    prompt: code ? 'Your question about the selected code' : 'Your question',
    placeHolder: code ? 'Why does this loop never end?' : 'How do I read a file line by line in Rust?',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? null : 'Type a question.'),
  });
  if (!question) return;
  await chat.ask(code ? `${question.trim()}\n\n${code}` : question.trim());
}

/** The selection as a fenced block, named by file and language; null when nothing is selected. */
export function selectedCode(): string | null {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selections.every((s) => s.isEmpty)) return null;
  const doc = editor.document;
  const selections = editor.selections.filter((s) => !s.isEmpty);
  const text = selections.map((s) => doc.getText(s)).join('\n\n');
  const name = doc.isUntitled ? 'untitled' : vscode.workspace.asRelativePath(doc.uri, false) || path.basename(doc.fileName);
  const first = Math.min(...selections.map((s) => s.start.line)) + 1;
  // A selection that ends at the start of a line does not include that line.
  const last = Math.max(...selections.map((s) => (s.end.character === 0 && s.end.line > s.start.line ? s.end.line - 1 : s.end.line))) + 1;
  return fence(text.replace(/\n+$/, ''), doc.languageId, name, first, last);
}

/** The code as the model reads it; the chat view shows this header and fence as a reference chip (webview/reference.ts). */
export function fence(code: string, language: string, fileName: string, firstLine: number, lastLine = firstLine): string {
  // A fence longer than any run of backticks inside the code keeps it intact.
  const longest = Math.max(2, ...(code.match(/`+/g) ?? []).map((r) => r.length));
  const ticks = '`'.repeat(longest + 1);
  const lines = lastLine > firstLine ? `lines ${firstLine}–${lastLine}` : `line ${firstLine}`;
  return `From \`${fileName}\` (${language}, ${lines}):\n${ticks}${language}\n${code}\n${ticks}`;
}
