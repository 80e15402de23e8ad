// The one normaliser both hosts use: defaults, each kind of wrong value (left out or defaulted, and
// named by its field), model roles, aliases and the model-id check.
import assert from 'node:assert/strict';
import { defaultConfig } from '../../../src/core/config/config';
import { normaliseConfig, type HostRules, type RawConfig } from '../../../src/core/config/normalise';

const CLI: HostRules = { environment: 'configures', keyless: 'keep', defaultCloudModels: true, bareRoleIds: 'refused' };
const EXTENSION: HostRules = { environment: 'fills-in', keyless: 'leave-out', defaultCloudModels: false, bareRoleIds: 'ollama' };

const normalise = (raw: RawConfig, rules: HostRules = CLI) => normaliseConfig({ raw, env: {}, rules });
/** The one problem of a raw config: its field, its message, what was done instead. */
function onlyProblem(raw: RawConfig, rules: HostRules = CLI): { field: string; message: string; instead?: string } {
  const { problems } = normalise(raw, rules);
  assert.equal(problems.length, 1, JSON.stringify(problems));
  return problems[0]!;
}

describe('config normaliser', () => {
  it('gives the core defaults for an empty config, with no problem', () => {
    for (const rules of [CLI, EXTENSION]) {
      const { config, problems, missingKeys } = normalise({}, rules);
      assert.deepEqual(problems, []);
      assert.deepEqual(missingKeys, []);
      assert.deepEqual(config, defaultConfig());
    }
  });

  it('reads every field when right', () => {
    const { config, problems } = normalise({
      host: '0.0.0.0',
      port: '8080',
      mode: 'local-only',
      localModels: ['llama3.2', 'ollama:qwen2.5-coder'],
      cloudModels: [],
      firstTokenTimeoutMs: 1,
      idleTimeoutMs: 0,
      completionFirstTokenTimeoutMs: 3000,
      thresholds: { maxCpuLoadPct: 101, memoryHeadroom: 1.5 },
      allowedOrigins: 'http://localhost:5173',
      modelAliases: { 'claude-*': 'auto' },
    });
    assert.deepEqual(problems, []);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.port, 8080);
    assert.equal(config.mode, 'local-only');
    assert.deepEqual(config.localModels, ['ollama:llama3.2', 'ollama:qwen2.5-coder']);
    assert.equal(config.firstTokenTimeoutMs, 1);
    assert.equal(config.idleTimeoutMs, 0);
    assert.equal(config.completionFirstTokenTimeoutMs, 3000);
    assert.deepEqual(config.thresholds, { maxCpuLoadPct: 101, memoryHeadroom: 1.5, lowBatteryPct: 20 });
    assert.deepEqual(config.allowedOrigins, ['http://localhost:5173']);
    assert.deepEqual(config.modelAliases, { 'claude-*': 'auto' });
  });

  it('defaults a wrong scalar and names its field', () => {
    assert.deepEqual(onlyProblem({ host: 42 }), { field: 'host', message: 'must be a non-empty string, not 42', instead: 'using "127.0.0.1"' });
    assert.deepEqual(onlyProblem({ port: 70000 }), { field: 'port', message: 'must be a whole number from 0 to 65535, not 70000', instead: 'using 62549' });
    assert.deepEqual(onlyProblem({ port: 80.5 }).field, 'port');
    assert.deepEqual(onlyProblem({ mode: 'fastest' }), { field: 'mode', message: 'must be one of auto, local-only, cloud-only, not "fastest"', instead: 'using auto' });
    assert.equal(onlyProblem({ firstTokenTimeoutMs: 0 }).field, 'firstTokenTimeoutMs');
    assert.equal(onlyProblem({ idleTimeoutMs: -1 }).field, 'idleTimeoutMs');
    assert.equal(onlyProblem({ completionFirstTokenTimeoutMs: 'soon' }).field, 'completionFirstTokenTimeoutMs');
    assert.deepEqual(onlyProblem({ thresholds: { lowBatteryPct: 'low' } }), {
      field: 'thresholds.lowBatteryPct',
      message: 'must be a number from 0 to 100, not "low"',
      instead: 'using 20',
    });
    assert.equal(onlyProblem({ thresholds: [] }).field, 'thresholds');
    const { config } = normalise({ port: 70000, thresholds: { maxCpuLoadPct: 200 } });
    assert.equal(config.port, 62549);
    assert.equal(config.thresholds.maxCpuLoadPct, 90);
  });

  it('leaves out wrong list entries and names the list', () => {
    const { config, problems } = normalise({ localModels: ['llama3.2', 42, ' '], allowedOrigins: [null] });
    assert.deepEqual(config.localModels, ['ollama:llama3.2']);
    assert.deepEqual(config.allowedOrigins, []);
    assert.deepEqual(
      problems.map((p) => [p.field, p.instead]),
      [
        ['localModels', 'left out 2 other value(s)'],
        ['allowedOrigins', 'left out 1 other value(s)'],
      ],
    );
  });

  it('names each declared model that cannot be routed to', () => {
    const { problems } = normalise({ localModels: ['ollama:llama3.2'], cloudModels: ['nope', 'groq:llama'] });
    assert.deepEqual(
      problems.map((p) => p.field),
      ['cloudModels', 'cloudModels'],
    );
    assert.match(problems[0]!.message, /^has 'nope', which is not a model id/);
    assert.match(problems[1]!.message, /^has 'groq:llama', which names the provider 'groq', and that is not configured/);
  });

  it('reads privacy.secrets (default block), and names a wrong value or an unknown privacy field', () => {
    assert.deepEqual(normalise({}).config.privacy, { secrets: 'block' });
    assert.deepEqual(normalise({ privacy: { secrets: 'allow' } }).config.privacy, { secrets: 'allow' });
    assert.deepEqual(onlyProblem({ privacy: { secrets: 'sometimes' } }), {
      field: 'privacy.secrets',
      message: 'must be one of block, allow, not "sometimes"',
      instead: 'using block',
    });
    assert.equal(onlyProblem({ privacy: { secret: 'allow' } }).field, 'privacy.secret');
    assert.equal(onlyProblem({ privacy: 'allow' }).field, 'privacy');
  });

  it('reads roles: a bare name is an Ollama model for the extension, a problem for the CLI', () => {
    const roles = {
      chat: [],
      completion: ['qwen2.5-coder:1.5b'],
      embedding: ['ollama:nomic-embed-text'],
      embeddingFailover: { 'ollama:nomic-embed-text': 'lmstudio:nomic-embed-text' },
    };
    assert.deepEqual(normalise({ roles }, EXTENSION).config.roles, {
      completion: ['ollama:qwen2.5-coder:1.5b'],
      embedding: ['ollama:nomic-embed-text'],
      embeddingFailover: { 'ollama:nomic-embed-text': 'lmstudio:nomic-embed-text' },
    });
    const cli = normalise({ roles: { ...roles, completion: ['qwen', 'ollama:qwen2.5-coder:1.5b'] } });
    assert.deepEqual(cli.config.roles?.completion, ['ollama:qwen2.5-coder:1.5b']);
    assert.deepEqual(
      cli.problems.map((p) => [p.field, p.message, p.instead]),
      [['roles.completion', "has 'qwen', which is not a model id ('<provider>:<model>')", 'left out']],
    );
  });

  it('names wrong roles and aliases', () => {
    assert.equal(onlyProblem({ roles: [] }).field, 'roles');
    assert.deepEqual(onlyProblem({ roles: { autocomplete: [] } }), {
      field: 'roles.autocomplete',
      message: 'is not a known field; the known ones are chat, completion, embedding, embeddingFailover',
      instead: 'ignored',
    });
    assert.equal(onlyProblem({ roles: { embeddingFailover: { a: 1 } } }).field, 'roles.embeddingFailover["a"]');
    assert.equal(onlyProblem({ modelAliases: 'auto' }).field, 'modelAliases');
    const { config, problems } = normalise({ modelAliases: { 'gpt-*': 'auto', bad: '' } });
    assert.deepEqual(config.modelAliases, { 'gpt-*': 'auto' });
    assert.deepEqual(
      problems.map((p) => p.field),
      ['modelAliases["bad"]'],
    );
  });
});
