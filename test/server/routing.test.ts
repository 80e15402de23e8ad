// The routing brain end to end: fakes on loopback, the `openai` SDK as client, real monitors.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Health } from '../../src/core/health';
import { startHarness, type Harness } from '../harness';

const chatCalls = (fake: { requests: { path: string }[] }, path: string): number => fake.requests.filter((r) => r.path === path).length;

describe('routing: signals, policy, failover, health', function () {
  this.timeout(30_000);
  let h: Harness;
  afterEach(() => h?.stop());

  it('prefers the local model while the cloud is down, and says so', async () => {
    h = await startHarness();
    await Promise.all([h.openai.stop(), h.anthropic.stop()]);
    // A request to the cloud fails fast and marks it down; auto then names the reason.
    await assert.rejects(h.client.chat.completions.create({ model: 'openai:gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }));
    await assert.rejects(h.client.chat.completions.create({ model: 'anthropic:claude-sonnet-5', messages: [{ role: 'user', content: 'hi' }] }));
    const { data, response } = await h.client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    assert.equal(data.model, 'auto (selected: ollama:llama3.2:latest)');
    assert.equal(response.headers.get('x-oblix-route'), 'cloud-unreachable');
  });

  it('sends a prompt longer than the local context to the cloud, with the reason', async () => {
    h = await startHarness({
      configure: (c) => (c.localModels = []),
      before: (x) => (x.ollama.models = [{ name: 'tiny:latest', contextLength: 1024, capabilities: ['completion', 'tools'] }]),
    });
    const short = await h.client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(short.model, 'auto (selected: ollama:tiny:latest)');
    const long = 'word '.repeat(3000);
    const { data, response } = await h.client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: long }] }).withResponse();
    assert.equal(data.model, 'auto (selected: openai:gpt-4o-mini)');
    assert.equal(response.headers.get('x-oblix-route'), 'context-too-long');
    assert.equal(chatCalls(h.ollama, '/api/chat'), 1, 'the long prompt never reached Ollama');
  });

  it('sends tools to the cloud when the local model cannot call tools', async () => {
    h = await startHarness({
      configure: (c) => (c.localModels = []),
      before: (x) => (x.ollama.models = [{ name: 'gemma:latest', contextLength: 8192, capabilities: ['completion'] }]),
    });
    const tools = [{ type: 'function' as const, function: { name: 'now', parameters: { type: 'object', properties: {} } } }];
    const { data, response } = await h.client.chat.completions.create({ model: 'auto', tools, messages: [{ role: 'user', content: 'time?' }] }).withResponse();
    assert.equal(data.model, 'auto (selected: openai:gpt-4o-mini)');
    assert.equal(response.headers.get('x-oblix-route'), 'needs-tools');
  });

  it('local-only: a request the local model cannot serve gets a 503 that says why, and the cloud sees nothing', async () => {
    h = await startHarness({
      configure: (c) => ((c.localModels = []), (c.mode = 'local-only')),
      before: (x) => (x.ollama.models = [{ name: 'tiny:latest', contextLength: 1024, capabilities: ['completion'] }]),
    });
    const long = 'word '.repeat(3000);
    await assert.rejects(
      h.client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: long }] }),
      (e: { status?: number; message?: string }) => e.status === 503 && /local-only/.test(e.message ?? '') && /context/.test(e.message ?? ''),
    );
    const tools = [{ type: 'function' as const, function: { name: 'now' } }];
    await assert.rejects(
      h.client.chat.completions.create({ model: 'auto', tools, messages: [{ role: 'user', content: 'hi' }] }),
      (e: { status?: number; message?: string }) => e.status === 503 && /cannot call tools/.test(e.message ?? ''),
    );
    await h.ollama.stop();
    await assert.rejects(
      h.client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] }),
      (e: { status?: number; message?: string }) => e.status === 503 && /Ollama/.test(e.message ?? ''),
    );
    assert.equal(chatCalls(h.openai, '/v1/chat/completions') + chatCalls(h.anthropic, '/v1/messages'), 0);
    assert.equal(h.openai.requests.length + h.anthropic.requests.length > 0, true, 'probes may reach the cloud fakes; prompts may not');
  });

  it('uses the local model again within 10 s after Ollama comes back', async () => {
    h = await startHarness();
    const port = Number(new URL(h.ollama.url).port);
    await h.ollama.stop();
    const down = await h.client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(down.model, 'auto (selected: openai:gpt-4o-mini)');
    await h.ollama.start(port);
    const back = Date.now();
    let selected = '';
    while (Date.now() - back < 10_000) {
      selected = (await h.client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] })).model;
      if (selected === 'auto (selected: ollama:llama3.2:latest)') break;
      await sleep(250);
    }
    assert.equal(selected, 'auto (selected: ollama:llama3.2:latest)', 'local again within 10 s');
  });

  it('honours Retry-After from a 429 as a cooldown and moves on', async () => {
    h = await startHarness({ configure: (c) => (c.mode = 'cloud-only') });
    h.openai.faults = { status: 429, message: 'Rate limit reached', retryAfter: 30 };
    const first = await h.client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(first.model, 'auto (selected: anthropic:claude-sonnet-5)');
    const before = chatCalls(h.openai, '/v1/chat/completions');
    const { response } = await h.client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    assert.equal(response.headers.get('x-oblix-model'), 'anthropic:claude-sonnet-5');
    assert.equal(chatCalls(h.openai, '/v1/chat/completions'), before, 'cooling down: not asked again');
    const openai = h.oblix.health().providers.find((p) => p.id === 'openai')!;
    assert.ok(openai.cooldownUntil !== null && openai.cooldownUntil > Date.now() + 20_000);
  });

  it('a failure after the first token marks the provider, so the next auto request avoids it', async () => {
    h = await startHarness();
    h.ollama.faults = { errorMidStream: 'CUDA error: out of memory' };
    await assert.rejects(h.client.chat.completions.stream({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] }).finalChatCompletion());
    h.ollama.faults = { errorMidStream: 'CUDA error: out of memory' };
    await assert.rejects(h.client.chat.completions.stream({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] }).finalChatCompletion());
    const next = await h.client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(next.model, 'auto (selected: openai:gpt-4o-mini)');
  });

  it('/health shows providers, resources, model facts and the last decisions with what was passed over', async () => {
    h = await startHarness({
      configure: (c) => (c.localModels = []),
      before: (x) => (x.ollama.models = [{ name: 'tiny:latest', contextLength: 1024, capabilities: ['completion'], loaded: true }]),
    });
    await h.client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'word '.repeat(3000) }] });
    const health = (await (await fetch(`${h.base}/health`)).json()) as Health;
    assert.equal(health.status, 'ok');
    assert.deepEqual(
      health.providers.map((p) => [p.id, p.state]),
      [
        ['ollama', 'online'],
        ['openai', 'online'],
        ['anthropic', 'online'],
      ],
    );
    assert.ok(health.providers.every((p) => typeof p.latencyMs === 'number'));
    assert.ok(health.resources.memTotalBytes > 0, 'real memory reading');
    assert.ok(health.resources.sampledAt !== null);
    const tiny = health.modelFacts.find((f) => f.id === 'ollama:tiny:latest');
    assert.deepEqual([tiny?.contextLength, tiny?.capabilities, tiny?.loaded], [1024, ['completion'], true]);
    const d = health.lastDecision!;
    assert.equal(d.selected, 'openai:gpt-4o-mini');
    assert.equal(d.reason, 'context-too-long');
    assert.deepEqual(
      d.passedOver.map((p) => [p.id, p.code]),
      [['ollama:tiny:latest', 'context-too-long']],
    );
    assert.ok(d.candidates.length >= 1);
    assert.equal(health.decisions[0]!.at, d.at);
  });
});
