// GET /v1/usage over HTTP: 30 days by day unless asked; `days` a whole number from 1 to 400 and
// `by` one of day, model, client, kind, anything else a 400 naming the parameter.
import assert from 'node:assert/strict';
import { MAX_USAGE_DAYS } from '../../src/core/ledger/usage-query';
import { startHarness, type Harness } from '../harness';
import { assertError, raw } from '../raw-http';

interface Summary {
  days: number;
  by: string;
  rows: { key: string }[];
}

describe('GET /v1/usage', () => {
  let h: Harness;
  before(async () => (h = await startHarness()));
  after(() => h.stop());

  const usage = (query: string) => raw(h.base, { method: 'GET', path: `/v1/usage${query}` });

  it('sums 30 days by day when nothing is asked', async () => {
    const r = await usage('');
    assert.equal(r.status, 200, r.text);
    const s = r.json as Summary;
    assert.equal(s.days, 30);
    assert.equal(s.by, 'day');
    assert.equal(s.rows.length, 30);
  });

  it('takes days from 1 to the maximum and each grouping', async () => {
    for (const [query, days, by] of [
      ['?days=1', 1, 'day'],
      [`?days=${MAX_USAGE_DAYS}&by=model`, MAX_USAGE_DAYS, 'model'],
      ['?by=client', 30, 'client'],
      ['?days=7&by=kind', 7, 'kind'],
    ] as const) {
      const r = await usage(query);
      assert.equal(r.status, 200, `${query}: ${r.text}`);
      const s = r.json as Summary;
      assert.deepEqual([s.days, s.by], [days, by], query);
    }
  });

  it('refuses days that are not a whole number from 1 to the maximum, naming days', async () => {
    for (const days of ['0', String(MAX_USAGE_DAYS + 1), '-1', '1.5', 'week', '7x', 'x7', '']) {
      const e = assertError(await usage(`?days=${days}`), 400, days);
      assert.equal(e.param, 'days', days);
      assert.equal(e.code, 'invalid_value', days);
      assert.equal(e.message, `days must be a whole number from 1 to ${MAX_USAGE_DAYS}, not '${days}'.`);
    }
  });

  it('refuses an unknown grouping, naming by and the ones there are', async () => {
    const e = assertError(await usage('?by=colour'), 400);
    assert.equal(e.param, 'by');
    assert.equal(e.message, "by must be one of day, model, client, kind, not 'colour'.");
  });
});
