// A prompt carrying a credential stays on this machine, through `oblix serve`, for every dialect
// with its own real client: served locally with reason `secret-kept-local` while the cloud fakes
// receive nothing, or refused with a 403 `secret_in_prompt` that the SDKs do not retry.
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { Ollama } from 'ollama';
import { startHarness, type Harness } from '../harness';

// Built from pieces, so that this file does not itself look like a leak.
const KEY = 'ghp_' + 'aB3dE6'.repeat(6);
const LOCAL = 'ollama:llama3.2:latest';

/** POSTs the cloud fakes received (their probes are GETs). */
const cloudPosts = (h: Harness): number => [...h.openai.requests, ...h.anthropic.requests].filter((r) => r.method === 'POST').length;

describe('secrets stay on the machine (oblix serve, real clients)', () => {
  describe('with a local model that can serve', () => {
    let h: Harness;
    before(async () => {
      // A local model that needs 100× its size in free memory: auto prefers the cloud (low-memory), the local one is the fallback.
      h = await startHarness({
        configure: (c) => ((c.thresholds = { maxCpuLoadPct: 101, memoryHeadroom: 100, lowBatteryPct: 0 }), (c.roles = { completion: ['openai:gpt-4o-mini', LOCAL] })),
        before: (f) => {
          f.openai.completionModels.push('gpt-4o-mini');
          f.ollama.models = [{ name: 'llama3.2:latest', contextLength: 131072, capabilities: ['completion', 'tools', 'insert'] }];
        },
      });
    });
    after(() => h.stop());
    beforeEach(async () => {
      h.resetFakes();
      // Each test starts with the local model cold (an answer loads it, and a loaded model needs no free memory).
      h.ollama.models[0]!.loaded = false;
      await h.oblix.refreshModels('ollama');
    });

    it('OpenAI chat: without a credential the cloud serves; with one in a message, the local model, reason secret-kept-local', async () => {
      const plain = await h.client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'Why does my push fail?' }] }).withResponse();
      assert.equal(plain.response.headers.get('x-oblix-route'), 'low-memory');
      assert.equal(plain.data.model, 'auto (selected: openai:gpt-4o-mini)');
      h.resetFakes();
      const { data, response } = await h.client.chat.completions
        .create({ model: 'auto', messages: [{ role: 'user', content: `Why does my push fail? I use token ${KEY}` }] })
        .withResponse();
      assert.equal(data.model, `auto (selected: ${LOCAL})`);
      assert.equal(response.headers.get('x-oblix-route'), 'secret-kept-local');
      assert.equal(cloudPosts(h), 0);
      const d = h.oblix.health().lastDecision!;
      assert.ok(
        d.notes.some((n) => n.includes('rule github')),
        d.notes.join(' | '),
      );
      assert.ok(!JSON.stringify(d).includes(KEY), 'the decision names the rule, never the secret');
      assert.deepEqual(
        d.passedOver
          .filter((p) => p.code === 'secret-kept-local')
          .map((p) => p.id)
          .sort(),
        ['anthropic:claude-sonnet-5', 'openai:gpt-4o-mini'],
      );
    });

    it('Anthropic Messages: a credential in the system prompt', async () => {
      const client = new Anthropic({ baseURL: h.base, apiKey: 'placeholder', maxRetries: 0 });
      const { data, response } = await client.messages
        .create({ model: 'auto', max_tokens: 100, system: `Deploy with GITHUB_TOKEN ${KEY}`, messages: [{ role: 'user', content: 'Deploy it' }] })
        .withResponse();
      assert.equal(data.model, `auto (selected: ${LOCAL})`);
      assert.equal(response.headers.get('x-oblix-route'), 'secret-kept-local');
      assert.equal(cloudPosts(h), 0);
    });

    it('Responses: a credential in a tool result', async () => {
      const { data, response } = await h.client.responses
        .create({
          model: 'auto',
          input: [
            { role: 'user', content: 'Print my env' },
            { type: 'function_call', call_id: 'c1', name: 'shell', arguments: '{"cmd":"env"}' },
            { type: 'function_call_output', call_id: 'c1', output: `HOME=/home/me\nGH=${KEY}` },
          ],
          tools: [{ type: 'function', name: 'shell', parameters: { type: 'object', properties: { cmd: { type: 'string' } } }, strict: false }],
          store: false,
        })
        .withResponse();
      assert.equal(data.model, `auto (selected: ${LOCAL})`);
      assert.equal(response.headers.get('x-oblix-route'), 'secret-kept-local');
      assert.equal(cloudPosts(h), 0);
    });

    it('Ollama chat: a credential in a message', async () => {
      const r = await new Ollama({ host: h.base }).chat({ model: 'auto', messages: [{ role: 'user', content: `My key is ${KEY}` }] });
      assert.equal(r.model, `auto (selected: ${LOCAL})`);
      assert.equal(cloudPosts(h), 0);
    });

    it('Completions: a credential in the FIM suffix keeps autocomplete local', async () => {
      const plain = await h.client.completions.create({ model: 'auto', prompt: 'def push():\n', suffix: '\n', max_tokens: 8 }).withResponse();
      assert.equal(plain.data.model, 'auto (selected: openai:gpt-4o-mini)');
      h.resetFakes();
      const { data, response } = await h.client.completions.create({ model: 'auto', prompt: 'def push():\n', suffix: `\nTOKEN = "${KEY}"\n`, max_tokens: 8 }).withResponse();
      assert.equal(data.model, `auto (selected: ${LOCAL})`);
      assert.equal(response.headers.get('x-oblix-route'), 'secret-kept-local');
      assert.equal(cloudPosts(h), 0);
    });

    it('an explicit cloud id is refused with 403 secret_in_prompt; an explicit local id serves', async () => {
      const err = await h.client.chat.completions.create({ model: 'openai:gpt-4o-mini', messages: [{ role: 'user', content: `token ${KEY}` }] }).catch((e: unknown) => e);
      assert.ok(err instanceof OpenAI.PermissionDeniedError, String(err));
      assert.equal(err.code, 'secret_in_prompt');
      assert.match(err.message, /rule github/);
      assert.ok(!err.message.includes(KEY));
      const ok = await h.client.chat.completions.create({ model: LOCAL, messages: [{ role: 'user', content: `token ${KEY}` }] });
      assert.equal(ok.model, LOCAL);
      assert.equal(cloudPosts(h), 0);
    });
  });

  describe('with no local model', () => {
    let h: Harness;
    before(async () => {
      h = await startHarness({ configure: (c) => (c.localModels = []), before: (f) => (f.ollama.models = []) });
    });
    after(() => h.stop());
    beforeEach(() => h.resetFakes());

    it('OpenAI SDK (with its default retries): one 403 secret_in_prompt, not retried, the cloud receives nothing', async () => {
      const client = new OpenAI({ baseURL: `${h.base}/v1`, apiKey: 'placeholder' });
      const before = h.oblix.health().decisions.length;
      const err = await client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: `token ${KEY}` }] }).catch((e: unknown) => e);
      assert.ok(err instanceof OpenAI.PermissionDeniedError, String(err));
      assert.equal(err.status, 403);
      assert.equal(err.code, 'secret_in_prompt');
      assert.equal(h.oblix.health().decisions.length, before + 1, 'the SDK did not send it again');
      assert.equal(cloudPosts(h), 0);
      // Without the credential the cloud serves as ever.
      const plain = await client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(plain.model, 'auto (selected: openai:gpt-4o-mini)');
    });

    it('Anthropic SDK (with its default retries): one 403 permission_error, not retried', async () => {
      const client = new Anthropic({ baseURL: h.base, apiKey: 'placeholder' });
      const before = h.oblix.health().decisions.length;
      const err = await client.messages.create({ model: 'auto', max_tokens: 50, messages: [{ role: 'user', content: `token ${KEY}` }] }).catch((e: unknown) => e);
      assert.ok(err instanceof Anthropic.PermissionDeniedError, String(err));
      assert.match(err.message, /credential \(rule github\)/);
      assert.equal(h.oblix.health().decisions.length, before + 1);
      assert.equal(cloudPosts(h), 0);
    });
  });

  describe('privacy.secrets "allow"', () => {
    let h: Harness;
    before(async () => {
      h = await startHarness({ configure: (c) => ((c.privacy = { secrets: 'allow' }), (c.thresholds = { maxCpuLoadPct: 101, memoryHeadroom: 100, lowBatteryPct: 0 })) });
    });
    after(() => h.stop());

    it('lets a credential go to the cloud, explicit or auto', async () => {
      const explicit = await h.client.chat.completions.create({ model: 'openai:gpt-4o-mini', messages: [{ role: 'user', content: `token ${KEY}` }] });
      assert.equal(explicit.model, 'openai:gpt-4o-mini');
      const auto = await h.client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: `token ${KEY}` }] }).withResponse();
      assert.equal(auto.response.headers.get('x-oblix-route'), 'low-memory');
    });
  });
});
