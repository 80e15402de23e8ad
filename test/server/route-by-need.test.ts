// Routing by need through `oblix serve`'s server with real clients (`openai`, `@anthropic-ai/sdk`,
// `ollama`): every row of the preference table under local, balanced and quality, the fallback tier,
// declared tiers, and what stays as it was (capacity rules, explicit ids).
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { Ollama } from 'ollama';
import { HARD_AT } from '../../src/core/routing/difficulty';
import type { Preference } from '../../src/core/routing/tiers';
import type { Harness } from '../harness';
import type { HarnessOptions } from '../harness';
import { CODER, startDialectHarness as startWithModels } from '../dialects/ollama-fixture';

/** Every model loaded: these tests route by what a request needs, not by which model is warm (warmth.test.ts). */
const startDialectHarness = (opts: HarnessOptions = {}): Promise<Harness> =>
  startWithModels({ ...opts, before: (f) => (f.ollama.models.forEach((m) => (m.loaded = true)), opts.before?.(f)) });

const LOCAL = 'ollama:llama3.2:latest';
const STRONG = 'openai:gpt-4o-mini'; // the first cloud model the harness lists: strong by default
const HARD = 'Debug the race condition in src/queue.ts: the worker deadlocks when two jobs finish together.\n```ts\nawait Promise.all(jobs.map(run));\n```';
const TOOLS = [{ type: 'function' as const, function: { name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } } } } }];

type Row = 'autocomplete' | 'background' | 'chat, easy' | 'chat, hard' | 'agent' | 'reasoning';

/** One request of each row, each through a different real client, as the agents that send them would. */
const SEND: Record<Row, (h: Harness) => Promise<unknown>> = {
  autocomplete: (h) => h.client.completions.create({ model: 'auto', prompt: 'def add(a, b):\n', suffix: '\nprint(add(1, 2))', max_tokens: 16 }),
  // Claude Code's title call: its small/fast model, which the default alias makes `auto`.
  background: (h) =>
    new Anthropic({ baseURL: h.base, apiKey: 'placeholder', maxRetries: 0 }).messages.create({
      model: 'claude-haiku-4-5-20251001',
      max_tokens: 8000,
      messages: [{ role: 'user', content: 'Write a 5-word title for: how do I parse JSON in Go?' }],
    }),
  'chat, easy': (h) => h.client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'What is the capital of France?' }] }),
  'chat, hard': (h) => new Ollama({ host: h.base }).chat({ model: 'auto', messages: [{ role: 'user', content: HARD }] }),
  agent: (h) =>
    h.client.chat.completions.create({
      model: 'auto',
      tools: TOOLS,
      messages: [
        { role: 'user', content: 'What does a.ts export?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a.ts"}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: 'export const a = 1;' },
      ],
    }),
  reasoning: (h) =>
    new Anthropic({ baseURL: h.base, apiKey: 'placeholder', maxRetries: 0 }).messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 4000,
      thinking: { type: 'enabled', budget_tokens: 2000 },
      messages: [{ role: 'user', content: 'Is 91 prime?' }],
    }),
};

/** Issue 22's table: the model that serves, and the reason, per row and preference. */
const TABLE: Record<Row, Record<Preference, [string, string]>> = {
  autocomplete: { local: [`ollama:${CODER}`, 'local-preferred'], balanced: [`ollama:${CODER}`, 'autocomplete-small'], quality: [`ollama:${CODER}`, 'autocomplete-small'] },
  background: { local: [LOCAL, 'local-preferred'], balanced: [LOCAL, 'background-small'], quality: [LOCAL, 'background-small'] },
  'chat, easy': { local: [LOCAL, 'local-preferred'], balanced: [LOCAL, 'chat-easy-small'], quality: [STRONG, 'chat-easy-strong'] },
  'chat, hard': { local: [LOCAL, 'local-preferred'], balanced: [STRONG, 'chat-hard-strong'], quality: [STRONG, 'chat-hard-strong'] },
  agent: { local: [LOCAL, 'local-preferred'], balanced: [STRONG, 'agent-strong'], quality: [STRONG, 'agent-strong'] },
  reasoning: { local: [LOCAL, 'local-preferred'], balanced: [STRONG, 'reasoning-strong'], quality: [STRONG, 'reasoning-strong'] },
};

const last = (h: Harness): { selected: string | null; reason: string; kind: string; why: string | undefined } => {
  const d = h.oblix.health().lastDecision!;
  return { selected: d.selected, reason: d.reason, kind: d.needs.kind, why: d.why };
};

