// A renamed setting keeps a user's value: read under the old name while the new one is unset, and
// moved to the new name at the same target on activation. The fake is VS Code's configuration
// model for the `oblix` section: contributed defaults under user (global) and workspace values,
// get() merging them, inspect() showing each layer, update(key, undefined) unsetting.
import assert from 'node:assert/strict';
import pkg from '../../package.json';
import { parseSettings, type SettingKeys } from '../../src/extension/settings-parse';
import { migrateRenamedSettings, readingOldNames, RENAMED_SETTINGS, type SettingTarget, type SettingsStore, type SetValues } from '../../src/extension/settings-renamed';

const keys: SettingKeys = { get: async () => undefined, serverToken: async () => 'token' };

/** Contributed defaults, by name after `oblix.`. */
const DEFAULTS: Record<string, unknown> = Object.fromEntries(
  pkg.contributes.configuration
    .flatMap((section) => Object.entries(section.properties as unknown as Record<string, { default?: unknown }> /* sections differ in shape */))
    .map(([key, p]) => [key.slice('oblix.'.length), p.default]),
);

class FakeConfiguration implements SettingsStore {
  readonly layers: Record<SettingTarget, Map<string, unknown>> = { global: new Map(), workspace: new Map() };
  updates = 0;
  constructor(global: Record<string, unknown>, workspace: Record<string, unknown> = {}) {
    for (const [k, v] of Object.entries(global)) this.layers.global.set(k, v);
    for (const [k, v] of Object.entries(workspace)) this.layers.workspace.set(k, v);
  }
  get(key: string): unknown {
    return this.layers.workspace.get(key) ?? this.layers.global.get(key) ?? DEFAULTS[key];
  }
  inspect(key: string): SetValues {
    return { globalValue: this.layers.global.get(key), workspaceValue: this.layers.workspace.get(key) };
  }
  async update(key: string, value: unknown, target: SettingTarget): Promise<void> {
    this.updates++;
    if (value === undefined) this.layers[target].delete(key);
    else this.layers[target].set(key, value);
  }
  defaultModel(): Promise<string> {
    return parseSettings(
      readingOldNames(this, (key) => this.get(key)),
      keys,
      {},
    ).then((s) => s.defaultModel);
  }
}

describe('renamed settings', () => {
  it('each new name is contributed and each old one no longer is', () => {
    for (const [from, to] of Object.entries(RENAMED_SETTINGS)) {
      assert.ok(to in DEFAULTS, `oblix.${to} is contributed`);
      assert.ok(!(from in DEFAULTS), `oblix.${from} is not`);
    }
  });

  it('reads oblix.defaultModel while oblix.chat.defaultModel is unset, and the new name once it is set', async () => {
    assert.equal(await new FakeConfiguration({}).defaultModel(), 'auto');
    assert.equal(await new FakeConfiguration({ defaultModel: 'ollama:llama3.2' }).defaultModel(), 'ollama:llama3.2');
    assert.equal(await new FakeConfiguration({}, { defaultModel: 'ollama:qwen3' }).defaultModel(), 'ollama:qwen3');
    assert.equal(await new FakeConfiguration({ defaultModel: 'ollama:llama3.2', 'chat.defaultModel': 'openai:gpt-4o-mini' }).defaultModel(), 'openai:gpt-4o-mini');
    // Set to the default on purpose under the new name: that is the user's choice, not the old value.
    assert.equal(await new FakeConfiguration({ defaultModel: 'ollama:llama3.2', 'chat.defaultModel': 'auto' }).defaultModel(), 'auto');
  });

  it('moves a user value and a workspace value to the new name at the same target, and unsets the old ones', async () => {
    const c = new FakeConfiguration({ defaultModel: 'ollama:llama3.2' }, { defaultModel: 'ollama:qwen3' });
    const done = await migrateRenamedSettings(c);
    assert.deepEqual(done, ['oblix.defaultModel moved to oblix.chat.defaultModel in global settings', 'oblix.defaultModel moved to oblix.chat.defaultModel in workspace settings']);
    assert.deepEqual(c.inspect('chat.defaultModel'), { globalValue: 'ollama:llama3.2', workspaceValue: 'ollama:qwen3' });
    assert.deepEqual(c.inspect('defaultModel'), { globalValue: undefined, workspaceValue: undefined });
    assert.equal(await c.defaultModel(), 'ollama:qwen3');
    // A second activation has nothing to move and writes nothing.
    const updates = c.updates;
    assert.deepEqual(await migrateRenamedSettings(c), []);
    assert.equal(c.updates, updates);
  });

  it('keeps a value already set under the new name, and only unsets the old one there', async () => {
    const c = new FakeConfiguration({ defaultModel: 'ollama:llama3.2', 'chat.defaultModel': 'openai:gpt-4o-mini' }, { defaultModel: 'ollama:qwen3' });
    const done = await migrateRenamedSettings(c);
    assert.deepEqual(done, [
      'oblix.defaultModel removed from global settings (oblix.chat.defaultModel is set there)',
      'oblix.defaultModel moved to oblix.chat.defaultModel in workspace settings',
    ]);
    assert.deepEqual(c.inspect('chat.defaultModel'), { globalValue: 'openai:gpt-4o-mini', workspaceValue: 'ollama:qwen3' });
    assert.deepEqual(c.inspect('defaultModel'), { globalValue: undefined, workspaceValue: undefined });
  });

  it('leaves a configuration with no old names untouched', async () => {
    const c = new FakeConfiguration({ 'chat.defaultModel': 'ollama:llama3.2', 'routing.mode': 'local-only' });
    assert.deepEqual(await migrateRenamedSettings(c), []);
    assert.equal(c.updates, 0);
  });
});
