// The ledger summed for people: totals and one row per day, model, client or kind, over the last
// N days. What `GET /v1/usage`, `oblix usage` and the VS Code usage view show: sums of the files' day
// rows (rollup.ts), not of every record.
import type { PeriodState } from './budget';
import { dayOf } from './files';
import type { FileRollup } from './rollup';
import { addRow, emptyRow, type UsageRow } from './usage-row';

export type { UsageRow } from './usage-row';

export const USAGE_GROUPS = ['day', 'model', 'client', 'kind'] as const;
export type UsageGroup = (typeof USAGE_GROUPS)[number];

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

/** The moment `days` days ago began (local midnight), the first day counted. */
export function sinceDays(days: number, now: number): number {
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - (days - 1)).getTime();
}

export function summarise(
  files: readonly FileRollup[],
  o: { days: number; by: UsageGroup; now: number; budgets?: PeriodState[]; corrupt?: number; recording?: boolean },
): UsageSummary {
  const since = sinceDays(o.days, o.now);
  const from = dayOf(since);
  const rows = new Map<string, UsageRow>();
  if (o.by === 'day') for (let i = 0; i < o.days; i++) rows.set(dayOf(since + i * 86_400_000 + 3_600_000 * 12), emptyRow(dayOf(since + i * 86_400_000 + 3_600_000 * 12)));
  const totals = emptyRow('total');
  // `since` is a local midnight, so a whole day is in or out: days compare as `YYYY-MM-DD` strings.
  for (const file of files) {
    for (const d of file.days.values()) {
      if (d.day < from) continue;
      addRow(totals, d.total);
      if (o.by === 'day') addRow(row(rows, d.day), d.total);
      else for (const r of d[o.by].values()) addRow(row(rows, r.key), r);
    }
  }
  const list = [...rows.values()];
  if (o.by !== 'day') list.sort((a, b) => b.tokensIn + b.tokensOut - (a.tokensIn + a.tokensOut) || b.requests - a.requests);
  const tokens = totals.localTokens + totals.cloudTokens;
  return {
    from,
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

function row(rows: Map<string, UsageRow>, key: string): UsageRow {
  let r = rows.get(key);
  if (r === undefined) rows.set(key, (r = emptyRow(key)));
  return r;
}
