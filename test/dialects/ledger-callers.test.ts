// Every endpoint records, in the usage ledger, which API it was asked in and the client that asked
// (from its user-agent): the `by client` sums and the ledger files a user reads show them.
import assert from 'node:assert/strict';
import { Ledger } from '../../src/core/ledger/ledger';
import type { UsageRecord } from '../../src/core/ledger/record';
import type { Harness } from '../harness';
import { raw } from '../raw-http';
import { EMBEDDER, startDialectHarness } from './ollama-fixture';

describe('the usage ledger names each endpoint’s dialect and client', () => {
  let h: Harness;
  let ledger: Ledger;
  const records: UsageRecord[] = [];
  before(async () => {
    ledger = new Ledger({ dir: null });
    ledger.onRecord((r) => records.push(r));
    h = await startDialectHarness({ ledger });
  });
  after(async () => {
    await h.stop();
    ledger.close();
  });

  const cases: [string, string, Record<string, unknown>, string][] = [
    ['/v1/chat/completions', 'opencode/1.0', { model: 'auto', messages: [{ role: 'user', content: 'Hi' }] }, 'openai-chat'],
    ['/v1/completions', 'Continue/1.2', { model: 'auto', prompt: 'def f(' }, 'completions'],
    ['/v1/messages', 'claude-cli/2.0', { model: 'auto', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }, 'anthropic-messages'],
    ['/v1/responses', 'codex_cli_rs/0.50', { model: 'auto', input: 'Hi' }, 'openai-responses'],
    ['/v1/embeddings', 'aider/0.80', { model: `ollama:${EMBEDDER}`, input: 'Hi' }, 'embeddings'],
    ['/api/chat', 'Zed/0.200', { model: 'llama3.2', stream: false, messages: [{ role: 'user', content: 'Hi' }] }, 'ollama'],
    ['/api/generate', 'JetBrains', { model: 'llama3.2', stream: false, prompt: 'Hi' }, 'ollama'],
    ['/api/embed', 'Zed/0.200', { model: EMBEDDER, input: 'Hi' }, 'ollama'],
  ];
  for (const [path, agent, body, dialect] of cases) {
    it(`${path} → ${dialect}`, async () => {
      records.length = 0;
      const res = await raw(h.base, { path, body, headers: { 'user-agent': agent } });
      assert.equal(res.status, 200, res.text);
      assert.equal(records.length, 1);
      assert.equal(records[0]!.dialect, dialect);
      assert.notEqual(records[0]!.client, 'other', agent);
    });
  }
});

describe('x-oblix-budget: every dialect says when a cloud budget passes 80 %', () => {
  it('on the answers of every endpoint that routes, local ones included', async () => {
    const prices = { 'openai:gpt-4o-mini': { input: 0, output: 1_000_000 } };
    const ledger = new Ledger({ dir: null, prices });
    const costs: number[] = [];
    ledger.onRecord((r) => costs.push(r.costUSD ?? 0));
    const h = await startDialectHarness({ ledger });
    try {
      await raw(h.base, { body: { model: 'openai:gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] } });
      assert.ok(costs[0]! > 0);
      ledger.configure(prices, { dailyUSD: costs[0]! * 1.1 }); // 91 % spent
      for (const [path, body] of [
        ['/v1/chat/completions', { model: 'ollama:llama3.2:latest', messages: [{ role: 'user', content: 'Hi' }] }],
        ['/v1/messages', { model: 'ollama:llama3.2:latest', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }],
        ['/v1/responses', { model: 'ollama:llama3.2:latest', input: 'Hi' }],
        ['/api/chat', { model: 'llama3.2', stream: false, messages: [{ role: 'user', content: 'Hi' }] }],
      ] as const) {
        const r = await raw(h.base, { path, body });
        assert.equal(r.status, 200, r.text);
        assert.match(String(r.headers['x-oblix-budget']), /^daily 91% of \$\d+\.\d\d$/, path);
      }
    } finally {
      await h.stop();
      ledger.close();
    }
  });
});
