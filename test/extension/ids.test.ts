// The ids in src/extension/ids.ts are the ones package.json contributes: a renamed command or view
// on one side only would register something VS Code never calls.
import assert from 'node:assert/strict';
import pkg from '../../package.json';
import { CHAT_VIEW_ID, COMMAND, COMMAND_ALIASES, PARTICIPANT_ID, VENDOR } from '../../src/extension/ids';
import { ALLOWED_COMMANDS } from '../../src/webview/protocol';

describe('extension ids', () => {
  const commands: readonly string[] = Object.values(COMMAND);

  it('every contributed command, and only those', () => {
    assert.deepEqual([...commands].sort(), pkg.contributes.commands.map((c) => c.command).sort());
  });

  it("a renamed command's old id leads to a contributed command and is not contributed itself", () => {
    const contributed = pkg.contributes.commands.map((c) => c.command);
    assert.deepEqual(Object.keys(COMMAND_ALIASES), ['oblix.copyEndpoint']);
    for (const [old, id] of Object.entries(COMMAND_ALIASES)) {
      assert.ok(contributed.includes(id), id);
      assert.ok(!contributed.includes(old), old);
    }
  });

  it('the chat view, the participant and the model vendor', () => {
    assert.deepEqual(
      pkg.contributes.views.oblix.map((v) => v.id),
      [CHAT_VIEW_ID],
    );
    assert.deepEqual(
      pkg.contributes.chatParticipants.map((p) => p.id),
      [PARTICIPANT_ID],
    );
    assert.deepEqual(
      pkg.contributes.languageModelChatProviders.map((p) => p.vendor),
      [VENDOR],
    );
  });

  it('the webview may run only real commands', () => {
    for (const command of ALLOWED_COMMANDS) assert.ok(commands.includes(command), command);
  });
});
