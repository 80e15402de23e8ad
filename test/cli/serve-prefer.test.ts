// `prefer` and `modelTiers` through the real `oblix serve`: the default is balanced, `--prefer local`
// keeps the old order, a config file's modelTiers makes a local model strong; /health says each.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { FakeOllama } from '../fakes/fake-ollama';
import { FakeOpenAI } from '../fakes/fake-openai';
import { quietMachineConfig, startServe, type Running } from './serve-process';

const EASY = [{ role: 'user' as const, content: 'What is the capital of France?' }];
const HARD = [{ role: 'user' as const, content: 'Design a lock-free queue in src/queue.ts and prove its invariant; explain the trade-offs.' }];

describe('oblix serve: --prefer and modelTiers', function () {
  this.timeout(30_000);
  const ollama = new FakeOllama();
  const cloud = new FakeOpenAI();
  let s: Running | undefined;
  before(() => Promise.all([ollama.start(), cloud.start()]));
  after(() => Promise.all([ollama.stop(), cloud.stop()]));
  afterEach(() => s?.stop());

  const env = (): NodeJS.ProcessEnv => ({ OLLAMA_HOST: ollama.url, OPENAI_BASE_URL: `${cloud.url}/v1`, OPENAI_API_KEY: 'sk-test' });
  const serve = async (args: string[], extra: Record<string, unknown> = {}): Promise<OpenAI> => {
    s = await startServe(['--port', '0', '--config', quietMachineConfig(extra), '--local-model', 'llama3.2:latest', '--cloud-model', 'openai:gpt-4o-mini', ...args], env());
    return new OpenAI({ baseURL: s.url, apiKey: 'x', maxRetries: 0 });
  };
  const route = async (client: OpenAI, messages: typeof EASY): Promise<[string | null, string | null]> => {
    const { response } = await client.chat.completions.create({ model: 'auto', messages }).withResponse();
    return [response.headers.get('x-oblix-model'), response.headers.get('x-oblix-route')];
  };

  it('by default (balanced): easy chat local, hard chat to the cloud; /health says balanced', async () => {
    const client = await serve([]);
    assert.deepEqual(await route(client, EASY), ['ollama:llama3.2:latest', 'chat-easy-small']);
    assert.deepEqual(await route(client, HARD), ['openai:gpt-4o-mini', 'chat-hard-strong']);
    const health = (await (await fetch(`${s!.base}/health`)).json()) as { prefer: string; lastDecision: { why: string } };
    assert.equal(health.prefer, 'balanced');
    assert.match(health.lastDecision.why, /^chat, hard .*; prefer balanced, so strong models first$/);
    const tiers = ((await (await fetch(`${s!.base}/health`)).json()) as { models: { tiers: Record<string, string> } }).models.tiers;
    assert.deepEqual(tiers, { 'ollama:llama3.2:latest': 'small', 'openai:gpt-4o-mini': 'strong' });
  });

  it('--prefer local: the hard chat stays local, as before', async () => {
    const client = await serve(['--prefer', 'local']);
    assert.deepEqual(await route(client, HARD), ['ollama:llama3.2:latest', 'local-preferred']);
  });

  it('--prefer quality with modelTiers from the file: the local model declared strong serves hard chat first', async () => {
    const client = await serve(['--prefer', 'quality'], { modelTiers: { 'ollama:llama3.2:latest': 'strong' } });
    assert.deepEqual(await route(client, HARD), ['ollama:llama3.2:latest', 'chat-hard-strong']);
    const health = (await (await fetch(`${s!.base}/health`)).json()) as { prefer: string; modelTiers: Record<string, string>; models: { tiers: Record<string, string> } };
    assert.deepEqual([health.prefer, health.modelTiers], ['quality', { 'ollama:llama3.2:latest': 'strong' }]);
    assert.deepEqual(health.models.tiers, { 'ollama:llama3.2:latest': 'strong', 'openai:gpt-4o-mini': 'strong' });
  });
});
