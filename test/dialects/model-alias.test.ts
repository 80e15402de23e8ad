// Model aliases: user aliases first (exact, then globs in order), then the dialect's defaults; Oblix ids stay.
import assert from 'node:assert/strict';
import { globMatches, MESSAGES_DEFAULT_ALIASES, resolveModel } from '../../src/core/routing/model-alias';

describe('model aliases', () => {
  it('globs match whole names, * anywhere, other characters literally', () => {
    assert.ok(globMatches('claude-*', 'claude-sonnet-4-5-20250929'));
    assert.ok(globMatches('*-codex', 'gpt-5-codex'));
    assert.ok(!globMatches('claude-*', 'my-claude-x'));
    assert.ok(!globMatches('gpt-4.1', 'gpt-4x1'));
  });

  it('user aliases win over the defaults; the first matching glob wins', () => {
    const user = { 'claude-haiku-*': 'openai:gpt-4o-mini', 'claude-*': 'anthropic:claude-sonnet-5' };
    assert.equal(resolveModel('claude-haiku-4-5', user, MESSAGES_DEFAULT_ALIASES), 'openai:gpt-4o-mini');
    assert.equal(resolveModel('claude-opus-4-1', user, MESSAGES_DEFAULT_ALIASES), 'anthropic:claude-sonnet-5');
    assert.equal(resolveModel('claude-opus-4-1', {}, MESSAGES_DEFAULT_ALIASES), 'auto');
    assert.equal(resolveModel('claude-opus-4-1', {}), 'claude-opus-4-1');
  });

  it('auto and <provider>:<model> ids are aliased only by an exact entry', () => {
    assert.equal(resolveModel('ollama:llama3.2', { '*': 'auto' }), 'ollama:llama3.2');
    assert.equal(resolveModel('auto', { '*': 'openai:gpt-4o-mini' }), 'auto');
    assert.equal(resolveModel('auto', { auto: 'openai:gpt-4o-mini' }), 'openai:gpt-4o-mini');
    assert.equal(resolveModel('gpt-5-codex', { '*': 'auto' }), 'auto');
  });
});
