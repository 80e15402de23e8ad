// The Ollama API's model endpoints as Copilot, JetBrains and Zed read them, field by field: /api/version
// (the real Ollama's when new enough), /api/tags, /api/ps and /api/show for local, cloud, embedding and
// `auto` models, and their refusals in Ollama's shape.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Harness } from '../harness';
import { raw } from '../raw-http';
import { CODER, EMBEDDER, startDialectHarness } from './ollama-fixture';

type Json = Record<string, unknown>;
const COMPAT = 'compat:gpt-4o-mini';
const SIZE = 2019393189; // the fake's size on disk
const hex = (s: string): string => createHash('sha256').update(s).digest('hex');
const details = (family: string, format: string): Json => ({ parent_model: '', format, family, families: [family], parameter_size: '', quantization_level: '' });

describe('Ollama dialect: the model endpoints', () => {
  let h: Harness;
  before(async () => {
    h = await startDialectHarness({
      before: ({ ollama }) => (ollama.models[0]!.loaded = true),
      configure: (c) => {
        c.providers.push({ ...c.providers.find((p) => p.id === 'openai')!, id: 'compat', kind: 'openai-compatible' });
        c.cloudModels = [...c.cloudModels, COMPAT];
      },
    });
  });
  after(() => h.stop());
  const show = async (body: unknown): Promise<{ status: number; json: Json }> => {
    const r = await raw(h.base, { path: '/api/show', body });
    return { status: r.status, json: r.json as Json };
  };

  it('/api/show of a local model: what Ollama told of it, under its Ollama name', async () => {
    assert.deepEqual((await show({ model: 'llama3.2' })).json, {
      license: '',
      modelfile: '# Oblix model ollama:llama3.2:latest\nFROM ollama:llama3.2:latest\n',
      parameters: '',
      template: '{{ .Prompt }}',
      details: details('ollama', 'gguf'),
      model_info: { 'general.architecture': 'oblix', 'general.basename': 'llama3.2:latest', 'oblix.context_length': 131072 },
      capabilities: ['completion', 'tools'],
      modified_at: '2025-01-01T00:00:00Z',
    });
    const embed = (await show({ model: 'nomic-embed-text' })).json;
    assert.deepEqual([embed.capabilities, (embed.model_info as Json)['oblix.context_length']], [['embedding'], 8192]);
  });

  it('/api/show of a cloud model: tools everywhere, vision for OpenAI and Anthropic, a 128k context, by name or model', async () => {
    for (const [body, family, caps] of [
      [{ model: 'openai:gpt-4o-mini' }, 'openai', ['completion', 'tools', 'vision']],
      [{ name: 'anthropic:claude-sonnet-5' }, 'anthropic', ['completion', 'tools', 'vision']],
      [{ model: COMPAT }, 'compat', ['completion', 'tools']],
    ] as const) {
      const r = (await show(body)).json;
      const id = Object.values(body)[0];
      assert.deepEqual(r.details, details(family, 'oblix'), id);
      assert.deepEqual(r.model_info, { 'general.architecture': 'oblix', 'general.basename': id, 'oblix.context_length': 128000 }, id);
      assert.deepEqual(r.capabilities, caps, id);
      assert.equal(r.modelfile, `# Oblix model ${id}\nFROM ${id}\n`);
    }
  });

  it('/api/show of auto: what any chat model it may pick can do, up to the largest context', async () => {
    const r = (await show({ model: 'auto' })).json;
    assert.deepEqual(r.details, details('oblix', 'oblix'));
    assert.deepEqual(r.model_info, { 'general.architecture': 'oblix', 'general.basename': 'auto', 'oblix.context_length': 131072 });
    assert.deepEqual(r.capabilities, ['completion', 'tools', 'vision']);
  });

  it('/api/show refuses a missing name (400) and an unknown model (404), in Ollama’s shape', async () => {
    for (const body of [{}, { model: '' }, { model: 5 }, ['llama3.2']]) {
      const r = await show(body);
      assert.deepEqual([r.status, r.json], [400, { error: 'model is required: send {"model": "<name>"}.' }], JSON.stringify(body));
    }
    assert.deepEqual(await show({ model: 'nope:1' }), { status: 404, json: { error: "model 'nope:1' not found" } });
  });

  it('/api/tags: auto first, Ollama models with their size and digest, cloud models by id', async () => {
    const models = ((await raw(h.base, { method: 'GET', path: '/api/tags' })).json as { models: Json[] }).models;
    const byName = new Map(models.map((m) => [m.name, m]));
    assert.equal(models[0]!.name, 'auto');
    assert.deepEqual(byName.get('auto'), {
      name: 'auto',
      model: 'auto',
      modified_at: '2025-01-01T00:00:00Z',
      size: 0,
      digest: `sha256:${hex('auto')}`,
      details: details('oblix', 'oblix'),
    });
    assert.deepEqual(byName.get('llama3.2:latest'), {
      name: 'llama3.2:latest',
      model: 'llama3.2:latest',
      modified_at: '2025-01-01T00:00:00Z',
      size: SIZE,
      digest: hex('llama3.2:latest'),
      details: details('ollama', 'gguf'),
    });
    assert.deepEqual(byName.get('openai:gpt-4o-mini'), {
      name: 'openai:gpt-4o-mini',
      model: 'openai:gpt-4o-mini',
      modified_at: '2025-01-01T00:00:00Z',
      size: 0,
      digest: `sha256:${hex('openai:gpt-4o-mini')}`,
      details: details('openai', 'oblix'),
    });
  });

  it('/api/ps: the loaded local models, held for five more minutes, with their size in memory and context', async () => {
    const t0 = Date.now();
    const models = ((await raw(h.base, { method: 'GET', path: '/api/ps' })).json as { models: Json[] }).models;
    const t1 = Date.now();
    assert.equal(models.length, 1);
    const { expires_at, ...rest } = models[0]!;
    assert.deepEqual(rest, {
      name: 'llama3.2:latest',
      model: 'llama3.2:latest',
      modified_at: '2025-01-01T00:00:00Z',
      size: SIZE,
      digest: hex('llama3.2:latest'),
      details: details('ollama', 'gguf'),
      size_vram: SIZE,
      context_length: 131072,
    });
    const expires = Date.parse(expires_at as string);
    assert.ok(expires >= t0 + 5 * 60_000 && expires <= t1 + 5 * 60_000, `${expires_at as string}, asked at ${new Date(t0).toISOString()}`);
  });
});

