// A typo in a config never passes silently: every field the normaliser does not know is named, in
// every object (the top level, provider entries, thresholds, roles), with the closest known name.
import assert from 'node:assert/strict';
import { CONFIG_FIELDS, PROVIDER_FIELDS, ROLE_FIELDS, THRESHOLD_FIELDS } from '../../../src/core/config/fields';
import { normaliseConfig, type HostRules, type RawConfig } from '../../../src/core/config/normalise';

const CLI: HostRules = { environment: 'configures', keyless: 'keep', defaultCloudModels: true, bareRoleIds: 'refused' };
const EXTENSION: HostRules = { environment: 'fills-in', keyless: 'leave-out', defaultCloudModels: false, bareRoleIds: 'ollama' };
const LM = { id: 'lmstudio', kind: 'openai-compatible', baseURL: 'http://127.0.0.1:1234/v1' };

const problems = (raw: RawConfig, rules: HostRules = CLI, env: Record<string, string> = {}) => normaliseConfig({ raw, env, rules }).problems;

describe('config normaliser: unknown fields', () => {
  it('names a top-level typo with the field it meant, and leaves the field at its default', () => {
    const raw = { mdoe: 'local-only', fristTokenTimeoutMs: 5000 } as RawConfig;
    for (const rules of [CLI, EXTENSION]) {
      const { config, problems: found } = normaliseConfig({ raw, env: {}, rules });
      assert.deepEqual(found, [
        { field: 'mdoe', message: 'is not a known field; did you mean "mode"?', instead: 'ignored' },
        { field: 'fristTokenTimeoutMs', message: 'is not a known field; did you mean "firstTokenTimeoutMs"?', instead: 'ignored' },
      ]);
      assert.equal(config.mode, 'auto');
    }
  });

  it('names typos inside thresholds, provider entries and roles by their path', () => {
    const raw = {
      thresholds: { maxCpuLoad: 50 },
      providers: [{ ...LM, locall: true, modles: ['qwen'] }],
      roles: { chatt: ['ollama:llama3.2'] },
    } as RawConfig;
    assert.deepEqual(
      problems(raw).map((p) => `${p.field} ${p.message}`),
      [
        'providers[0].locall is not a known field; did you mean "local"?',
        'providers[0].modles is not a known field; did you mean "models"?',
        'thresholds.maxCpuLoad is not a known field; did you mean "maxCpuLoadPct"?',
        'roles.chatt is not a known field; did you mean "chat"?',
      ],
    );
  });

  it('lists the known fields when no known name is close', () => {
    const [p] = problems({ temperature: 0.2 } as RawConfig);
    assert.equal(p!.field, 'temperature');
    assert.match(p!.message, /^is not a known field; the known ones are host, port, mode, /);
  });

  it('names an alias to a provider that is not configured, with the provider it likely meant', () => {
    const env = { OPENAI_API_KEY: 'sk-test' };
    const [p, ...rest] = problems({ modelAliases: { 'gpt-5*': 'opnai:gpt-4o', 'claude-*': 'auto', 'o3*': 'openai:o3' } }, CLI, env);
    assert.deepEqual(rest, []);
    assert.equal(p!.field, 'modelAliases["gpt-5*"]');
    assert.match(p!.message, /names the provider 'opnai', and that is not configured; did you mean 'openai'\?/);
    const [far] = problems({ modelAliases: { 'gpt-5*': 'groq:llama' } });
    assert.match(far!.message, /names the provider 'groq', and that is not configured\. Add it to "providers"/);
  });

  it('knows every field it reads: each listed field, set, is no unknown field', () => {
    // A field added to a list must be known everywhere it appears; one read but not listed would be named here.
    const everyField = Object.fromEntries(CONFIG_FIELDS.map((f) => [f, null]));
    const raw = {
      ...everyField,
      thresholds: Object.fromEntries(THRESHOLD_FIELDS.map((f) => [f, null])),
      providers: [{ ...Object.fromEntries(PROVIDER_FIELDS.map((f) => [f, null])), ...LM }],
      roles: Object.fromEntries(ROLE_FIELDS.map((f) => [f, null])),
    } as RawConfig;
    assert.deepEqual(
      problems(raw).filter((p) => /not a known field/.test(p.message)),
      [],
    );
  });
});
