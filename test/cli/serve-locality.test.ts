// Where a prompt may go, through the real `oblix serve`: a declaration beats the loopback guess.
// The "cloud" here is a fake OpenAI on loopback, as a local LiteLLM proxying to the cloud would be.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { FakeOllama } from '../fakes/fake-ollama';
import { FakeOpenAI } from '../fakes/fake-openai';
import { quietMachineConfig, startServe, type Running } from './serve-process';

interface LocalityHealth {
  providers: { id: string; local: boolean; localitySource: string }[];
  models: { local: string[]; cloud: string[]; locality: { id: string; local: boolean; source: string }[] };
}

const prompts = (fake: FakeOpenAI): number => fake.requests.filter((r) => r.path === '/v1/chat/completions').length;
const hi = [{ role: 'user' as const, content: 'hi' }];

describe('oblix serve: declared locality', function () {
  this.timeout(30_000);
  const ollama = new FakeOllama();
  const cloud = new FakeOpenAI();
  let s: Running | undefined;
  before(() => Promise.all([ollama.start(), cloud.start()]));
  after(() => Promise.all([ollama.stop(), cloud.stop()]));
  afterEach(async () => {
    await s?.stop();
    ollama.models = new FakeOllama().models;
    cloud.requests.length = 0;
  });

  const env = (): NodeJS.ProcessEnv => ({ OLLAMA_HOST: ollama.url, OPENAI_BASE_URL: `${cloud.url}/v1`, OPENAI_API_KEY: 'sk-test' });

  it('local-only sends no prompt to a declared cloud model on a loopback URL, whatever is asked', async () => {
    s = await startServe(
      ['--port', '0', '--config', quietMachineConfig(), '--mode', 'local-only', '--local-model', 'llama3.2:latest', '--cloud-model', 'openai:gpt-4o-mini'],
      env(),
    );
    const client = new OpenAI({ baseURL: s.url, apiKey: 'x', maxRetries: 0 });

    const res = await client.chat.completions.create({ model: 'auto', messages: hi });
    assert.equal(res.model, 'auto (selected: ollama:llama3.2:latest)');
    // The local model cannot take this prompt: auto must fail rather than use the loopback "cloud".
    const long = 'word '.repeat(200_000);
    await assert.rejects(client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: long }] }), (e: { status?: number }) => e.status === 503);
    await assert.rejects(client.chat.completions.create({ model: 'openai:gpt-4o-mini', messages: hi }), (e: { status?: number }) => e.status === 403);
    await assert.rejects(client.chat.completions.create({ model: 'gpt-4o-mini', messages: hi }), (e: { status?: number }) => e.status === 403);
    assert.equal(prompts(cloud), 0, 'the loopback cloud received a prompt');

    const health = (await (await fetch(`${s.base}/health`)).json()) as LocalityHealth;
    assert.deepEqual(
      health.models.locality.find((m) => m.id === 'openai:gpt-4o-mini'),
      { id: 'openai:gpt-4o-mini', local: false, source: 'declared-cloud-model' },
    );
    assert.deepEqual(
      health.models.locality.find((m) => m.id === 'ollama:llama3.2:latest'),
      { id: 'ollama:llama3.2:latest', local: true, source: 'declared-local-model' },
    );
    const p = health.providers.find((x) => x.id === 'openai')!;
    assert.deepEqual([p.local, p.localitySource], [false, 'kind']);
  });

  it("a model added only by OPENAI_API_KEY is cloud by its provider's kind, not declared, and still serves", async () => {
    s = await startServe(['--port', '0', '--config', quietMachineConfig(), '--mode', 'cloud-only'], env());
    const health = (await (await fetch(`${s.base}/health`)).json()) as LocalityHealth;
    assert.deepEqual(
      health.models.locality.find((m) => m.id === 'openai:gpt-4o-mini'),
      { id: 'openai:gpt-4o-mini', local: false, source: 'kind' },
    );
    const res = await new OpenAI({ baseURL: s.url, apiKey: 'x', maxRetries: 0 }).chat.completions.create({ model: 'auto', messages: hi });
    assert.equal(res.model, 'auto (selected: openai:gpt-4o-mini)');
  });

  it('cloud-only serves auto from a declared cloud model on a loopback URL', async () => {
    s = await startServe(
      ['--port', '0', '--config', quietMachineConfig(), '--mode', 'cloud-only', '--local-model', 'llama3.2:latest', '--cloud-model', 'openai:gpt-4o-mini'],
      env(),
    );
    const client = new OpenAI({ baseURL: s.url, apiKey: 'x', maxRetries: 0 });
    const res = await client.chat.completions.create({ model: 'auto', messages: hi });
    assert.equal(res.model, 'auto (selected: openai:gpt-4o-mini)');
    assert.equal(prompts(cloud), 1);
  });
});
