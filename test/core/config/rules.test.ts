// The rules both hosts share: one answer per question, whichever host asks.
import assert from 'node:assert/strict';
import { apiKeyVariable, builtInBaseURL, isProviderId, isProviderKind, modelIdProblem, qualifyModelId } from '../../../src/core/config/rules';

describe('config rules', () => {
  const providers = [{ id: 'ollama' }, { id: 'openai' }, { id: 'lmstudio' }];

  it('a bare name, or one whose prefix is no provider, is an Ollama model', () => {
    assert.equal(qualifyModelId('llama3.2', providers), 'ollama:llama3.2');
    assert.equal(qualifyModelId('llama3.2:1b', providers), 'ollama:llama3.2:1b');
    assert.equal(qualifyModelId('lmstudio:qwen2.5-coder', providers), 'lmstudio:qwen2.5-coder');
  });

  it('names the key variable of built-in and other providers', () => {
    assert.equal(apiKeyVariable('openai'), 'OPENAI_API_KEY');
    assert.equal(apiKeyVariable('anthropic'), 'ANTHROPIC_API_KEY');
    assert.equal(apiKeyVariable('groq'), 'GROQ_API_KEY');
    assert.equal(apiKeyVariable('my-llm.1'), 'MY_LLM_1_API_KEY');
  });

  it('knows the kinds, the built-in URLs and what a provider id may be', () => {
    assert.ok(isProviderKind('openai-compatible') && !isProviderKind('groq'));
    assert.equal(builtInBaseURL('openai', 'openai-compatible'), 'https://api.openai.com/v1');
    assert.equal(builtInBaseURL('groq', 'anthropic'), 'https://api.anthropic.com');
    assert.equal(builtInBaseURL('groq', 'openai-compatible'), undefined);
    assert.ok(isProviderId('lmstudio') && !isProviderId('lm:studio') && !isProviderId('-x'));
  });

  it('says why a declared model cannot be routed to', () => {
    assert.equal(modelIdProblem('ollama:llama3.2', providers), undefined);
    assert.match(modelIdProblem('nope', providers)!, /'nope', which is not a model id/);
    assert.match(modelIdProblem('groq:llama', providers)!, /names the provider 'groq', and that is not configured/);
  });
});
