// `auto` keeps answering when a candidate fails before its first token.
import assert from 'node:assert/strict';
import { startHarness, type Harness } from '../harness';

describe('auto failover before the first token', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  it('moves to the cloud in the same request when Ollama answers 500', async () => {
    h.ollama.faults = { status: 500, message: 'model runner crashed' };
    const { data, response } = await h.client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    assert.equal(data.model, 'auto (selected: openai:gpt-4o-mini)');
    assert.equal(response.headers.get('x-oblix-route'), 'failover-from:ollama:llama3.2:latest');
    assert.equal(data.choices[0]!.message.content, h.openai.reply);
    const health = h.oblix.health();
    assert.equal(health.lastDecision?.attempts[0]?.id, 'ollama:llama3.2:latest');
    assert.match(health.lastDecision?.attempts[0]?.error ?? '', /model runner crashed/);
  });

  it('moves to the cloud when Ollama is not running, and every later request succeeds', async () => {
    await h.ollama.stop();
    for (let i = 0; i < 3; i++) {
      const stream = h.client.chat.completions.stream({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] });
      const final = await stream.finalChatCompletion();
      assert.equal(final.model, 'auto (selected: openai:gpt-4o-mini)');
    }
    // After the first refusal the policy itself puts the cloud first.
    const { response } = await h.client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    assert.equal(response.headers.get('x-oblix-route'), 'local-unreachable');
  });

  it('does not fail over an explicit model id', async () => {
    h.ollama.faults = { status: 500, message: 'model runner crashed' };
    await assert.rejects(
      h.client.chat.completions.create({ model: 'ollama:llama3.2:latest', messages: [{ role: 'user', content: 'hi' }] }),
      (e: { status?: number; message?: string }) => e.status === 502 && /model runner crashed/.test(e.message ?? ''),
    );
    assert.equal(h.openai.requests.filter((r) => r.path === '/v1/chat/completions').length, 0);
  });

  it('local-only never contacts the cloud, even when the local model fails', async () => {
    h.oblix.setMode('local-only');
    h.ollama.faults = { status: 500, message: 'model runner crashed' };
    await assert.rejects(h.client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] }), (e: { status?: number }) => e.status === 502);
    await assert.rejects(
      h.client.chat.completions.create({ model: 'openai:gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
      (e: { status?: number }) => e.status === 403,
    );
    assert.equal(h.openai.requests.filter((r) => r.path === '/v1/chat/completions').length, 0);
    assert.equal(h.anthropic.requests.filter((r) => r.path === '/v1/messages').length, 0);
  });

  it('moves on after the first-token timeout when the local model stalls', async () => {
    await h.stop();
    h = await startHarness({ configure: (c) => (c.firstTokenTimeoutMs = 300) });
    h.ollama.faults = { stallMs: 5_000 };
    const { data, response } = await h.client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    assert.equal(data.model, 'auto (selected: openai:gpt-4o-mini)');
    assert.equal(response.headers.get('x-oblix-route'), 'failover-from:ollama:llama3.2:latest');
  });
});
