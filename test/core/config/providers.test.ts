// The normaliser's providers: each wrong entry left out and named, keys from the host or the
// environment, and the environment as each host reads it (the CLI's shell configures, the editor's fills in).
import assert from 'node:assert/strict';
import { normaliseConfig, type HostRules, type RawConfig } from '../../../src/core/config/normalise';

const CLI: HostRules = { environment: 'configures', keyless: 'keep', defaultCloudModels: true, bareRoleIds: 'refused' };
const EXTENSION: HostRules = { environment: 'fills-in', keyless: 'leave-out', defaultCloudModels: false, bareRoleIds: 'ollama' };
const LMSTUDIO = { id: 'lmstudio', kind: 'openai-compatible', baseURL: 'http://127.0.0.1:1234/v1' };

const normalise = (raw: RawConfig, rules: HostRules, env: Record<string, string> = {}, keys: Record<string, string> = {}) => normaliseConfig({ raw, env, keys, rules });
const summary = (raw: RawConfig, rules: HostRules, env: Record<string, string> = {}, keys: Record<string, string> = {}) =>
  normalise(raw, rules, env, keys).config.providers.map((p) => [p.id, p.kind, p.baseURL, p.apiKey ?? null]);

describe('config normaliser: providers', () => {
  it('leaves out each wrong entry and names the field at fault', () => {
    const { config, problems } = normalise(
      {
        providers: [
          null,
          { id: 'my provider', kind: 'openai' },
          { id: 'x', kind: 'azure' },
          { id: 'y', kind: 'openai-compatible' },
          { id: 'z', kind: 'openai-compatible', baseURL: 'not a url' },
          LMSTUDIO,
        ],
      },
      CLI,
    );
    assert.deepEqual(
      config.providers.map((p) => p.id),
      ['ollama', 'lmstudio'],
    );
    assert.deepEqual(
      problems.map((p) => [p.field, p.instead]),
      [
        ['providers[0].id', 'left out'],
        ['providers[1].id', 'left out'],
        ['providers[2].kind', 'left out'],
        ['providers[3].baseURL', 'left out'],
        ['providers[4].baseURL', 'left out'],
      ],
    );
    assert.match(problems[1]!.message, /"my provider" cannot be a provider id/);
    assert.match(problems[2]!.message, /"x" has kind "azure"/);
    assert.match(problems[4]!.message, /needs a "baseURL" .*, not "not a url"/);
    assert.equal(normalise({ providers: {} }, CLI).problems[0]!.field, 'providers');
  });

  it('keeps an entry with a wrong optional field, without that field', () => {
    const { config, problems } = normalise({ providers: [{ ...LMSTUDIO, local: 'yes', apiKeyEnv: 7, models: ['qwen', 3] }] }, CLI, { LMSTUDIO_API_KEY: 'k' });
    assert.deepEqual(
      problems.map((p) => p.field),
      ['providers[0].apiKeyEnv', 'providers[0].local', 'providers[0].models'],
    );
    const lm = config.providers[1]!;
    assert.deepEqual([lm.local, lm.apiKey, lm.models], [undefined, 'k', ['qwen']]);
  });

  it('gives a built-in provider its base URL, and finds keys: the host first, then apiKeyEnv, else <ID>_API_KEY', () => {
    const raw = {
      providers: [
        { id: 'openai', kind: 'openai' },
        { ...LMSTUDIO, apiKeyEnv: 'LM_KEY' },
        { id: 'groq', kind: 'openai-compatible', baseURL: 'https://api.groq.com/openai/v1' },
      ],
    };
    assert.deepEqual(summary(raw, EXTENSION, { LM_KEY: 'lm', GROQ_API_KEY: 'groq', OPENAI_API_KEY: 'env' }, { openai: 'stored' }), [
      ['ollama', 'ollama', 'http://127.0.0.1:11434', null],
      ['openai', 'openai', 'https://api.openai.com/v1', 'stored'],
      ['lmstudio', 'openai-compatible', 'http://127.0.0.1:1234/v1', 'lm'],
      ['groq', 'openai-compatible', 'https://api.groq.com/openai/v1', 'groq'],
    ]);
  });

  it('leaves out a keyless provider off this machine for the extension, keeps it for the CLI', () => {
    const raw = { providers: [{ id: 'openai', kind: 'openai' }, LMSTUDIO, { id: 'lan', kind: 'openai-compatible', baseURL: 'http://192.168.1.9/v1', local: true }] };
    const ext = normalise(raw, EXTENSION);
    assert.deepEqual(
      ext.config.providers.map((p) => p.id),
      ['ollama', 'lmstudio', 'lan'],
    );
    assert.deepEqual(ext.missingKeys, ['openai']);
    const cli = normalise(raw, CLI);
    assert.deepEqual(
      cli.config.providers.map((p) => p.id),
      ['ollama', 'lmstudio', 'lan', 'openai'],
    );
    assert.deepEqual(cli.missingKeys, []);
  });

  it('CLI: the ecosystem variables add providers and beat the file; a default cloud model per built-in provider', () => {
    const raw = { providers: [{ id: 'ollama', kind: 'ollama', baseURL: 'http://10.0.0.2:11434' }, { id: 'anthropic', kind: 'anthropic', local: false }, LMSTUDIO] };
    const env = {
      OLLAMA_HOST: '0.0.0.0:9999',
      OPENAI_API_KEY: 'sk-o',
      OPENAI_BASE_URL: 'http://127.0.0.1:4000/v1',
      ANTHROPIC_API_KEY: 'sk-a',
      OBLIX_API_KEY: 'bearer',
      OLLAMA_CONTEXT_LENGTH: '8192',
    };
    const { config } = normalise(raw, CLI, env);
    assert.deepEqual(summary(raw, CLI, env), [
      ['ollama', 'ollama', 'http://127.0.0.1:9999', null],
      ['lmstudio', 'openai-compatible', 'http://127.0.0.1:1234/v1', null],
      ['openai', 'openai', 'http://127.0.0.1:4000/v1', 'sk-o'],
      ['anthropic', 'anthropic', 'https://api.anthropic.com', 'sk-a'],
    ]);
    assert.equal(config.providers[3]!.local, false);
    // Nobody declared the usual models: each is its provider's own, cloud by kind (not a declared cloud model).
    assert.deepEqual(config.cloudModels, []);
    assert.deepEqual(
      config.providers.map((p) => p.models ?? null),
      [null, null, ['gpt-4o-mini'], ['claude-sonnet-5']],
    );
    assert.equal(config.apiKey, 'bearer');
    assert.equal(config.ollamaContextLength, 8192);
    // Without a variable, the file's Ollama stands; named cloud models replace the defaults.
    const plain = normalise({ ...raw, cloudModels: ['anthropic:claude-haiku-4'] }, CLI);
    assert.equal(plain.config.providers[0]!.baseURL, 'http://10.0.0.2:11434');
    assert.deepEqual(plain.config.cloudModels, ['anthropic:claude-haiku-4']);
    assert.equal(plain.config.apiKey, undefined);
  });

  it('extension: the settings beat the editor environment, which only fills in Ollama and the context length', () => {
    const env = { OLLAMA_HOST: '10.0.0.3', OPENAI_API_KEY: 'sk-o', OPENAI_BASE_URL: 'http://127.0.0.1:4000/v1', OBLIX_API_KEY: 'bearer', OLLAMA_CONTEXT_LENGTH: '8192' };
    const { config } = normalise({ ollamaHost: '192.168.1.5' }, EXTENSION, env);
    assert.deepEqual(
      config.providers.map((p) => [p.id, p.baseURL]),
      [['ollama', 'http://192.168.1.5:11434']],
    );
    assert.deepEqual(config.cloudModels, []);
    assert.equal(config.apiKey, undefined);
    assert.equal(config.ollamaContextLength, 8192);
    assert.equal(normalise({}, EXTENSION, env).config.providers[0]!.baseURL, 'http://10.0.0.3:11434');
    assert.equal(normaliseConfig({ raw: {}, env, token: 'token', rules: EXTENSION }).config.apiKey, 'token');
  });

  it('names an Ollama host that is no host, by where it came from', () => {
    const bad = 'http://exa mple:x';
    const fromRaw = normalise({ ollamaHost: bad }, EXTENSION);
    assert.deepEqual(
      fromRaw.problems.map((p) => [p.field, p.instead]),
      [['ollamaHost', 'using http://127.0.0.1:11434']],
    );
    assert.equal(fromRaw.config.providers[0]!.baseURL, 'http://127.0.0.1:11434');
    assert.deepEqual(
      normalise({}, CLI, { OLLAMA_HOST: bad }).problems.map((p) => p.field),
      ['OLLAMA_HOST'],
    );
    assert.deepEqual(
      normalise({ ollamaHost: 11434 }, EXTENSION).problems.map((p) => p.field),
      ['ollamaHost'],
    );
  });
});
