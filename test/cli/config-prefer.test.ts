// `prefer` and `modelTiers` from the flag, the config file and VS Code's settings: read when right,
// refused (CLI) or left out and named (VS Code) when wrong, with `balanced` the default.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseServeArgs, readConfigFile, UsageError } from '../../src/cli/options';
import { parseSettings, type SettingKeys } from '../../src/extension/settings-parse';

function file(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'oblix-prefer-')), 'oblix.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
}

const keys: SettingKeys = { get: () => Promise.resolve(undefined), serverToken: () => Promise.resolve('t') };

describe('config: prefer and modelTiers', () => {
  it('defaults to balanced with no declared tiers', () => {
    const c = parseServeArgs([], {});
    assert.equal(c.prefer, 'balanced');
    assert.equal(c.modelTiers, undefined);
  });

  it('reads --prefer, and "prefer" and "modelTiers" from the file; the flag beats the file', () => {
    const path = file({ prefer: 'quality', modelTiers: { 'ollama:qwen3-coder:30b': 'strong', 'openai:gpt-4o-mini': 'small' } });
    const c = readConfigFile(path, { OPENAI_API_KEY: 'sk-x' });
    assert.equal(c.prefer, 'quality');
    assert.deepEqual(c.modelTiers, { 'ollama:qwen3-coder:30b': 'strong', 'openai:gpt-4o-mini': 'small' });
    assert.equal(parseServeArgs(['--config', path, '--prefer', 'local'], { OPENAI_API_KEY: 'sk-x' }).prefer, 'local');
  });

  it('refuses a wrong preference, a wrong tier and a model of no configured provider, naming each', () => {
    assert.throws(
      () => parseServeArgs(['--prefer', 'fast'], {}),
      (e) => e instanceof UsageError && e.message === '--prefer must be one of local, balanced, quality, not "fast".',
    );
    assert.throws(
      () => readConfigFile(file({ modelTiers: { 'ollama:x': 'huge' } }), {}),
      (e) => e instanceof UsageError && /"modelTiers\["ollama:x"\]" must be "small" or "strong", not "huge"/.test(e.message),
    );
    assert.throws(
      () => readConfigFile(file({ modelTiers: { 'groq:llama': 'strong' } }), {}),
      (e) => e instanceof UsageError && /"modelTiers" has 'groq:llama', which names the provider 'groq'/.test(e.message),
    );
    assert.throws(
      () => readConfigFile(file({ modelTiers: ['ollama:x'] }), {}),
      (e) => e instanceof UsageError && /"modelTiers" must be an object/.test(e.message),
    );
  });

  it('VS Code: oblix.routing.prefer and oblix.routing.modelTiers, a bare name an Ollama model, a wrong value named by its setting', async () => {
    const s = await parseSettings((k) => ({ 'routing.prefer': 'quality', 'routing.modelTiers': { 'qwen3-coder:30b': 'strong' } })[k], keys, {});
    assert.equal(s.config.prefer, 'quality');
    assert.deepEqual(s.config.modelTiers, { 'ollama:qwen3-coder:30b': 'strong' });
    const bad = await parseSettings((k) => ({ 'routing.prefer': 'cheap' })[k], keys, {});
    assert.equal(bad.config.prefer, 'balanced');
    assert.deepEqual(bad.problems, ['oblix.routing.prefer must be one of local, balanced, quality, not "cheap"; using balanced.']);
  });
});
