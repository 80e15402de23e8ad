// The conversation a request belongs to, as its client tells it, case by case: which header wins, when
// Codex's prompt_cache_key and Claude Code's metadata.user_id count, and every shape that names none.
import assert from 'node:assert/strict';
import { conversationId } from '../../../src/core/dialects/conversation-id';

describe('conversationId', () => {
  it('the first non-empty session header, with the model asked for', () => {
    assert.equal(conversationId({ 'x-session-id': '', session_id: 's2' }, { model: 'm' }), 's2|m');
    assert.equal(conversationId({ 'x-session-id': 's1', prompt_cache_key: 'x' }, { model: 'm', prompt_cache_key: 'pk' }), 's1|m');
    assert.equal(conversationId({ session_id: 's2' }, { prompt_cache_key: 'pk' }), 's2');
    assert.equal(conversationId({ 'x-session-id': '' }, { model: 'm' }), undefined);
  });

  it("Codex's prompt_cache_key when no header names one; not when empty or not a string", () => {
    assert.equal(conversationId({}, { prompt_cache_key: 'pk', metadata: { user_id: 'user_a_session_s9' } }), 'pk');
    assert.equal(conversationId({}, { prompt_cache_key: '' }), undefined);
    assert.equal(conversationId({}, { prompt_cache_key: 5 }), undefined);
    assert.equal(conversationId({}, { prompt_cache_key: '', metadata: { user_id: 'user_a_session_s9' } }), 's9');
  });

  it("Claude Code's session in metadata.user_id, old and new spelling; a user id alone names none", () => {
    assert.equal(conversationId({}, { metadata: { user_id: 'user_ab_account_12_session_5f0c-77' }, model: 5 }), '5f0c-77');
    assert.equal(conversationId({}, { metadata: { user_id: JSON.stringify({ session_id: 'sess-9' }) } }), 'sess-9');
    for (const metadata of [
      null,
      'user_a_session_s',
      [],
      { user_id: 5 },
      { user_id: 'user_a_session_s.1' },
      { user_id: '{"session_id":""}' },
      { user_id: '{"session_id":5}' },
      { user_id: '{not json' },
    ])
      assert.equal(conversationId({}, { metadata }), undefined, JSON.stringify(metadata));
  });

  it('a body that is not an object names none', () => {
    for (const body of [null, undefined, 'x', 5]) assert.equal(conversationId({}, body), undefined);
    assert.equal(conversationId({ 'x-session-id': 's' }, null), 's');
  });
});
