// The reason a message's model was chosen (`why`) travels with an exported session: kept as it was,
// empty or not, and refused when it is not text.
import assert from 'node:assert/strict';
import { decodeSession, encodeSession, SessionFormatError } from '../../../src/core/sessions/session-codec';
import type { Session } from '../../../src/core/sessions/session';

const AT = '2026-12-01T10:00:00.000Z';

const session = (why: unknown): Session =>
  ({ id: 's-1', title: 'Why', createdAt: AT, updatedAt: AT, messages: [{ role: 'assistant', content: 'Hi', at: AT, model: 'ollama:llama3.2:latest', why }] }) as Session;

describe('session codec: why', () => {
  it('round-trips the reason, an empty one included', () => {
    for (const why of ['the prompt is short and the local model is loaded', '']) {
      assert.equal(decodeSession(encodeSession(session(why))).messages[0]?.why, why);
    }
  });

  it('refuses a reason that is not text, naming where', () => {
    assert.throws(
      () => decodeSession(JSON.stringify({ oblixSession: 1, session: session(5) })),
      (e: Error) => e instanceof SessionFormatError && e.message === '"session.messages[0]".why must be a string.',
    );
  });
});
