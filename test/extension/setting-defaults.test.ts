// The defaults VS Code shows in the Settings UI (package.json's contributes.configuration) are the
// core's defaults: a changed constant in core must not leave the manifest promising the old value.
import assert from 'node:assert/strict';
import pkg from '../../package.json';
import { DEFAULT_ANTHROPIC_MODEL, DEFAULT_COMPLETION_FIRST_TOKEN_TIMEOUT_MS, defaultConfig, DEFAULT_OPENAI_MODEL } from '../../src/core/config/config';
import { parseModelId } from '../../src/core/routing/model-id';
import { DEFAULT_LOCAL_ONLY_FILES } from '../../src/extension/local-only-files';

interface Contributed {
  readonly default?: unknown;
}

describe('package.json setting defaults', () => {
  const contributed: Record<string, Contributed> = Object.assign(
    {},
    ...pkg.contributes.configuration.map(
      (section) => section.properties as unknown as Record<string, Contributed> /* sections differ in shape; each entry is read as Contributed */,
    ),
  );
  const core = defaultConfig();
  const modelOf = (id: string): string => parseModelId(id)?.model ?? id;
  const expected: Record<string, unknown> = {
    'oblix.server.enabled': true,
    'oblix.server.host': core.host,
    'oblix.server.port': core.port,
    'oblix.server.requireApiKey': core.apiKey !== undefined,
    'oblix.server.allowedOrigins': core.allowedOrigins,
    'oblix.editorModels.onEndpoint': false,
    'oblix.routing.mode': core.mode,
    'oblix.routing.prefer': core.prefer,
    'oblix.routing.modelTiers': core.modelTiers ?? {},
    'oblix.routing.firstTokenTimeoutMs': core.firstTokenTimeoutMs,
    'oblix.routing.completionFirstTokenTimeoutMs': DEFAULT_COMPLETION_FIRST_TOKEN_TIMEOUT_MS,
    'oblix.roles.chat': [],
    'oblix.roles.completion': [],
    'oblix.roles.embedding': [],
    'oblix.routing.idleTimeoutMs': core.idleTimeoutMs,
    'oblix.routing.maxCpuLoadPct': core.thresholds.maxCpuLoadPct,
    'oblix.routing.memoryHeadroom': core.thresholds.memoryHeadroom,
    'oblix.routing.lowBatteryPct': core.thresholds.lowBatteryPct,
    'oblix.privacy.secrets': core.privacy.secrets,
    'oblix.privacy.localOnlyFiles': DEFAULT_LOCAL_ONLY_FILES,
    // Empty: OLLAMA_HOST, else the core's default host.
    'oblix.ollama.host': '',
    // The editor pre-warms unless told not to (settings-parse.ts); the CLI only with --prewarm.
    'oblix.ollama.prewarm': true,
    // Empty: not sent, Ollama's own keep_alive.
    'oblix.ollama.keepAlive': core.keepAlive ?? '',
    'oblix.localModels': core.localModels,
    'oblix.cloud.providers': [
      { id: 'openai', kind: 'openai', models: [modelOf(DEFAULT_OPENAI_MODEL)] },
      { id: 'anthropic', kind: 'anthropic', models: [modelOf(DEFAULT_ANTHROPIC_MODEL)] },
    ],
    'oblix.chat.defaultModel': 'auto',
    // No budget unless set; no prices but the built-in table.
    'oblix.budget.dailyUSD': core.budget?.dailyUSD ?? null,
    'oblix.budget.monthlyUSD': core.budget?.monthlyUSD ?? null,
    'oblix.prices': core.prices ?? {},
  };

  it('covers every contributed setting', () => {
    assert.deepEqual(Object.keys(contributed).sort(), Object.keys(expected).sort());
  });

  for (const [key, value] of Object.entries(expected)) {
    it(`${key} defaults to the core's value`, () => {
      assert.deepEqual(contributed[key]?.default, value);
    });
  }
});
