// The usage a host's ledger holds over the last N days, summed by one key: what `GET /v1/usage`,
// `oblix usage` and the usage view all ask for.
import type { Ledger } from './ledger';
import { sinceDays, summarise, type UsageGroup, type UsageSummary } from './summary';

/** The most days one query covers: the default retention, 13 months. */
export const MAX_USAGE_DAYS = 400;

/** Several groupings from one read of the files (the usage view shows three). */
export function queryUsageBy<G extends UsageGroup>(ledger: Ledger | null, days: number, groups: readonly G[], now = Date.now()): Record<G, UsageSummary> {
  const out = {} as Record<G, UsageSummary>;
  if (!ledger) {
    for (const by of groups) out[by] = summarise([], { days, by, now, recording: false });
    return out;
  }
  const read = ledger.rollups(sinceDays(days, now));
  const budgets = ledger.budget.states();
  for (const by of groups) out[by] = summarise(read.files, { days, by, now, budgets, corrupt: read.corrupt });
  return out;
}

export function queryUsage(ledger: Ledger | null, days: number, by: UsageGroup, now = Date.now()): UsageSummary {
  if (!ledger) return summarise([], { days, by, now, recording: false });
  const read = ledger.rollups(sinceDays(days, now));
  return summarise(read.files, { days, by, now, budgets: ledger.budget.states(), corrupt: read.corrupt });
}
