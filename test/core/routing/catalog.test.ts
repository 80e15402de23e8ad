// The catalog `auto` chooses from: the local models named, in order, then what the local runtimes
// have installed and nobody named (loaded first), then the other configured models; each with its
// locality; and bare names matched to the known models.
import assert from 'node:assert/strict';
import type { InstalledModel, Provider, ProviderKind } from '../../../src/core/providers/provider';
import { Catalog } from '../../../src/core/routing/catalog';
import { Localities } from '../../../src/core/routing/locality';
import { ModelFacts } from '../../../src/core/routing/model-facts';

function provider(id: string, kind: ProviderKind, installed?: () => InstalledModel[]): Provider {
  return {
    id,
    kind,
    local: kind === 'ollama',
    ignoredParams: () => [],
    chat: () => {
      throw new Error('not called');
    },
    ping: () => Promise.resolve(),
    ...(installed && { inventory: () => Promise.resolve(installed()) }),
  };
}
const model = (name: string, loaded = false): InstalledModel => ({ model: name, digest: `d-${name}`, sizeBytes: 1, loaded, loadedContextLength: null });

async function setup(localIds: string[], otherIds: string[], installed: InstalledModel[] = []) {
  let list = installed;
  const ollama = provider('ollama', 'ollama', () => list);
  const lan = provider('lan', 'openai-compatible', () => [model('far-away')]); // declared cloud below: never inventoried
  const openai = provider('openai', 'openai');
  const providers = new Map([ollama, lan, openai].map((p) => [p.id, p]));
  const facts = new ModelFacts();
  await facts.refresh(ollama);
  await facts.refresh(lan);
  const localities = new Localities({
    providers: [
      { id: 'ollama', kind: 'ollama', baseURL: 'http://127.0.0.1:11434' },
      { id: 'lan', kind: 'openai-compatible', baseURL: 'http://10.0.0.5:8000/v1', local: false },
      { id: 'openai', kind: 'openai', baseURL: 'https://api.openai.com/v1' },
    ],
    localModels: localIds,
    cloudModels: otherIds,
  });
  const catalog = new Catalog(providers, localIds, otherIds, facts, localities);
  return {
    catalog,
    relist: async (next: InstalledModel[]) => {
      list = next;
      await facts.refresh(ollama);
    },
  };
}

const ids = (c: Catalog): string[] => c.entries.map((e) => `${e.id} ${e.local ? 'local' : 'cloud'} ${e.localitySource}`);

