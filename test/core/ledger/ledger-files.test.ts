// The ledger's files: lines written whole, read back, a corrupt line skipped and counted, one file
// per month, old months deleted, and two processes appending at once without interleaving.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dayOf, monthFile, monthOf } from '../../../src/core/ledger/files';
import { readLedger } from '../../../src/core/ledger/reader';
import { LedgerWriter } from '../../../src/core/ledger/writer';
import { usageRecord } from './usage-record';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'oblix-ledger-'));

describe('ledger files', () => {
  it('names the local day and month of every moment, forwards and back across midnights and month ends', () => {
    // The names are kept while moments stay in one period: a moment one millisecond either side of
    // a local midnight must still get its own day, whichever period was asked last.
    const two = (n: number): string => String(n).padStart(2, '0');
    const expected = (t: number): [string, string] => {
      const d = new Date(t);
      const month = `${d.getFullYear()}-${two(d.getMonth() + 1)}`;
      return [month, `${month}-${two(d.getDate())}`];
    };
    const moments: number[] = [];
    for (let m = 0; m < 14; m++) {
      const midnight = new Date(2025, m, 1).getTime(); // local: the first of a month
      const mid = new Date(2025, m, 15).getTime();
      moments.push(midnight - 1, midnight, midnight + 1, mid - 1, mid, midnight + 43_200_000, midnight - 43_200_000);
    }
    for (const t of [...moments, ...moments.reverse()]) {
      const [month, day] = expected(t);
      assert.equal(monthOf(t), month, `month of ${new Date(t).toString()}`);
      assert.equal(dayOf(t), day, `day of ${new Date(t).toString()}`);
    }
  });

  it('names a moment of the years 0–99 and one of 1900–1999 apart, in either order', () => {
    const at = (year: number): number => {
      const d = new Date(2025, 0, 10, 12);
      d.setFullYear(year);
      return d.getTime();
    };
    for (const years of [
      [50, 1950, 50],
      [1950, 50, 1950],
    ]) {
      for (const y of years) {
        assert.equal(monthOf(at(y)), `${y}-01`);
        assert.equal(dayOf(at(y)), `${y}-01-10`);
      }
    }
  });

  it('names the local day of every moment where the clock changes at midnight (America/Santiago)', () => {
    // Chile's clocks skip from 00:00 to 01:00 (a 23-hour day) and fall back from 24:00 to 23:00 (a
    // 25-hour day). The time zone is the process's, so the walk runs in a child with TZ set.
    const script = `
      const { dayOf, monthOf } = require(${JSON.stringify(require.resolve('../../../src/core/ledger/files'))});
      const two = (n) => String(n).padStart(2, '0');
      const wrong = [];
      const lengths = new Set();
      for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2026, 0, 1); t += 600_000) {
        for (const u of [t - 1, t, t + 1]) {
          const d = new Date(u);
          const month = d.getFullYear() + '-' + two(d.getMonth() + 1);
          const day = month + '-' + two(d.getDate());
          if (monthOf(u) !== month || dayOf(u) !== day) wrong.push(d.toString() + ': ' + monthOf(u) + ' ' + dayOf(u));
        }
        const d = new Date(t);
        lengths.add((new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1) - new Date(d.getFullYear(), d.getMonth(), d.getDate())) / 3_600_000);
      }
      console.log(JSON.stringify({ wrong: wrong.slice(0, 5), lengths: [...lengths].sort((a, b) => a - b) }));`;
    const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { env: { ...process.env, TZ: 'America/Santiago' }, encoding: 'utf8' });
    const { wrong, lengths } = JSON.parse(out) as { wrong: string[]; lengths: number[] };
    assert.deepEqual(lengths, [23, 24, 25], 'the walk crosses both clock changes');
    assert.deepEqual(wrong, []);
  });

  it('writes records off the call (queued) and reads them back', async () => {
    const dir = tmp();
    const w = new LedgerWriter(dir);
    w.append(usageRecord({ tokensIn: 1 }));
    w.append(usageRecord({ tokensIn: 2 }));
    assert.equal(readLedger(dir).records.length, 0, 'nothing is written inside append()');
    await new Promise((r) => process.nextTick(r));
    assert.deepEqual(
      readLedger(dir).records.map((r) => r.tokensIn),
      [1, 2],
    );
    w.close();
  });

  it("writes one turn's records whole, each in its month's file; one that cannot be serialised is counted, not written, and sinks no other", async () => {
    const dir = tmp();
    const told: string[] = [];
    const w = new LedgerWriter(dir, { onError: (e) => told.push(e.message) });
    const now = new Date();
    const dec = now.getTime(); // this month and the one before, in local time as the files are named
    const nov = new Date(now.getFullYear(), now.getMonth(), 1).getTime() - 12 * 3600_000;
    w.append(usageRecord({ t: nov, tokensIn: 1 }));
    w.append(usageRecord({ t: nov, tokensIn: 2, reason: 10n as unknown as string }));
    w.append(usageRecord({ t: nov, tokensIn: 3 }));
    w.append(usageRecord({ t: dec, tokensIn: 4 }));
    await new Promise((r) => process.nextTick(r));
    const lines = (t: number): number[] =>
      fs
        .readFileSync(monthFile(dir, monthOf(t)), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { tokensIn: number }).tokensIn);
    assert.deepEqual(lines(nov), [1, 3]);
    assert.deepEqual(lines(dec), [4]);
    assert.equal(w.failed, 1);
    assert.equal(told.length, 1, 'the dropped record is told, once');
    assert.match(told[0]!, /BigInt/);
    w.close();
  });

  it('skips and counts a corrupt line, a torn last line and a record of an unknown version', () => {
    const dir = tmp();
    const good = JSON.stringify(usageRecord());
    fs.writeFileSync(monthFile(dir, monthOf(Date.now())), `${good}\nnot json\n{"v":2,"t":1}\n${good}\n{"v":1,"t":`);
    const read = readLedger(dir);
    assert.equal(read.records.length, 2);
    assert.equal(read.corrupt, 3);
  });

  it('rotates per month and deletes months past the retention', () => {
    const dir = tmp();
    const now = new Date();
    const old = new Date(now.getFullYear(), now.getMonth() - 13, 15).getTime();
    const kept = new Date(now.getFullYear(), now.getMonth() - 12, 15).getTime();
    fs.writeFileSync(monthFile(dir, monthOf(old)), `${JSON.stringify(usageRecord({ t: old }))}\n`);
    fs.writeFileSync(monthFile(dir, monthOf(kept)), `${JSON.stringify(usageRecord({ t: kept }))}\n`);
    const w = new LedgerWriter(dir);
    w.append(usageRecord({ t: new Date(now.getFullYear(), now.getMonth() - 1, 2).getTime() }));
    w.append(usageRecord());
    w.close();
    const files = fs.readdirSync(dir).sort();
    assert.equal(files.length, 3, files.join(', '));
    assert.ok(!files.includes(path.basename(monthFile(dir, monthOf(old)))), 'the 14th month back is deleted');
    assert.ok(files.includes(path.basename(monthFile(dir, monthOf(kept)))), 'the 13th month back is kept');
    assert.equal(readLedger(dir, new Date(now.getFullYear(), now.getMonth(), 1).getTime()).records.length, 1, 'reading since this month reads this month only');
  });

  it('two processes appending at once never interleave a line (two VS Code windows)', async function () {
    this.timeout(60_000);
    const dir = tmp();
    const script = `const { LedgerWriter } = require(${JSON.stringify(path.resolve(__dirname, '../../../src/core/ledger/writer.ts'))});
      const w = new LedgerWriter(process.argv[1]);
      const pad = 'x'.repeat(Number(process.argv[3]));
      for (let i = 0; i < 3000; i++) { w.append({ v: 1, t: Date.now(), dialect: process.argv[2], client: pad, requested: 'auto', model: null, local: false, kind: 'chat', reason: String(i), tokensIn: i, tokensOut: 0, estimated: false, ttftMs: null, durationMs: 0, outcome: 'ok', costUSD: 0, savedUSD: null }); if (i % 100 === 0) w.flush(); }
      w.close();`;
    const run = (name: string, pad: number) => {
      const p = spawn(process.execPath, ['--require', 'tsx/cjs', '-e', script, dir, name, String(pad)], { stdio: 'inherit' });
      return once(p, 'exit');
    };
    // Lines of different lengths, some longer than a pipe's atomic 4 KiB: only O_APPEND's one write per line keeps them whole.
    await Promise.all([run('a', 10), run('b', 6000)]);
    const read = readLedger(dir);
    assert.equal(read.corrupt, 0);
    assert.equal(read.records.filter((r) => r.dialect === 'a').length, 3000);
    assert.equal(read.records.filter((r) => r.dialect === 'b').length, 3000);
  });
});