describe('routing by need: the preference table through the server', function () {
  this.timeout(60_000);
  for (const prefer of ['local', 'balanced', 'quality'] as const) {
    describe(`prefer: ${prefer}`, () => {
      let h: Harness;
      before(async () => {
        h = await startDialectHarness({ configure: (c) => (c.prefer = prefer) });
      });
      after(() => h?.stop());
      for (const row of Object.keys(TABLE) as Row[]) {
        it(`${row}: ${TABLE[row][prefer][0]} (${TABLE[row][prefer][1]})`, async () => {
          await SEND[row](h);
          const d = last(h);
          assert.deepEqual([d.selected, d.reason], TABLE[row][prefer]);
          const first = prefer === 'local' ? 'local' : TABLE[row][prefer][1].endsWith('-small') ? 'small' : 'strong';
          assert.match(d.why ?? '', new RegExp(`^${d.kind}.*; prefer ${prefer}, so ${first} models first$`));
        });
      }
    });
  }
});

describe('routing by need: fallback, declared tiers, what stays', function () {
  this.timeout(60_000);
  let h: Harness;
  afterEach(() => h?.stop());

  it('the header names the row, and the decision says kind, difficulty and preference in words', async () => {
    h = await startDialectHarness({ configure: (c) => (c.prefer = 'balanced') });
    const { response } = await h.client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: HARD }] }).withResponse();
    assert.equal(response.headers.get('x-oblix-route'), 'chat-hard-strong');
    assert.equal(response.headers.get('x-oblix-model'), STRONG);
    const d = h.oblix.health().lastDecision!;
    assert.equal(d.needs.kind, 'chat');
    assert.ok(d.needs.difficulty.score >= HARD_AT);
    assert.match(d.why!, /^chat, hard \(0\.\d+: design\/debug\/proof words, code\); prefer balanced, so strong models first$/);
    assert.deepEqual(d.candidates.map((c) => [c.id, c.reason]).slice(0, 3), [
      [STRONG, 'chat-hard-strong'],
      ['anthropic:claude-sonnet-5', 'chat-hard-strong'],
      [LOCAL, 'tier-fallback'],
    ]);
  });

  it('the strong tier down: a hard turn goes to the small model, and says why', async () => {
    h = await startDialectHarness({ configure: (c) => (c.prefer = 'quality') });
    await Promise.all([h.openai.stop(), h.anthropic.stop()]);
    await assert.rejects(h.client.chat.completions.create({ model: STRONG, messages: [{ role: 'user', content: 'hi' }] }));
    await assert.rejects(h.client.chat.completions.create({ model: 'anthropic:claude-sonnet-5', messages: [{ role: 'user', content: 'hi' }] }));
    const { data, response } = await h.client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: HARD }] }).withResponse();
    assert.equal(data.model, `auto (selected: ${LOCAL})`);
    assert.equal(response.headers.get('x-oblix-route'), 'cloud-unreachable');
  });

  it('no strong model at all: the small one serves with no-strong-model', async () => {
    h = await startDialectHarness({ configure: (c) => ((c.prefer = 'balanced'), (c.cloudModels = [])) });
    const { response } = await h.client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: HARD }] }).withResponse();
    assert.equal(response.headers.get('x-oblix-route'), 'no-strong-model');
  });

  it('modelTiers: a local model declared strong serves agent turns first, and the cloud falls back', async () => {
    h = await startDialectHarness({ configure: (c) => ((c.prefer = 'balanced'), (c.modelTiers = { [LOCAL]: 'strong' })) });
    await SEND.agent(h);
    assert.deepEqual([last(h).selected, last(h).reason], [LOCAL, 'agent-strong']);
    // A cloud model declared small serves an easy chat under balanced before the (now strong) local one.
    await h.stop();
    h = await startDialectHarness({ configure: (c) => ((c.prefer = 'balanced'), (c.modelTiers = { [LOCAL]: 'strong', [`ollama:${CODER}`]: 'strong', [STRONG]: 'small' })) });
    await SEND['chat, easy'](h);
    assert.deepEqual([last(h).selected, last(h).reason], [STRONG, 'chat-easy-small']);
  });

  it('capacity still rules: a small model that cannot call tools is passed over for an easy turn with tools', async () => {
    h = await startDialectHarness({ configure: (c) => (c.prefer = 'balanced'), before: (x) => (x.ollama.models[0]!.capabilities = ['completion']) });
    const { response } = await h.client.chat.completions.create({ model: 'auto', tools: TOOLS, messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    assert.equal(response.headers.get('x-oblix-route'), 'needs-tools');
    assert.equal(response.headers.get('x-oblix-model'), STRONG);
  });

  it('explicit ids route as before, whatever the need; local-only keeps hard turns local', async () => {
    h = await startDialectHarness({ configure: (c) => (c.prefer = 'quality') });
    const { response } = await h.client.chat.completions.create({ model: LOCAL, messages: [{ role: 'user', content: HARD }] }).withResponse();
    assert.deepEqual([response.headers.get('x-oblix-model'), response.headers.get('x-oblix-route')], [LOCAL, 'explicit']);
    assert.equal(h.oblix.health().lastDecision!.why, undefined);
    h.oblix.setMode('local-only');
    const local = await h.client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: HARD }] }).withResponse();
    assert.deepEqual([local.response.headers.get('x-oblix-model'), local.response.headers.get('x-oblix-route')], [LOCAL, 'local-only']);
  });
});
