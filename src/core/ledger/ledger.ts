// The usage ledger as the hosts hold it: the writer of the month files, the price table and the
// budgets, built once per host (a settings change re-prices and re-limits it; the core that routes
// is rebuilt, the ledger is not). Without a directory it keeps nothing on disk (tests, `execute()`
// hosts that gave none) but still prices and budgets.
import { Emitter } from '../support/emitter';
import { Budget, type BudgetLimits, type PeriodState } from './budget';
import { PriceTable, type Price } from './prices';
import { readLedger, type LedgerRead } from './reader';
import type { UsageRecord } from './record';
import type { FileRollup } from './rollup';
import { RollupCache } from './rollup-cache';
import { LedgerWriter } from './writer';

export interface LedgerOptions {
  /** The ledger's directory (`<data dir>/usage`), or null to keep nothing on disk. */
  dir: string | null;
  prices?: Readonly<Record<string, Price>>;
  budget?: BudgetLimits;
  retentionMonths?: number;
  onError?: (err: Error) => void;
  now?: () => number;
}

export class Ledger {
  prices: PriceTable;
  readonly budget: Budget;
  private readonly writer: LedgerWriter | null;
  private readonly added = new Emitter<UsageRecord>();
  /** Lines skipped as corrupt when the budgets were seeded at start. */
  readonly corruptAtStart: number;
  private readonly warned = new Emitter<PeriodState>();
  private readonly cache = new RollupCache();
  /** Fires for each record, after it is queued (status bar, budget warnings). */
  readonly onRecord = this.added.event;
  /** Fires once per period when a budget passes 80 %: the host logs it and shows it. */
  readonly onBudgetWarning = this.warned.event;

  constructor(readonly options: LedgerOptions) {
    this.prices = new PriceTable(options.prices);
    const now = options.now ?? Date.now;
    this.budget = new Budget(options.budget ?? {}, now);
    this.writer =
      options.dir === null
        ? null
        : new LedgerWriter(options.dir, {
            ...(options.retentionMonths !== undefined && { retentionMonths: options.retentionMonths }),
            ...(options.onError && { onError: options.onError }),
          });
    // Budgets hold across restarts: this month's spend so far, from the files, a day's sum at a time.
    const d = new Date(now());
    const seeded = this.rollups(new Date(d.getFullYear(), d.getMonth(), 1).getTime());
    for (const file of seeded.files) for (const day of file.days.values()) this.budget.add({ t: day.t, costUSD: day.total.costUSD });
    this.corruptAtStart = seeded.corrupt;
  }

  /** New prices and budgets from changed settings; what was spent stays counted. */
  configure(prices: Readonly<Record<string, Price>> | undefined, budget: BudgetLimits | undefined): void {
    this.prices = new PriceTable(prices);
    this.budget.limits = budget ?? {};
  }

  add(r: UsageRecord): void {
    this.writer?.append(r);
    this.budget.add(r);
    this.added.fire(r);
    if (r.costUSD) {
      const w = this.budget.warnOnce();
      if (w) this.warned.fire(w);
    }
  }

  /** Every record since a moment, with the count of lines skipped as corrupt. */
  read(sinceMs: number): LedgerRead {
    this.writer?.flush();
    return this.options.dir === null ? { records: [], corrupt: 0 } : readLedger(this.options.dir, sinceMs);
  }

  /** The month files since a moment, summed by day (what every usage sum reads), with the count of corrupt lines. */
  rollups(sinceMs: number): { files: FileRollup[]; corrupt: number } {
    this.writer?.flush();
    const files = this.options.dir === null ? [] : this.cache.read(this.options.dir, sinceMs);
    return { files, corrupt: files.reduce((n, f) => n + f.corrupt, 0) };
  }

  close(): void {
    this.writer?.close();
    this.added.dispose();
    this.warned.dispose();
  }
}
