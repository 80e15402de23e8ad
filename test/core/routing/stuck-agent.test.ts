// The signs of a stuck agent, read from the conversation alone, and the quiet stretch after which it
// may go back to the small model.
import assert from 'node:assert/strict';
import type { ChatMessage } from '../../../src/core/request';
import { QUIET_TURNS, stuckAgent } from '../../../src/core/routing/stuck-agent';
import { REPAIRED_CALL_PREFIX } from '../../../src/core/tool-repair/call-ids';

let n = 0;
/** One agent turn: the assistant's call and the tool's result. */
function turn(name: string, args: Record<string, unknown>, result: string, id = `call_${++n}`): ChatMessage[] {
  return [
    { role: 'assistant', content: null, tool_calls: [{ id, type: 'function', function: { name, arguments: JSON.stringify(args) } }] },
    { role: 'tool', tool_call_id: id, content: result },
  ];
}
const USER: ChatMessage = { role: 'user', content: 'Fix the bug.' };

describe('stuck agent', () => {
  it('a conversation making progress is not stuck', () => {
    assert.equal(stuckAgent([USER, ...turn('read', { p: 'a' }, 'ok'), ...turn('read', { p: 'b' }, 'ok'), ...turn('write', { p: 'a' }, 'ok')]), null);
  });

  it('the same call three turns in a row, whatever the key order', () => {
    const msgs = [USER, ...turn('read', { p: 'a', n: 1 }, 'ok'), ...turn('read', { n: 1, p: 'a' }, 'ok'), ...turn('read', { p: 'a', n: 1 }, 'ok')];
    assert.match(stuckAgent(msgs) ?? '', /same tool call three turns/);
    assert.equal(stuckAgent(msgs.slice(0, 5)), null, 'twice is not yet stuck');
  });

  it('tool results that are errors three turns in a row (Anthropic is_error, Claude Code, a shell)', () => {
    const msgs = [
      USER,
      ...turn('a', { x: 1 }, 'Error: no such file'),
      ...turn('b', { x: 2 }, '<tool_use_error>File has not been read yet</tool_use_error>'),
      ...turn('c', { x: 3 }, 'Exit code: 1\nWall time: 0.1 seconds'),
    ];
    assert.match(stuckAgent(msgs) ?? '', /errors three turns in a row/);
    const fixed = [...msgs.slice(0, 5), ...turn('c', { x: 3 }, 'done')];
    assert.equal(stuckAgent(fixed), null);
  });

  it('calls repaired from text in two of the last three turns', () => {
    const rep = (k: number): ChatMessage[] => turn('w', { k }, 'ok', `${REPAIRED_CALL_PREFIX}${k}`);
    assert.match(stuckAgent([USER, ...rep(1), ...turn('r', {}, 'ok'), ...rep(2)]) ?? '', /written as text/);
    assert.equal(stuckAgent([USER, ...rep(1), ...turn('r', {}, 'ok'), ...turn('s', {}, 'ok')]), null);
  });

  it(`stays escalated for ${QUIET_TURNS} quiet turns after the last sign, then lets go`, () => {
    const rep = (k: number): ChatMessage[] => turn('w', { k }, 'ok', `${REPAIRED_CALL_PREFIX}${k}`);
    let msgs = [USER, ...rep(1), ...rep(2)];
    assert.ok(stuckAgent(msgs));
    const quiet: string[] = [];
    for (let k = 0; k <= QUIET_TURNS + 2; k++) {
      msgs = [...msgs, ...turn('q', { k }, 'ok')];
      quiet.push(stuckAgent(msgs) ? 'escalated' : 'small');
    }
    // The window of three still shows two repaired calls after one clean turn; then the quiet stretch counts.
    assert.deepEqual(quiet, ['escalated', 'escalated', 'escalated', 'escalated', 'small', 'small']);
  });
});
