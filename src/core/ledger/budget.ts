// Cloud spend against the user's daily and monthly budgets. Seeded from the ledger at start, so a
// budget holds across restarts, then kept in memory as records arrive: the request path only reads
// two numbers. Days and months are local time, as the user counts them.
import { dayOf, monthOf } from './files';
import type { UsageRecord } from './record';

export interface BudgetLimits {
  dailyUSD?: number;
  monthlyUSD?: number;
}

export type Period = 'daily' | 'monthly';

export interface PeriodState {
  period: Period;
  spentUSD: number;
  limitUSD: number;
  /** spent / limit. */
  share: number;
  /** When this period ends and the budget resets, ms since the epoch. */
  resetsAt: number;
}

/** Share of a budget at which Oblix warns, once per period. */
export const WARN_AT = 0.8;

export class Budget {
  private day = '';
  private month = '';
  private daySpent = 0;
  private monthSpent = 0;
  private readonly warned = new Set<string>();

  constructor(
    public limits: BudgetLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a record's cost (a local or unknown-price answer adds nothing). */
  add(r: Pick<UsageRecord, 't' | 'costUSD'>): void {
    if (!r.costUSD) return;
    this.roll(this.now());
    if (monthOf(r.t) === this.month) this.monthSpent += r.costUSD;
    if (dayOf(r.t) === this.day) this.daySpent += r.costUSD;
  }

  /** Cloud spend today and this month, USD (known prices only), budgets set or not. */
  spentSoFar(): { todayUSD: number; monthUSD: number } {
    this.roll(this.now());
    return { todayUSD: this.daySpent, monthUSD: this.monthSpent };
  }

  /** Each budget that is set, with its spend so far. */
  states(): PeriodState[] {
    const now = this.now();
    this.roll(now);
    const out: PeriodState[] = [];
    const d = new Date(now);
    if (this.limits.dailyUSD !== undefined) out.push(state('daily', this.daySpent, this.limits.dailyUSD, new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime()));
    if (this.limits.monthlyUSD !== undefined) out.push(state('monthly', this.monthSpent, this.limits.monthlyUSD, new Date(d.getFullYear(), d.getMonth() + 1, 1).getTime()));
    return out;
  }

  /** The first budget that is spent, or null: cloud models may not answer while one is. */
  spent(): PeriodState | null {
    return this.states().find((s) => s.share >= 1) ?? null;
  }

  /** The budget past 80 % (the fullest), or null: for the `x-oblix-budget` header and the status bar. */
  nearing(): PeriodState | null {
    const over = this.states().filter((s) => s.share >= WARN_AT);
    return over.sort((a, b) => b.share - a.share)[0] ?? null;
  }

  /** A budget that just crossed 80 % and was not yet told this period, or null: the caller warns once. */
  warnOnce(): PeriodState | null {
    const s = this.nearing();
    if (!s) return null;
    const key = `${s.period}:${s.period === 'daily' ? this.day : this.month}`;
    if (this.warned.has(key)) return null;
    this.warned.add(key);
    return s;
  }

  private roll(now: number): void {
    const day = dayOf(now);
    if (day === this.day) return;
    const month = monthOf(now);
    if (month !== this.month) this.monthSpent = 0;
    this.day = day;
    this.month = month;
    this.daySpent = 0;
  }
}

function state(period: Period, spentUSD: number, limitUSD: number, resetsAt: number): PeriodState {
  return { period, spentUSD, limitUSD, share: limitUSD > 0 ? spentUSD / limitUSD : spentUSD > 0 ? Infinity : 1, resetsAt };
}

/** `daily 82% of $5.00 (resets 2026-12-08T00:00)`: the header's and the status bar's words. */
export function budgetInWords(s: PeriodState): string {
  return `${s.period} ${Math.round(s.share * 100)}% of $${s.limitUSD.toFixed(2)}`;
}
