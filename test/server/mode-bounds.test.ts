// A mode bounds what is offered as well as what is served: local-only lists no cloud model (a picker
// would offer one that answers 403), and cloud-only embeds and completes with cloud models only,
// saying so truthfully when none is named for that role.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { type Harness } from '../harness';
import { raw } from '../raw-http';
import { quietMachineConfig } from '../cli/serve-process';
import { FakeOllama } from '../fakes/fake-ollama';
import { FakeOpenAI } from '../fakes/fake-openai';
import { CODER, EMBEDDER, hits, startDialectHarness } from '../dialects/ollama-fixture';

const CLOUD_EMBEDDER = 'openai:text-embedding-3-small';
const INSTRUCT = 'openai:gpt-3.5-turbo-instruct';
const CLOUD = ['openai:gpt-4o-mini', 'anthropic:claude-sonnet-5'];

describe('modes bound what is listed and served', () => {
  let h: Harness;
  afterEach(() => h.stop());

  it('local-only lists no cloud model in /v1/models or /api/tags', async () => {
    h = await startDialectHarness({ configure: (c) => (c.mode = 'local-only') });
    const ids = ((await raw(h.base, { path: '/v1/models' })).json as { data: { id: string }[] }).data.map((m) => m.id);
    const tags = ((await raw(h.base, { path: '/api/tags' })).json as { models: { name: string }[] }).models.map((m) => m.name);
    for (const id of CLOUD) {
      assert.ok(!ids.includes(id), `/v1/models offers ${id}: ${ids.join(', ')}`);
      assert.ok(!tags.some((t) => t.includes(id.slice(id.indexOf(':') + 1))), `/api/tags offers ${id}: ${tags.join(', ')}`);
    }
    assert.ok(ids.includes('ollama:llama3.2:latest'), ids.join(', '));
    assert.ok(tags.length > 0);
  });

  it('auto lists the cloud models', async () => {
    h = await startDialectHarness();
    const ids = ((await raw(h.base, { path: '/v1/models' })).json as { data: { id: string }[] }).data.map((m) => m.id);
    for (const id of CLOUD) assert.ok(ids.includes(id), ids.join(', '));
  });

  it('cloud-only embeds auto with the cloud model of roles.embedding, never locally', async () => {
    h = await startDialectHarness({ configure: (c) => ((c.mode = 'cloud-only'), (c.roles = { embedding: [`ollama:${EMBEDDER}`, CLOUD_EMBEDDER] })) });
    const r = await h.client.embeddings.create({ model: 'auto', input: 'a' }).withResponse();
    assert.equal(r.response.headers.get('x-oblix-model'), CLOUD_EMBEDDER);
    assert.equal(hits(h.ollama, '/api/embed'), 0);
  });

  it('cloud-only with no cloud embedding model named answers 503 no_model_available, not a local vector', async () => {
    h = await startDialectHarness({ configure: (c) => (c.mode = 'cloud-only') });
    const r = await raw(h.base, { path: '/v1/embeddings', body: { model: 'auto', input: 'a' } });
    assert.equal(r.status, 503, r.text);
    assert.equal((r.json as { error: { code: string } }).error.code, 'no_model_available');
    assert.match(r.text, /roles\.embedding/);
    assert.match(r.text, /cloud-only mode/);
    assert.equal(hits(h.ollama, '/api/embed'), 0);
  });

  it('cloud-only fill-in-the-middle: served by the cloud model of roles.completion; without one, says what to name, not that no cloud model is configured', async () => {
    h = await startDialectHarness({ configure: (c) => ((c.mode = 'cloud-only'), (c.roles = { completion: [`ollama:${CODER}`, INSTRUCT] })) });
    const r = await h.client.completions.create({ model: 'auto', prompt: 'def f(', suffix: ')' }).withResponse();
    assert.equal(r.response.headers.get('x-oblix-model'), INSTRUCT);
    assert.equal(hits(h.ollama, '/api/generate'), 0);
    await h.stop();

    h = await startDialectHarness({ configure: (c) => (c.mode = 'cloud-only') });
    const refused = await raw(h.base, { path: '/v1/completions', body: { model: 'auto', prompt: 'def f(', suffix: ')' } });
    assert.equal(refused.status, 503, refused.text);
    assert.doesNotMatch(refused.text, /no cloud model is configured/);
    assert.match(refused.text, /roles\.completion/);
    assert.equal(hits(h.ollama, '/api/generate'), 0);
  });
});

describe('oblix models in local-only', function () {
  this.timeout(30_000);
  const ollama = new FakeOllama();
  const cloud = new FakeOpenAI(); // reachable: a cloud model that is down would be left out anyway
  before(() => Promise.all([ollama.start(), cloud.start()]));
  after(() => Promise.all([ollama.stop(), cloud.stop()]));

  it('lists no cloud model', async () => {
    const args = ['models', '--config', quietMachineConfig(), '--mode', 'local-only', '--local-model', 'llama3.2:latest', '--cloud-model', 'openai:gpt-4o-mini'];
    const env = { ...process.env, OLLAMA_HOST: ollama.url, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${cloud.url}/v1` };
    const proc = spawn(process.execPath, ['--require', 'tsx/cjs', require.resolve('../../src/cli/main.ts'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await once(proc, 'exit');
    assert.match(out, /^ollama:llama3\.2:latest\s+local/m);
    assert.doesNotMatch(out, /^openai:gpt-4o-mini/m, out);
    assert.match(out, /^openai\s+online/m, 'the cloud provider is up: its model is left out for the mode alone');
  });
});
