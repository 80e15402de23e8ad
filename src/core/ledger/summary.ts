// The ledger summed for people: totals and one row per day, model, client or kind, over the last
// N days. What `GET /v1/usage`, `oblix usage` and the VS Code usage view show; one pass over the records.
import type { PeriodState } from './budget';
import { dayOf } from './files';
import type { UsageRecord } from './record';

export const USAGE_GROUPS = ['day', 'model', 'client', 'kind'] as const;
export type UsageGroup = (typeof USAGE_GROUPS)[number];

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

export interface UsageSummary {
  /** First and last day covered, `YYYY-MM-DD` local time. */
  from: string;
  to: string;
  days: number;
  by: UsageGroup;
  totals: UsageRow & { localShare: number };
  rows: UsageRow[];
  budgets: PeriodState[];
  /** Ledger lines skipped as corrupt. */
  corrupt: number;
  /** False when this host keeps no ledger (nothing is recorded). */
  recording: boolean;
}

const emptyRow = (key: string): UsageRow => ({
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

/** The moment `days` days ago began (local midnight), the first day counted. */
export function sinceDays(days: number, now: number): number {
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - (days - 1)).getTime();
}

export function summarise(
  records: readonly UsageRecord[],
  o: { days: number; by: UsageGroup; now: number; budgets?: PeriodState[]; corrupt?: number; recording?: boolean },
): UsageSummary {
  const since = sinceDays(o.days, o.now);
  const rows = new Map<string, UsageRow>();
  if (o.by === 'day') for (let i = 0; i < o.days; i++) rows.set(dayOf(since + i * 86_400_000 + 3_600_000 * 12), emptyRow(dayOf(since + i * 86_400_000 + 3_600_000 * 12)));
  const totals = emptyRow('total');
  // Days by 15-minute bucket (every time zone's offset is a multiple of it): one Date per bucket, not per record.
  const days = new Map<number, string>();
  const day = (t: number): string => {
    const b = Math.floor(t / 900_000);
    let d = days.get(b);
    if (d === undefined) days.set(b, (d = dayOf(t)));
    return d;
  };
  for (const r of records) {
    if (r.t < since) continue;
    const key = o.by === 'day' ? day(r.t) : o.by === 'model' ? (r.model ?? 'none') : o.by === 'client' ? r.client : r.kind;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = emptyRow(key)));
    add(row, r);
    add(totals, r);
  }
  const list = [...rows.values()];
  if (o.by !== 'day') list.sort((a, b) => b.tokensIn + b.tokensOut - (a.tokensIn + a.tokensOut) || b.requests - a.requests);
  const tokens = totals.localTokens + totals.cloudTokens;
  return {
    from: dayOf(since),
    to: dayOf(o.now),
    days: o.days,
    by: o.by,
    totals: { ...totals, localShare: tokens ? totals.localTokens / tokens : 0 },
    rows: list,
    budgets: o.budgets ?? [],
    corrupt: o.corrupt ?? 0,
    recording: o.recording ?? true,
  };
}

function add(row: UsageRow, r: UsageRecord): void {
  row.requests++;
  row.tokensIn += r.tokensIn;
  row.tokensOut += r.tokensOut;
  if (r.local) row.localTokens += r.tokensIn + r.tokensOut;
  else if (r.model !== null) row.cloudTokens += r.tokensIn + r.tokensOut;
  // An editor model's answer is paid by a subscription (costNote): not unpriced, and no spend of Oblix's budget.
  if (r.costUSD === null && r.costNote === undefined) row.unpriced++;
  else row.costUSD += r.costUSD ?? 0;
  row.savedUSD += r.savedUSD ?? 0;
  if (r.outcome === 'error') row.errors++;
  if (r.outcome === 'cancelled') row.cancelled++;
}
