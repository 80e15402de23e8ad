// The extension holds provider ids to the CLI's rule (config-rules.ts): a bad one is named and left out.
import assert from 'node:assert/strict';
import { parseSettings, type SettingKeys } from '../../src/extension/settings-parse';

const keys: SettingKeys = { get: async () => 'sk-test', serverToken: async () => 'token' };

describe('extension settings: provider ids', () => {
  it('leaves out an id the CLI would refuse, and says why', async () => {
    const providers = [
      { id: 'my provider', kind: 'openai-compatible', baseURL: 'http://127.0.0.1:1234/v1' },
      { id: 'lm:studio', kind: 'openai-compatible', baseURL: 'http://127.0.0.1:1234/v1' },
      { id: 'lm-studio.2', kind: 'openai-compatible', baseURL: 'http://127.0.0.1:1234/v1' },
    ];
    const s = await parseSettings((key) => (key === 'cloud.providers' ? providers : undefined), keys, {});
    assert.deepEqual(
      s.config.providers.map((p) => p.id),
      ['ollama', 'lm-studio.2'],
    );
    assert.equal(s.problems.filter((p) => p.includes('cannot be a provider id')).length, 2);
  });

  it('keeps Ollama out of oblix.cloud.providers, and names each entry by its place in the setting', async () => {
    const providers = [
      { id: 'ollama', kind: 'openai-compatible', baseURL: 'http://127.0.0.1:1234/v1' },
      { id: 'my provider', kind: 'openai' },
    ];
    const s = await parseSettings((key) => (key === 'cloud.providers' ? providers : undefined), keys, {});
    assert.deepEqual(
      s.config.providers.map((p) => [p.id, p.baseURL]),
      [['ollama', 'http://127.0.0.1:11434']],
    );
    assert.equal(s.problems.length, 2);
    assert.match(s.problems[0]!, /^oblix\.cloud\.providers\[0\]: "ollama" cannot be a provider id or kind here/);
    assert.match(s.problems[1]!, /^oblix\.cloud\.providers\[1\]\.id "my provider" cannot be a provider id/);
  });
});
