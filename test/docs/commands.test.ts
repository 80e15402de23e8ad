// docs/vscode.md lists every command the extension contributes, with its title, and no other.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tableRows } from './doc-files';

describe('docs: the commands table', () => {
  it('docs/vscode.md lists every contributed command with its title, in order, and no other', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { commands: { command: string; title: string }[] } };
    const expected = manifest.contributes.commands.map((c) => [`\`${c.command}\``, c.title]);
    assert.deepEqual(tableRows('docs/vscode.md', 'commands-table'), expected);
  });
});
