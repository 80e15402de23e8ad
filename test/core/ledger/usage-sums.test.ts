// The usage sums add each file up by day in one pass (rollup.ts) and keep a file's day rows until the
// file changes (rollup-cache.ts). Checked against the plain way: the whole list of records, summed one
// by one; on lines of every awkward shape, each a record or corrupt as the reader says.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dayOf, monthFile, monthOf } from '../../../src/core/ledger/files';
import { Ledger } from '../../../src/core/ledger/ledger';
import type { UsageRecord } from '../../../src/core/ledger/record';
import { rollupText } from '../../../src/core/ledger/rollup';
import { queryUsage } from '../../../src/core/ledger/usage-query';
import { addRecord, emptyRow, type UsageRow } from '../../../src/core/ledger/usage-row';
import { usageRecord } from './usage-record';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'oblix-usage-sums-'));

/** The plain way: JSON.parse each line, the reader's test of a record, the records summed one by one. */
function reference(text: string): { total: UsageRow; corrupt: number; clients: Map<string, number> } {
  const total = emptyRow('total');
  const clients = new Map<string, number>();
  let corrupt = 0;
  for (const line of text.split('\n')) {
    if (!line) continue;
    let r: Partial<UsageRecord> | null = null;
    try {
      r = JSON.parse(line) as Partial<UsageRecord>;
    } catch {
      r = null;
    }
    if (r === null || typeof r !== 'object' || Array.isArray(r) || r.v !== 1 || typeof r.t !== 'number' || typeof r.tokensIn !== 'number' || typeof r.tokensOut !== 'number') {
      corrupt++;
      continue;
    }
    addRecord(total, r as UsageRecord);
    const client = r.client === undefined ? 'other' : String(r.client); // a record without a client counts as 'other'
    clients.set(client, (clients.get(client) ?? 0) + 1);
  }
  return { total, corrupt, clients };
}

function rolled(text: string): { total: UsageRow; corrupt: number; clients: Map<string, number> } {
  const r = rollupText(text);
  const total = emptyRow('total');
  const clients = new Map<string, number>();
  for (const d of r.days.values()) {
    for (const k of Object.keys(total) as (keyof UsageRow)[]) if (k !== 'key') total[k] += d.total[k];
    for (const c of d.client.values()) clients.set(c.key, (clients.get(c.key) ?? 0) + c.requests);
  }
  return { total, corrupt: r.corrupt, clients };
}

const line = (extra: Partial<UsageRecord> & Record<string, unknown> = {}): string => JSON.stringify(usageRecord(extra));

// Lines the writer writes, and lines it never does (hand edits, torn writes, other versions): each is
// a record or corrupt exactly as JSON.parse says.
const SHAPES: string[] = [
  line(),
  line({ local: false, model: 'openai:gpt-4o-mini', costUSD: 0.0125, savedUSD: null }),
  line({ costUSD: null, costNote: 'included in subscription', local: false, model: 'vscode:copilot/gpt-4o' }),
  line({ costUSD: null }),
  line({ outcome: 'error', error: 'upstream_error', model: null, local: false }),
  line({ outcome: 'cancelled' }),
  line({ client: 'quo"te\\back\nslash\u00e9\u{1f600}' }),
  line({ client: 'tab\tin' }).replace('\\t', '\t'), // a raw tab inside a string: not JSON
  line().replace('"t":', '"\\u0074":'), // an escaped key still names the field
  line().replace('"client":', '"client" : '),
  `${line()}\r`,
  ` ${line()}`,
  line({ tokensIn: 1.5e3, tokensOut: -0, savedUSD: 1e-3 }),
  line().replace('"v":1', '"v":1.0'),
  line().replace('"v":1', '"v":01'),
  line().replace('"tokensIn":10', '"tokensIn":-'),
  line().replace('"tokensIn":10', '"tokensIn":1.'),
  line().replace('"tokensIn":10', '"tokensIn":1e'),
  line().replace('"tokensIn":10', '"tokensIn":10,"tokensIn":7'), // the last of a repeated key counts
  line().replace('"durationMs":9', '"durationMs":9,"extra":{"a":[1,{"b":null}]}'),
  line().replace('"local":true', '"local":tru'),
  line().replace('"local":true', '"local":nul'),
  line().replace('"client":"other"', '"client":"\\x"'),
  line().replace('"client":"other"', '"client":"\\u12"'),
  line({ v: 2 } as unknown as Partial<UsageRecord>),
  line({ tokensIn: '5' } as unknown as Partial<UsageRecord>),
  `[${line()}]`,
  '{}',
  '{"v":1,"t":5,"tokensIn":1,"tokensOut":2}', // a record with only what the sums need
  'not json',
  line().slice(0, 40),
  line().slice(0, -1),
  `${line()},`,
  `${line()}}`,
];

