// The first requests after `Oblix listening on …` route on what the upstreams said: the ready line
// waits for the first inventory of every provider (bounded), so a long prompt does not go to a
// small local model, nor tools to a model without them.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { FakeOllama } from '../fakes/fake-ollama';
import { FakeOpenAI } from '../fakes/fake-openai';
import { silentPort } from '../fakes/silent-port';
import { quietMachineConfig, startServe, type Running } from './serve-process';

const tool = { type: 'function' as const, function: { name: 'read_file', description: 'Read a file', parameters: { type: 'object', properties: { path: { type: 'string' } } } } };

describe('oblix serve: facts before the first request', function () {
  this.timeout(30_000);
  const ollama = new FakeOllama();
  const cloud = new FakeOpenAI();
  let s: Running | undefined;
  before(async () => {
    ollama.models = [{ name: 'tiny:latest', contextLength: 2048, capabilities: ['completion'] }];
    await Promise.all([ollama.start(), cloud.start()]);
  });
  after(() => Promise.all([ollama.stop(), cloud.stop()]));
  afterEach(() => s?.stop());

  const serve = async (): Promise<OpenAI> => {
    s = await startServe(['--port', '0', '--config', quietMachineConfig(), '--local-model', 'tiny:latest', '--cloud-model', 'openai:gpt-4o-mini'], {
      OLLAMA_HOST: ollama.url,
      OPENAI_BASE_URL: `${cloud.url}/v1`,
      OPENAI_API_KEY: 'sk-test',
    });
    return new OpenAI({ baseURL: s.url, apiKey: 'x', maxRetries: 0 });
  };

  it('sends a 60 KB prompt, the first request, past a 2048-token local model', async () => {
    const client = await serve();
    // Plain prose, so the turn is easy and the small local model comes first: only its window sends it on.
    const { data, response } = await client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'word '.repeat(12_000) }] }).withResponse();
    assert.equal(data.model, 'auto (selected: openai:gpt-4o-mini)');
    assert.equal(response.headers.get('x-oblix-route'), 'context-too-long');
  });

  it('sends a request with tools, the first request, past a local model without tools', async () => {
    const client = await serve();
    const { data, response } = await client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'read a.ts' }], tools: [tool] }).withResponse();
    assert.equal(data.model, 'auto (selected: openai:gpt-4o-mini)');
    assert.equal(response.headers.get('x-oblix-route'), 'needs-tools');
  });

  it('prints the ready line when a provider never answers, saying what it still waits for', async () => {
    const silent = await silentPort();
    try {
      s = await startServe(['--port', '0', '--config', quietMachineConfig(), '--cloud-model', 'openai:gpt-4o-mini'], {
        OLLAMA_HOST: silent.url,
        OPENAI_BASE_URL: `${cloud.url}/v1`,
        OPENAI_API_KEY: 'sk-test',
      });
      // Written before the ready line, but stderr and stdout are separate pipes: wait for it (mocha's timeout bounds this).
      while (!/still waiting for ollama/.test(s.stderr())) await new Promise((r) => setTimeout(r, 20));
      const res = await new OpenAI({ baseURL: s.url, apiKey: 'x', maxRetries: 0 }).chat.completions.create({
        model: 'openai:gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
      });
      assert.equal(res.model, 'openai:gpt-4o-mini');
    } finally {
      silent.close();
    }
  });
});
