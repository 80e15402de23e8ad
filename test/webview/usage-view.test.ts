// The usage view's numbers, checked against the ledger they come from: records written to a real
// ledger directory, summed by the same query the panel posts, rendered in jsdom.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { Ledger } from '../../src/core/ledger/ledger';
import { dayOf } from '../../src/core/ledger/files';
import { queryUsage } from '../../src/core/ledger/usage-query';
import type { UsageMessage } from '../../src/webview/usage/protocol';
import { renderUsage } from '../../src/webview/usage/render';
import { daySeries, dayTable } from '../../src/webview/usage/view-data';
import { usageRecord } from '../core/ledger/usage-record';

describe('usage view', () => {
  const now = new Date(2026, 11, 7, 15).getTime();
  const yesterday = now - 86_400_000;
  let message: UsageMessage;

  before(() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oblix-view-'));
    const ledger = new Ledger({ dir, budget: { dailyUSD: 1 }, now: () => now });
    ledger.add(usageRecord({ t: yesterday, tokensIn: 100, tokensOut: 50, local: true, model: 'ollama:llama3.2', costUSD: 0, savedUSD: 0.01, client: 'cline' }));
    ledger.add(usageRecord({ t: now, tokensIn: 1000, tokensOut: 500, local: false, model: 'openai:gpt-4o', costUSD: 0.85, savedUSD: null, client: 'codex' }));
    ledger.add(usageRecord({ t: now, tokensIn: 10, tokensOut: 5, local: true, model: 'ollama:llama3.2', costUSD: 0, savedUSD: 0.002, client: 'codex' }));
    ledger.add(usageRecord({ t: now, tokensIn: 7, tokensOut: 3, local: false, model: 'groq:mystery', costUSD: null, savedUSD: null, client: 'codex' }));
    message = { type: 'usage', byDay: queryUsage(ledger, 30, 'day', now), byModel: queryUsage(ledger, 30, 'model', now), byClient: queryUsage(ledger, 30, 'client', now) };
    ledger.close();
  });

  it('charts tokens per day stacked local under cloud, and spend and saved per day', () => {
    const s = daySeries(message.byDay);
    assert.equal(s.x.length, 30);
    const today = s.x.length - 1;
    assert.equal(s.local[today], 15);
    assert.equal(s.total[today], 15 + 1500 + 10);
    assert.equal(s.local[today - 1], 150);
    assert.equal(s.spend[today], 0.85);
    assert.equal(s.saved[today - 1], 0.01);
    assert.equal(new Date(s.x[today]! * 1000).getDate(), 7);
  });

  it('renders the share served locally, the budget, the top models and clients, and a table with the charted numbers', () => {
    const dom = new JSDOM('<!DOCTYPE html><main id="app"></main>');
    const root = dom.window.document.getElementById('app')!;
    renderUsage(root, message);
    const text = root.textContent!;
    assert.match(text, /10% of tokens served locally over 30 days · cloud spend \$0\.8500 · saved \$0\.0120 · 4 requests/);
    const bar = root.querySelector('progress')!;
    assert.equal(bar.value, 0.85);
    assert.equal(root.querySelector(`label[for="${bar.id}"]`)?.textContent?.startsWith('Today: $0.8500 of $1.00 (85%)'), true);
    assert.ok(root.querySelector('.budget.warn'), 'past 80 % it is marked');
    const captions = [...root.querySelectorAll('caption')].map((c) => c.textContent);
    assert.deepEqual(captions, ['Top models', 'Top clients', 'Per day']);
    const models = [...root.querySelectorAll('table')[0]!.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    assert.deepEqual(models[0], ['openai:gpt-4o', '1', '1500', '$0.8500']);
    assert.deepEqual(
      models.find((r) => r[0] === 'groq:mystery'),
      ['groq:mystery', '1', '10', '$0.00 (+1 unpriced)'],
      'an unknown price is shown as unpriced, not as free',
    );
    const days = [...root.querySelectorAll('table')[2]!.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    assert.deepEqual(days, dayTable(message.byDay));
    assert.deepEqual(
      days.find((r) => r[0] === dayOf(now)),
      [dayOf(now), '15', '1510', '$0.8500', '$0.0020'],
    );
  });
});
