// The session export format: a round trip keeps every field, the size limit holds at its edge, and
// each kind of bad document is refused with a message that names where the problem is.
import assert from 'node:assert/strict';
import { decodeSession, encodeSession, MAX_SESSION_BYTES, SessionFormatError, tooLargeMessage } from '../../../src/core/sessions/session-codec';
import { SESSION_SCHEMA_VERSION, type Session } from '../../../src/core/sessions/session';

const AT = '2026-12-01T10:00:00.000Z';

const SESSION: Session = {
  id: 's-1',
  title: 'Weather',
  createdAt: AT,
  updatedAt: '2026-12-01T10:05:00.000Z',
  messages: [
    { role: 'system', content: '', at: AT },
    { role: 'user', content: 'Hi', at: AT },
    {
      role: 'assistant',
      content: 'Hello',
      at: AT,
      model: 'ollama:llama3.2:latest',
      route: '',
      status: 'stopped',
      usage: { prompt_tokens: 0, completion_tokens: 1, total_tokens: 1 },
      metrics: { timeToFirstTokenMs: 0, tokensPerSecond: null },
    },
    { role: 'assistant', content: 'x', at: AT, status: 'error', route: 'local-preferred' },
  ],
};

/** A document with `change` applied to the first assistant message of SESSION (index 2). */
function withMessage(change: Record<string, unknown>): string {
  const messages: Record<string, unknown>[] = SESSION.messages.map((m) => ({ ...m }));
  messages[2] = { ...messages[2], ...change };
  for (const [k, v] of Object.entries(change)) if (v === undefined) delete messages[2]![k];
  return JSON.stringify({ oblixSession: 1, session: { ...SESSION, messages } });
}

const withSession = (change: Record<string, unknown>): string => JSON.stringify({ oblixSession: 1, session: { ...SESSION, ...change } });

function refused(json: string): string {
  try {
    decodeSession(json);
  } catch (e) {
    assert.ok(e instanceof SessionFormatError, String(e));
    return e.message;
  }
  assert.fail('the document was accepted');
}