describe('Ollama dialect: /api/version', () => {
  // Copilot wants at least 0.6.4: an older (or unreadable) real version is reported as a compatible one.
  for (const [real, shown] of [
    ['0.13.1', '0.13.1'],
    ['0.6.4', '0.6.4'],
    ['0.6.10', '0.6.10'],
    ['1.0.0-rc1', '1.0.0-rc1'],
    ['0.7', '0.7'],
    ['0.6.3', '0.12.0'],
    ['0.6', '0.12.0'],
    ['0.5.9', '0.12.0'],
  ] as const) {
    it(`${real} → ${shown}`, async () => {
      const h = await startDialectHarness({ before: ({ ollama }) => (ollama.version = real) });
      try {
        assert.deepEqual((await raw(h.base, { method: 'GET', path: '/api/version' })).json, { version: shown });
      } finally {
        await h.stop();
      }
    });
  }
});

describe('Ollama dialect: /api/version with no Ollama that told its version', () => {
  const version = async (opts: Parameters<typeof startDialectHarness>[0]): Promise<unknown> => {
    const h = await startDialectHarness(opts);
    try {
      return (await raw(h.base, { method: 'GET', path: '/api/version' })).json;
    } finally {
      await h.stop();
    }
  };

  it('no Ollama configured: the compatible version', async () => {
    const none = await version({
      configure: (c) => {
        c.providers = c.providers.filter((p) => p.kind !== 'ollama');
        c.localModels = [];
      },
    });
    assert.deepEqual(none, { version: '0.12.0' });
  });

  it('an Ollama that cannot be reached, listed before one that answers: the version of the one that answered', async () => {
    const v = await version({
      before: ({ ollama }) => (ollama.version = '0.13.1'),
      configure: (c) => c.providers.unshift({ id: 'down', kind: 'ollama', baseURL: 'http://127.0.0.1:9' }),
    });
    assert.deepEqual(v, { version: '0.13.1' });
  });
});

describe('Ollama dialect: /api/show and /api/ps, what each model told', () => {
  const EMBED = 'openai:text-embedding-3-small';
  const BOTH = 'openai:gpt-4.1-mini'; // named for chat and for embedding
  let h: Harness;
  before(async () => {
    h = await startDialectHarness({
      before: ({ ollama }) => {
        ollama.models[0]!.loaded = true;
        ollama.models[0]!.loadedContext = 8192;
        // An embedder that takes a longer input than any chat model.
        ollama.models.find((m) => m.name === EMBEDDER)!.contextLength = 1_000_000;
      },
      configure: (c) => {
        c.cloudModels = [...c.cloudModels, EMBED, BOTH];
        // A cloud model's capabilities are unknown: only the roles say it does not chat.
        c.roles = { chat: ['ollama:llama3.2:latest', 'openai:gpt-4o-mini', BOTH], embedding: [EMBED, BOTH, `ollama:${EMBEDDER}`] };
      },
    });
  });
  after(() => h.stop());
  const show = async (model: string): Promise<Json> => (await raw(h.base, { path: '/api/show', body: { model } })).json as Json;

  it('a local model shows the capabilities Ollama told, not the usual chat ones', async () => {
    const r = await show(CODER);
    assert.deepEqual([r.capabilities, (r.model_info as Json)['oblix.context_length']], [['completion', 'insert'], 32768]);
  });

  it('a cloud embedding model shows only embedding; one that also chats shows what a chat model can do', async () => {
    assert.deepEqual((await show(EMBED)).capabilities, ['embedding']);
    assert.deepEqual((await show(BOTH)).capabilities, ['completion', 'tools', 'vision']);
  });

  it('auto’s context is the largest among the chat models it may pick, not an embedder’s', async () => {
    assert.equal(((await show('auto')).model_info as Json)['oblix.context_length'], 131072);
  });

  it('/api/ps shows the context a model is loaded with', async () => {
    const models = ((await raw(h.base, { method: 'GET', path: '/api/ps' })).json as { models: Json[] }).models;
    assert.deepEqual(
      models.map((m) => [m.name, m.context_length]),
      [['llama3.2:latest', 8192]],
    );
  });
});