describe('usage sums', () => {
  it('count each line as JSON.parse does: a record summed, anything else skipped and counted', () => {
    for (const shape of SHAPES) assert.deepEqual(rolled(shape), reference(shape), shape);
    const all = SHAPES.join('\n');
    assert.deepEqual(rolled(all), reference(all));
  });

  it('sum by day, model, client and kind as record-by-record sums do', () => {
    const dir = tmp();
    const now = Date.now();
    const records: UsageRecord[] = [];
    for (let i = 0; i < 500; i++) {
      records.push(
        usageRecord({
          t: now - i * 3_500_000,
          model: ['ollama:a', 'openai:b', null][i % 3]!,
          local: i % 3 === 0,
          client: ['claude-code', 'codex'][i % 2]!,
          kind: ['chat', 'agent', 'autocomplete', 'embedding'][i % 4]!,
          tokensIn: i,
          tokensOut: 2 * i,
          costUSD: i % 3 === 1 ? i / 1000 : i % 5 === 0 ? null : 0,
          savedUSD: i % 3 === 0 ? i / 2000 : null,
          outcome: (['ok', 'error', 'cancelled'] as const)[i % 3]!,
        }),
      );
    }
    for (const r of records) fs.appendFileSync(monthFile(dir, monthOf(r.t)), `${JSON.stringify(r)}\n`);
    const ledger = new Ledger({ dir });
    for (const by of ['day', 'model', 'client', 'kind'] as const) {
      const got = queryUsage(ledger, 7, by, now);
      const since = new Date(new Date(now).getFullYear(), new Date(now).getMonth(), new Date(now).getDate() - 6).getTime();
      const want = new Map<string, UsageRow>();
      for (const r of records) {
        if (r.t < since) continue;
        const key = by === 'day' ? dayOf(r.t) : by === 'model' ? (r.model ?? 'none') : r[by];
        if (!want.has(key)) want.set(key, emptyRow(key));
        addRecord(want.get(key)!, r);
      }
      assert.equal(got.rows.filter((r) => r.requests > 0).length, want.size, by);
      for (const row of got.rows.filter((r) => r.requests > 0)) {
        const w = want.get(row.key)!;
        for (const k of ['requests', 'tokensIn', 'tokensOut', 'localTokens', 'cloudTokens', 'unpriced', 'errors', 'cancelled'] as const)
          assert.equal(row[k], w[k], `${by} ${row.key} ${k}`);
        // Sums of fractions in another order: equal to the last few bits.
        assert.ok(Math.abs(row.costUSD - w.costUSD) < 1e-9 && Math.abs(row.savedUSD - w.savedUSD) < 1e-9, `${by} ${row.key} cost`);
      }
    }
    ledger.close();
  });

  it('read a file again only when it changed: its size, its time or the file itself', () => {
    const dir = tmp();
    const now = new Date();
    const last = new Date(now.getFullYear(), now.getMonth() - 1, 10).getTime();
    const file = monthFile(dir, monthOf(last));
    fs.writeFileSync(file, `${line({ t: last, tokensIn: 10 })}\n`);
    const second = Math.floor(Date.now() / 1000) - 60; // whole seconds: set again exactly below
    fs.utimesSync(file, second, second);
    const ledger = new Ledger({ dir });
    const tokens = (): number => queryUsage(ledger, 60, 'model', now.getTime()).totals.tokensIn;
    assert.equal(tokens(), 10);
    // The same size and time, other bytes: still the cached sums (what makes a past month free to read again).
    fs.writeFileSync(file, `${line({ t: last, tokensIn: 20 })}\n`);
    fs.utimesSync(file, second, second);
    assert.equal(tokens(), 10, 'an unchanged file is not read again');
    fs.utimesSync(file, second, second + 5);
    assert.equal(tokens(), 20, 'a new modification time: read again');
    fs.appendFileSync(file, `${line({ t: last, tokensIn: 5 })}\n`);
    assert.equal(tokens(), 25, 'a line appended: read again');
    ledger.add(usageRecord({ t: now.getTime(), tokensIn: 1 }));
    assert.equal(tokens(), 26, "this month's file, written by the ledger itself");
    fs.rmSync(file);
    assert.equal(tokens(), 1, 'a deleted month is gone from the sums');
    ledger.close();
  });
});