describe('session codec', () => {
  it('round-trips a session, every field kept and no field added', () => {
    const json = encodeSession(SESSION);
    assert.deepEqual(JSON.parse(json), { oblixSession: SESSION_SCHEMA_VERSION, session: SESSION });
    assert.ok(json.startsWith('{\n  "oblixSession": 1,\n  "session": {'), 'indented by two spaces');
    assert.deepEqual(decodeSession(json), SESSION);
    // An older format number is read as well.
    assert.deepEqual(decodeSession(JSON.stringify({ oblixSession: 0, session: SESSION })), SESSION);
  });

  it(`refuses more than ${MAX_SESSION_BYTES} characters before parsing; exactly that many are read`, () => {
    const json = encodeSession(SESSION);
    const at = json + ' '.repeat(MAX_SESSION_BYTES - json.length);
    assert.deepEqual(decodeSession(at), SESSION);
    assert.equal(refused(`${at} `), tooLargeMessage(MAX_SESSION_BYTES + 1));
  });

  it('says how large the file is and what the limit is, in MB', () => {
    assert.equal(tooLargeMessage(MAX_SESSION_BYTES + 1), 'This file is 16.0 MB; Oblix imports session exports of up to 16 MB.');
    assert.equal(tooLargeMessage(20 * 1024 * 1024), 'This file is 20.0 MB; Oblix imports session exports of up to 16 MB.');
    assert.equal(tooLargeMessage(1.5 * 1024 * 1024), 'This file is 1.5 MB; Oblix imports session exports of up to 16 MB.');
  });

  it('keeps metrics and usage of 0 and null, refuses negative and infinite ones', () => {
    assert.deepEqual(decodeSession(withMessage({ metrics: { timeToFirstTokenMs: null, tokensPerSecond: 0 } })).messages[2]!.metrics, {
      timeToFirstTokenMs: null,
      tokensPerSecond: 0,
    });
    assert.equal(
      refused(withMessage({ metrics: { timeToFirstTokenMs: -0.5, tokensPerSecond: 1 } })),
      '"session.messages[2]".metrics.timeToFirstTokenMs must be a finite number of at least 0, or null.',
    );
    // 1e309 parses as Infinity.
    assert.equal(
      refused(withMessage({ metrics: { timeToFirstTokenMs: 1, tokensPerSecond: 1 } }).replace('"tokensPerSecond":1', '"tokensPerSecond":1e309')),
      '"session.messages[2]".metrics.tokensPerSecond must be a finite number of at least 0, or null.',
    );
    assert.equal(
      refused(withMessage({ usage: { prompt_tokens: 1, completion_tokens: -1, total_tokens: 0 } })),
      '"session.messages[2]".usage.completion_tokens must be a finite number of at least 0.',
    );
    assert.equal(refused(withMessage({ usage: { prompt_tokens: 1, completion_tokens: 1 } })), '"session.messages[2]".usage.total_tokens must be a finite number of at least 0.');
    assert.equal(
      refused(withMessage({ usage: { prompt_tokens: '1', completion_tokens: 1, total_tokens: 2 } })),
      '"session.messages[2]".usage.prompt_tokens must be a finite number of at least 0.',
    );
  });

  const BAD: [string, string, string | RegExp][] = [
    ['not JSON', '{"oblixSession":', /^This is not JSON: /],
    ['an array', '[]', 'the file must be an object.'],
    ['null', 'null', 'the file must be an object.'],
    ['a number', '5', 'the file must be an object.'],
    ['no version', JSON.stringify({ session: SESSION }), 'This is not an Oblix session export (no "oblixSession" version).'],
    ['a version as text', JSON.stringify({ oblixSession: '1', session: SESSION }), 'This is not an Oblix session export (no "oblixSession" version).'],
    ['a newer format', JSON.stringify({ oblixSession: 2, session: SESSION }), 'This session was exported by a newer Oblix (format 2); this one reads format 1.'],
    ['no session', JSON.stringify({ oblixSession: 1 }), '"session" must be an object.'],
    ['messages not an array', withSession({ messages: {} }), '"session.messages" must be an array.'],
    ['an empty id', withSession({ id: '' }), '"session.id" must be a non-empty string.'],
    ['a blank id', withSession({ id: '   ' }), '"session.id" must be a non-empty string.'],
    ['an id as a number', withSession({ id: 5 }), '"session.id" must be a non-empty string.'],
    ['no title', withSession({ title: undefined }), '"session.title" must be a non-empty string.'],
    ['a createdAt that is no date', withSession({ createdAt: 'yesterday' }), '"session.createdAt" must be a date (ISO 8601).'],
    ['no updatedAt', withSession({ updatedAt: undefined }), '"session.updatedAt" must be a non-empty string.'],
    ['a message that is no object', withSession({ messages: ['hi'] }), '"session.messages[0]" must be an object.'],
    ['a tool role', withMessage({ role: 'tool' }), '"session.messages[2]".role must be system, user or assistant.'],
    ['no role', withMessage({ role: undefined }), '"session.messages[2]".role must be system, user or assistant.'],
    ['content as a number', withMessage({ content: 5 }), '"session.messages[2]".content must be a string.'],
    ['no content', withMessage({ content: undefined }), '"session.messages[2]".content must be a string.'],
    ['an at that is no date', withMessage({ at: 'soon' }), '"session.messages[2]".at must be a date (ISO 8601).'],
    ['an empty model', withMessage({ model: '' }), '"session.messages[2]".model must be a non-empty string.'],
    ['a route as a number', withMessage({ route: 5 }), '"session.messages[2]".route must be a string.'],
    ['an unknown status', withMessage({ status: 'done' }), '"session.messages[2]".status must be stopped or error.'],
    ['metrics as an array', withMessage({ metrics: [] }), '"session.messages[2]".metrics must be an object.'],
    ['metrics as null', withMessage({ metrics: null }), '"session.messages[2]".metrics must be an object.'],
    ['usage as text', withMessage({ usage: 'lots' }), '"session.messages[2]".usage must be an object.'],
  ];
  for (const [name, json, message] of BAD) {
    it(`refuses ${name}, naming where`, () => {
      const got = refused(json);
      if (typeof message === 'string') assert.equal(got, message);
      else assert.match(got, message);
    });
  }
});
