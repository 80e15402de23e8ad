// Settings are hand-edited JSON: wrong values are left out or defaulted and named, never a crash.
import assert from 'node:assert/strict';
import { parseSettings, type SettingKeys } from '../../src/extension/settings-parse';

const keys = (stored: Record<string, string> = {}): SettingKeys => ({ get: async (id) => stored[id], serverToken: async () => 'token' });
const from =
  (values: Record<string, unknown>) =>
  (key: string): unknown =>
    values[key];

describe('extension settings', () => {
  it('turns good settings into the core config', async () => {
    const s = await parseSettings(
      from({
        'routing.mode': 'cloud-only',
        'ollama.host': '192.168.1.5',
        'cloud.providers': [
          { id: 'lmstudio', kind: 'openai-compatible', baseURL: 'http://127.0.0.1:1234/v1', models: ['qwen'] },
          { id: 'openai', kind: 'openai', models: ['gpt-4o-mini'] },
        ],
        localModels: ['llama3.2', 'lmstudio:qwen'],
        'routing.firstTokenTimeoutMs': 5000,
      }),
      keys({ openai: 'sk-1' }),
      {},
    );
    assert.deepEqual(s.problems, []);
    assert.equal(s.config.mode, 'cloud-only');
    assert.equal(s.config.providers[0]!.baseURL, 'http://192.168.1.5:11434');
    assert.deepEqual(
      s.config.providers.map((p) => [p.id, p.kind, p.local ?? null, Boolean(p.apiKey), p.models ?? null]),
      [
        ['ollama', 'ollama', null, false, null],
        ['lmstudio', 'openai-compatible', null, false, ['qwen']],
        ['openai', 'openai', null, true, ['gpt-4o-mini']],
      ],
    );
    assert.deepEqual(s.config.localModels, ['ollama:llama3.2', 'lmstudio:qwen']);
    // A provider's models follow its locality (declared, or guessed only when undeclared): not declared cloud.
    assert.deepEqual(s.config.cloudModels, []);
    assert.equal(s.config.firstTokenTimeoutMs, 5000);
  });

  it('oblix.ollama.prewarm is on unless turned off; oblix.ollama.keepAlive is sent as set (digits are seconds), named when wrong', async () => {
    const unset = await parseSettings(from({}), keys(), {});
    assert.deepEqual([unset.config.prewarm, unset.config.keepAlive], [true, undefined]);
    const set = await parseSettings(from({ 'ollama.prewarm': false, 'ollama.keepAlive': '3600' }), keys(), {});
    assert.deepEqual([set.config.prewarm, set.config.keepAlive, set.problems], [false, 3600, []]);
    const wrong = await parseSettings(from({ 'ollama.keepAlive': 'a while' }), keys(), {});
    assert.equal(wrong.config.keepAlive, undefined);
    assert.deepEqual(wrong.problems, [
      `oblix.ollama.keepAlive must be a duration such as "30m", "1h" or "-1" (keep loaded), or a number of seconds, not "a while"; using Ollama's own (5 minutes).`,
    ]);
  });

  it('reads the model roles (a bare name is an Ollama model) and the completion timeout', async () => {
    const s = await parseSettings(
      from({ 'roles.completion': ['qwen2.5-coder:1.5b'], 'roles.embedding': ['ollama:nomic-embed-text'], 'routing.completionFirstTokenTimeoutMs': 2000 }),
      keys(),
      {},
    );
    assert.deepEqual(s.problems, []);
    assert.deepEqual(s.config.roles, { completion: ['ollama:qwen2.5-coder:1.5b'], embedding: ['ollama:nomic-embed-text'] });
    assert.equal(s.config.completionFirstTokenTimeoutMs, 2000);
  });

  it('reads oblix.privacy.secrets and oblix.privacy.localOnlyFiles, and names wrong values', async () => {
    const plain = await parseSettings(from({}), keys(), {});
    assert.deepEqual([plain.config.privacy, plain.localOnlyFiles], [{ secrets: 'block' }, ['**/.env*', '**/*.pem', '**/*.key', '**/secrets/**']]);
    const set = await parseSettings(from({ 'privacy.secrets': 'allow', 'privacy.localOnlyFiles': ['**/*.tfvars'] }), keys(), {});
    assert.deepEqual([set.problems, set.config.privacy, set.localOnlyFiles], [[], { secrets: 'allow' }, ['**/*.tfvars']]);
    const bad = await parseSettings(from({ 'privacy.secrets': 'never', 'privacy.localOnlyFiles': ['**/*.pem', 7] }), keys(), {});
    assert.deepEqual(bad.problems, [
      'oblix.privacy.secrets must be one of block, allow, not "never"; using block.',
      'oblix.privacy.localOnlyFiles must be a list of glob strings, not ["**/*.pem",7]; left out the others.',
    ]);
    assert.deepEqual([bad.config.privacy.secrets, bad.localOnlyFiles], ['block', ['**/*.pem']]);
  });

  it('names an unknown field of a provider entry with the field it meant, and the environment by its variable', async () => {
    const s = await parseSettings(
      from({ 'cloud.providers': [{ id: 'lan', kind: 'openai-compatible', baseUrl: 'http://10.0.0.9:8000/v1', locall: true, modles: ['qwen'] }] }),
      keys(),
      { OLLAMA_CONTEXT_LENGTH: 'abc', OLLAMA_HOST: 'ftp://10.0.0.2:11434' },
    );
    assert.deepEqual(s.problems, [
      'oblix.cloud.providers[0].baseUrl is not a known field; did you mean "baseURL"? Ignored.',
      'oblix.cloud.providers[0].locall is not a known field; did you mean "local"? Ignored.',
      'oblix.cloud.providers[0].modles is not a known field; did you mean "models"? Ignored.',
      'oblix.cloud.providers[0].baseURL "lan" needs a "baseURL" such as http://127.0.0.1:1234/v1; left out.',
      'OLLAMA_HOST "ftp://10.0.0.2:11434" uses ftp://, but Ollama answers over http:// or https:// (write host:port, such as 127.0.0.1:11434, or http://host:port); using http://127.0.0.1:11434.',
      'OLLAMA_CONTEXT_LENGTH must be a whole number from 1 to 16777216, not "abc"; using 4096.',
    ]);
    assert.equal(s.config.ollamaContextLength, 4096);
  });

  it('leaves out or defaults wrong values, and names each setting in a problem', async () => {
    const s = await parseSettings(
      from({
        'routing.mode': 'fastest',
        'ollama.host': 'http://exa mple:x',
        'cloud.providers': [null, { id: 'x', kind: 'azure' }, { id: 'y', kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:1/v1' }, { id: 'openai', kind: 'openai' }],
        localModels: ['llama3.2', 42],
        'server.port': 70000,
        'routing.maxCpuLoadPct': 'high',
      }),
      keys(),
      {},
    );
    assert.equal(s.config.mode, 'auto');
    assert.equal(s.config.providers[0]!.baseURL, 'http://127.0.0.1:11434');
    assert.deepEqual(
      s.config.providers.map((p) => p.id),
      ['ollama'],
    ); // x: bad kind, y: no baseURL, openai: no key
    assert.deepEqual(s.missingKeys, ['openai']);
    assert.deepEqual(s.config.localModels, ['ollama:llama3.2']);
    assert.equal(s.config.port, 62549);
    assert.equal(s.config.thresholds.maxCpuLoadPct, 90);
    const text = s.problems.join('\n');
    for (const expected of [
      'oblix.routing.mode',
      'oblix.ollama.host',
      'without an "id"',
      '"x" has kind "azure"',
      '"y" needs a "baseURL"',
      'oblix.localModels',
      'oblix.server.port',
      'oblix.routing.maxCpuLoadPct',
    ]) {
      assert.ok(text.includes(expected), `a problem mentions ${expected}:\n${text}`);
    }
  });
});
