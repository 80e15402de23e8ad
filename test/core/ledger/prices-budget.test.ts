// Prices (built-in, overridden, unknown is null never 0, local 0), budgets (80 % warned once, spent
// at 100 %, reset per day and month, seeded from the ledger across restarts) and client names.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Budget } from '../../../src/core/ledger/budget';
import { clientName } from '../../../src/core/ledger/client-name';
import { Ledger } from '../../../src/core/ledger/ledger';
import { PriceTable } from '../../../src/core/ledger/prices';
import { usageRecord } from './usage-record';

describe('prices', () => {
  const table = new PriceTable({ 'openai:gpt-4o-mini': { input: 1, output: 2 }, 'qwen-max': { input: 3, output: 4 } });
  it('prices the default OpenAI and Anthropic models from the built-in table, dated snapshots as their family', () => {
    assert.equal(new PriceTable().cost('anthropic:claude-sonnet-5', false, 1_000_000, 1_000_000), 18);
    assert.equal(new PriceTable().cost('anthropic:claude-sonnet-4-5-20250929', false, 1_000_000, 0), 3);
    assert.equal(new PriceTable().cost('openai:gpt-4o-mini', false, 2_000_000, 1_000_000), 0.9);
  });
  it('lets the config override an entry by id, or add one by bare name', () => {
    assert.equal(table.cost('openai:gpt-4o-mini', false, 1_000_000, 1_000_000), 3);
    assert.equal(table.cost('dashscope:qwen-max', false, 1_000_000, 1_000_000), 7);
  });
  it('an unknown model costs null, never 0, even when its name is in the built-in table under another provider; a local one 0', () => {
    assert.equal(table.cost('openai:gpt-9-ultra', false, 10, 10), null);
    assert.equal(new PriceTable().cost('groq:gpt-4o', false, 10, 10), null);
    assert.equal(table.cost('ollama:llama3.2', true, 1e9, 1e9), 0);
  });
});

describe('budgets', () => {
  let now = new Date(2026, 11, 7, 12).getTime();
  const clock = (): number => now;
  it('warns once past 80 %, is spent at 100 %, and resets the next day', () => {
    const b = new Budget({ dailyUSD: 1, monthlyUSD: 100 }, clock);
    b.add({ t: now, costUSD: 0.5 });
    assert.equal(b.nearing(), null);
    b.add({ t: now, costUSD: 0.35 });
    assert.equal(b.nearing()?.period, 'daily');
    assert.equal(b.warnOnce()?.period, 'daily');
    assert.equal(b.warnOnce(), null, 'once a day');
    assert.equal(b.spent(), null);
    b.add({ t: now, costUSD: 0.15 });
    const spent = b.spent();
    assert.equal(spent?.period, 'daily');
    assert.equal(spent?.resetsAt, new Date(2026, 11, 8).getTime());
    now = new Date(2026, 11, 8, 9).getTime();
    assert.equal(b.spent(), null, 'a new day');
    assert.equal(b.states().find((s) => s.period === 'monthly')?.spentUSD, 1, 'the month still counts yesterday');
  });
  it('a zero budget allows no cloud spend; no budget set is never spent', () => {
    assert.equal(new Budget({ dailyUSD: 0 }, clock).spent()?.period, 'daily');
    assert.equal(new Budget({}, clock).spent(), null);
  });
  it('holds across restarts: a new Ledger reads this month from the files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oblix-budget-'));
    const first = new Ledger({ dir, budget: { monthlyUSD: 1 } });
    first.add(usageRecord({ local: false, model: 'openai:gpt-4o', costUSD: 0.6 }));
    first.add(usageRecord({ local: false, model: 'openai:gpt-4o', costUSD: 0.6 }));
    first.close();
    const second = new Ledger({ dir, budget: { monthlyUSD: 1 } });
    assert.equal(second.budget.spent()?.period, 'monthly');
    assert.ok(Math.abs(second.budget.spent()!.spentUSD - 1.2) < 1e-9);
    second.close();
  });
  it('fires one warning event when a record crosses 80 %', () => {
    const ledger = new Ledger({ dir: null, budget: { dailyUSD: 1 } });
    const warned: string[] = [];
    ledger.onBudgetWarning((s) => warned.push(s.period));
    for (let i = 0; i < 5; i++) ledger.add(usageRecord({ local: false, costUSD: 0.3 }));
    assert.deepEqual(warned, ['daily']);
  });
});

describe('client names', () => {
  it('names the tools from their User-Agent, else other', () => {
    assert.equal(clientName('claude-cli/2.0.14 (external, cli)'), 'claude-code');
    assert.equal(clientName('codex_cli_rs/0.50.0 (Mac OS 15.0; arm64)'), 'codex');
    assert.equal(clientName('OpenAI/Python 1.99.1'), 'openai-python');
    assert.equal(clientName('OpenAI/JS 6.49.0'), 'openai-node');
    assert.equal(clientName('opencode/0.15.0 ai-sdk/provider-utils/3.0.0'), 'opencode');
    assert.equal(clientName('oblix-sdk'), 'sdk', "Oblix's own package through a server: the name it has in-process");
    assert.equal(clientName('oblix-cli'), 'oblix-cli');
    assert.equal(clientName(undefined), 'other');
    assert.equal(clientName('Mozilla/5.0'), 'other');
  });
});
