// The models offered to VS Code: Oblix Auto first, limits and capabilities from facts, mode respected.
import assert from 'node:assert/strict';
import type { Health } from '../../src/core/health';
import type { ModelFact } from '../../src/core/routing/model-facts';
import { modelInfos, type ModelInfo, type ModelSource } from '../../src/extension/lm/model-info';
import { OLLAMA_DEFAULT_CONTEXT } from '../../src/core/routing/context-window';

function fact(model: string, f: Partial<ModelFact>): ModelFact {
  return {
    id: `ollama:${model}`,
    providerId: 'ollama',
    model,
    digest: null,
    sizeBytes: null,
    loaded: false,
    loadedContextLength: null,
    contextLength: null,
    capabilities: null,
    ...f,
  };
}

function source(mode: Health['mode'], facts: ModelFact[]): ModelSource {
  const local = ['ollama:llama3.2:latest', 'ollama:llava:latest', 'ollama:mystery:latest'];
  const cloud = ['openai:gpt-4o-mini', 'anthropic:claude-sonnet-5', 'lab:custom-model'];
  const provider = (id: string, kind: Health['providers'][number]['kind'], isLocal: boolean): Health['providers'][number] => ({
    id,
    kind,
    local: isLocal,
    localitySource: 'kind',
    baseURL: 'http://x',
    hasKey: true,
    state: 'online',
    latencyMs: 1,
    lastError: null,
    checkedAt: 0,
    consecutiveFailures: 0,
    cooldownUntil: null,
    lastFailureKind: null,
    probeFailure: null,
  });
  const health = {
    mode,
    providers: [provider('ollama', 'ollama', true), provider('openai', 'openai', false), provider('anthropic', 'anthropic', false), provider('lab', 'openai-compatible', false)],
    models: { local, cloud },
    modelFacts: facts,
  } as Partial<Health> as Health; // only the fields modelInfos reads
  return { models: () => ['auto', ...local, ...cloud], health: () => health };
}

const FACTS = [
  fact('llama3.2:latest', { contextLength: 131072, loaded: true, loadedContextLength: 8192, capabilities: ['completion', 'tools'] }),
  fact('llava:latest', { contextLength: 4096, capabilities: ['completion', 'vision'] }),
];
const byId = (list: ModelInfo[], id: string): ModelInfo => list.find((m) => m.id === id) ?? assert.fail(`no ${id} in ${list.map((m) => m.id).join(', ')}`);

describe('lm: the models offered to VS Code', () => {
  it('puts Oblix Auto first, then every routable model', () => {
    const list = modelInfos(source('auto', FACTS));
    assert.deepEqual(
      list.map((m) => m.id),
      ['auto', 'ollama:llama3.2:latest', 'ollama:llava:latest', 'ollama:mystery:latest', 'openai:gpt-4o-mini', 'anthropic:claude-sonnet-5', 'lab:custom-model'],
    );
    assert.equal(list[0]!.name, 'Oblix Auto');
    assert.equal(byId(list, 'ollama:llama3.2:latest').family, 'llama3.2');
  });

  it('gives Ollama models their trained context (routing raises num_ctx to reach it) and only the capabilities Ollama reported', () => {
    const list = modelInfos(source('auto', FACTS));
    const llama = byId(list, 'ollama:llama3.2:latest');
    assert.equal(llama.maxOutputTokens, 131072, 'the trained context, not the 8192 it is loaded with now');
    assert.equal(llama.maxInputTokens, 131072 - 512, 'the router keeps 512 for the answer');
    assert.deepEqual(llama.capabilities, { toolCalling: true, imageInput: false });
    assert.deepEqual(byId(list, 'ollama:llava:latest').capabilities, { toolCalling: false, imageInput: true });
    const unknown = byId(list, 'ollama:mystery:latest');
    assert.deepEqual(unknown.capabilities, { toolCalling: false, imageInput: false }, 'nothing claimed that Ollama did not say');
    assert.equal(unknown.maxOutputTokens, OLLAMA_DEFAULT_CONTEXT);
  });

  it('gives cloud models published limits, or a conservative default', () => {
    const list = modelInfos(source('auto', FACTS));
    assert.deepEqual([byId(list, 'openai:gpt-4o-mini').maxInputTokens, byId(list, 'openai:gpt-4o-mini').maxOutputTokens], [128_000 - 16_384, 16_384]);
    assert.equal(byId(list, 'anthropic:claude-sonnet-5').maxOutputTokens, 64_000);
    assert.deepEqual([byId(list, 'lab:custom-model').maxInputTokens, byId(list, 'lab:custom-model').maxOutputTokens], [32_768 - 4_096, 4_096]);
    assert.deepEqual(byId(list, 'lab:custom-model').capabilities, { toolCalling: true, imageInput: true });
  });

  it('gives Auto what some candidate has: the largest window, tools, images', () => {
    const auto = modelInfos(source('auto', FACTS))[0]!;
    assert.equal(auto.maxInputTokens, 200_000 - 64_000);
    assert.deepEqual(auto.capabilities, { toolCalling: true, imageInput: true });
  });

  it('in local-only offers no cloud model, and Auto has only local capabilities', () => {
    const list = modelInfos(source('local-only', [FACTS[0]!]));
    assert.deepEqual(
      list.map((m) => m.id),
      ['auto', 'ollama:llama3.2:latest', 'ollama:llava:latest', 'ollama:mystery:latest'],
    );
    assert.deepEqual(list[0]!.capabilities, { toolCalling: true, imageInput: false });
    assert.equal(list[0]!.maxOutputTokens, 131072);
  });

  it('in cloud-only Auto is judged by the cloud models only', () => {
    const auto = modelInfos(source('cloud-only', FACTS))[0]!;
    assert.ok(auto.tooltip?.includes('openai:gpt-4o-mini') && !auto.tooltip.includes('ollama:'));
  });
});
