// One row of the usage sums (a day, a model, a client, a kind or the total) and how one answer adds to it.
import type { UsageRecord } from './record';

export interface UsageRow {
  key: string;
  requests: number;
  tokensIn: number;
  tokensOut: number;
  /** Tokens (in + out) served by local models and by cloud models. */
  localTokens: number;
  cloudTokens: number;
  /** Known cost, USD; answers of unknown price are counted in `unpriced`, not as 0. */
  costUSD: number;
  unpriced: number;
  savedUSD: number;
  errors: number;
  cancelled: number;
}

export const emptyRow = (key: string): UsageRow => ({
  key,
  requests: 0,
  tokensIn: 0,
  tokensOut: 0,
  localTokens: 0,
  cloudTokens: 0,
  costUSD: 0,
  unpriced: 0,
  savedUSD: 0,
  errors: 0,
  cancelled: 0,
});

/** Adds one answer; a hand-edited line with a cost that is not a number adds nothing to the sums of money. */
export function addRecord(row: UsageRow, r: UsageRecord): void {
  row.requests++;
  row.tokensIn += r.tokensIn;
  row.tokensOut += r.tokensOut;
  if (r.local) row.localTokens += r.tokensIn + r.tokensOut;
  else if (r.model !== null) row.cloudTokens += r.tokensIn + r.tokensOut;
  // An editor model's answer is paid by a subscription (costNote): not unpriced, and no spend of Oblix's budget.
  if (r.costUSD === null && r.costNote === undefined) row.unpriced++;
  else if (typeof r.costUSD === 'number') row.costUSD += r.costUSD;
  if (typeof r.savedUSD === 'number') row.savedUSD += r.savedUSD;
  if (r.outcome === 'error') row.errors++;
  if (r.outcome === 'cancelled') row.cancelled++;
}

/** Adds one row's sums to another (a day's rows into a period's). */
export function addRow(into: UsageRow, r: UsageRow): void {
  into.requests += r.requests;
  into.tokensIn += r.tokensIn;
  into.tokensOut += r.tokensOut;
  into.localTokens += r.localTokens;
  into.cloudTokens += r.cloudTokens;
  into.costUSD += r.costUSD;
  into.unpriced += r.unpriced;
  into.savedUSD += r.savedUSD;
  into.errors += r.errors;
  into.cancelled += r.cancelled;
}