describe('Catalog', () => {
  it('configured models: local ones first, each once, models of unknown providers left out', async () => {
    const { catalog } = await setup(
      ['ollama:qwen2.5-coder:7b', 'nowhere:x', 'ollama:llama3.2'],
      ['openai:gpt-4o-mini', 'ollama:qwen2.5-coder:7b', 'lan:big'],
      [model('mistral:latest', true)],
    );
    assert.deepEqual(ids(catalog), [
      'ollama:qwen2.5-coder:7b cloud declared-cloud-model', // listed in both lists: cloud, so a prompt never leaves by mistake
      'ollama:llama3.2 local declared-local-model',
      'ollama:mistral:latest local kind', // installed, not named: still found, after the named ones
      'openai:gpt-4o-mini cloud declared-cloud-model',
      'lan:big cloud declared-cloud-model',
    ]);
    assert.deepEqual(catalog.entries[1], { id: 'ollama:llama3.2', providerId: 'ollama', model: 'llama3.2', local: true, localitySource: 'declared-local-model' });
  });

  it('naming local models does not hide the installed ones: an embedding model stays found, a named one is not listed twice', async () => {
    const { catalog } = await setup(['ollama:llama3.2'], ['openai:gpt-4o-mini'], [model('llama3.2:latest'), model('nomic-embed-text:latest')]);
    assert.deepEqual(ids(catalog), ['ollama:llama3.2 local declared-local-model', 'ollama:nomic-embed-text:latest local kind', 'openai:gpt-4o-mini cloud declared-cloud-model']);
  });

  it('with no local model named: the installed ones, loaded first, then the configured ones', async () => {
    const { catalog } = await setup([], ['openai:gpt-4o-mini', 'ollama:phi3:latest'], [model('a:1'), model('b:1', true), model('phi3:latest'), model('c:1'), model('d:1', true)]);
    assert.deepEqual(ids(catalog), [
      'ollama:b:1 local kind',
      'ollama:d:1 local kind',
      'ollama:a:1 local kind',
      'ollama:c:1 local kind',
      'openai:gpt-4o-mini cloud declared-cloud-model',
      'ollama:phi3:latest cloud declared-cloud-model', // configured: not listed twice
    ]);
  });

  it('the list is built once per inventory: the same array until the runtime is asked again', async () => {
    const { catalog, relist } = await setup([], ['openai:gpt-4o-mini'], [model('a:1')]);
    const first = catalog.entries;
    assert.equal(catalog.entries, first);
    await relist([model('a:1'), model('b:1', true)]);
    assert.notEqual(catalog.entries, first);
    assert.deepEqual(ids(catalog), ['ollama:b:1 local kind', 'ollama:a:1 local kind', 'openai:gpt-4o-mini cloud declared-cloud-model']);
  });

  it('a new inventory of any one runtime rebuilds the list, not only of the first', async () => {
    let second = [model('llama3.2')];
    const a = provider('a', 'ollama', () => [model('qwen3')]);
    const b = provider('b', 'ollama', () => second);
    const facts = new ModelFacts();
    await facts.refresh(a);
    await facts.refresh(b);
    const config = [a, b].map((p) => ({ id: p.id, kind: 'ollama' as const, baseURL: 'http://127.0.0.1:11434' }));
    const catalog = new Catalog(new Map([a, b].map((p) => [p.id, p])), [], [], facts, new Localities({ providers: config, localModels: [], cloudModels: [] }));
    assert.deepEqual(ids(catalog), ['a:qwen3 local kind', 'b:llama3.2 local kind']);
    second = [model('gemma3')];
    await facts.refresh(b);
    assert.deepEqual(ids(catalog), ['a:qwen3 local kind', 'b:gemma3 local kind']);
  });

  it('entry: any id of a configured provider, listed or not; null otherwise', async () => {
    const { catalog } = await setup([], []);
    assert.deepEqual(catalog.entry('openai:o3'), { id: 'openai:o3', providerId: 'openai', model: 'o3', local: false, localitySource: 'kind' });
    assert.deepEqual(catalog.entry('lan:x'), { id: 'lan:x', providerId: 'lan', model: 'x', local: false, localitySource: 'provider-flag' });
    assert.equal(catalog.entry('nowhere:x'), null);
    assert.equal(catalog.entry('auto'), null);
  });

  it('bare names: the known models of that name, Ollama tags resolved, one id per model', async () => {
    const { catalog } = await setup(['ollama:llama3.2'], ['openai:gpt-4o-mini', 'openai:llama3.2'], [model('llama3.2:latest'), model('qwen:7b')]);
    assert.deepEqual(catalog.matchBare('llama3.2'), ['ollama:llama3.2', 'openai:llama3.2']);
    assert.deepEqual(catalog.matchBare('llama3.2:latest'), ['ollama:llama3.2']); // OpenAI's name has no tag to resolve
    assert.deepEqual(catalog.matchBare('gpt-4o-mini'), ['openai:gpt-4o-mini']);
    assert.deepEqual(catalog.matchBare('gpt-4o-mini:latest'), []);
    assert.deepEqual(catalog.matchBare('qwen:7b'), ['ollama:qwen:7b']); // installed, though not in the catalog
    assert.deepEqual(catalog.matchBare('qwen'), []);
    assert.deepEqual(catalog.matchBare('far-away'), ['lan:far-away']); // what any runtime reported
  });
});
