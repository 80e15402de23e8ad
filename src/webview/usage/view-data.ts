// The usage view's numbers, from the posted summaries: the chart series (tokens per day stacked
// local on cloud, spend and saved per day) and the rows of the tables that say the same in text for
// screen readers. Pure functions: test/webview/usage-view.test.ts checks them against the summaries.
import type { BudgetData, UsageRowData, UsageSummaryData } from './protocol';

export interface DaySeries {
  /** Local midnight of each day, seconds since the epoch (uPlot's x scale). */
  x: number[];
  local: number[];
  cloud: number[];
  /** local + cloud: the top of the stack, drawn as the cloud band over the local one. */
  total: number[];
  spend: number[];
  saved: number[];
}

export function daySeries(byDay: UsageSummaryData): DaySeries {
  const s: DaySeries = { x: [], local: [], cloud: [], total: [], spend: [], saved: [] };
  for (const r of byDay.rows) {
    const [y, m, d] = r.key.split('-').map(Number) as [number, number, number];
    s.x.push(new Date(y, m - 1, d).getTime() / 1000);
    s.local.push(r.localTokens);
    s.cloud.push(r.cloudTokens);
    s.total.push(r.localTokens + r.cloudTokens);
    s.spend.push(round(r.costUSD));
    s.saved.push(round(r.savedUSD));
  }
  return s;
}

export const usd = (n: number): string => `$${n > 0 && n < 1 ? n.toFixed(4) : n.toFixed(2)}`;
export const percent = (n: number): string => `${Math.round(n * 100)}%`;

/** The table under the charts: one row per day with the charted numbers. */
export function dayTable(byDay: UsageSummaryData): string[][] {
  return byDay.rows.map((r) => [r.key, String(r.localTokens), String(r.cloudTokens), usd(r.costUSD), usd(r.savedUSD)]);
}

/** The top rows (models or clients) by tokens, at most `n`. */
export function topTable(s: UsageSummaryData, n = 5): string[][] {
  return s.rows
    .slice(0, n)
    .map((r: UsageRowData) => [r.key, String(r.requests), String(r.tokensIn + r.tokensOut), usd(r.costUSD) + (r.unpriced ? ` (+${r.unpriced} unpriced)` : '')]);
}

export function budgetLine(b: BudgetData): string {
  return `${b.period === 'daily' ? 'Today' : 'This month'}: ${usd(b.spentUSD)} of ${usd(b.limitUSD)} (${percent(b.share)}), resets ${new Date(b.resetsAt).toLocaleString()}`;
}

/** The headline: share served locally, spend and saved over the period. */
export function headline(byDay: UsageSummaryData): string {
  const t = byDay.totals;
  return `${percent(t.localShare)} of tokens served locally over ${byDay.days} days · cloud spend ${usd(t.costUSD)} · saved ${usd(t.savedUSD)} · ${t.requests} requests`;
}

const round = (n: number): number => Math.round(n * 1e6) / 1e6;
