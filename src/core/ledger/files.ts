// Where the ledger's lines live: one file per calendar month (local time, as budgets and the usage
// view count days), named so that a directory listing sorts them in time order.
import path from 'node:path';

const FILE = /^usage-(\d{4})-(\d{2})\.jsonl$/;

/** A local-time period (a day, a month) and its name, kept while moments fall inside it. */
interface Period {
  from: number;
  to: number;
  name: string;
}

// Every record asks for its day and month; the local-time Date methods cost ~1 µs each, so the
// last period is kept and a moment inside it is answered by two comparisons.
let lastMonth: Period = { from: 0, to: 0, name: '' };
let lastDay: Period = { from: 0, to: 0, name: '' };

const pad = (n: number): string => String(n).padStart(2, '0');

/** The local midnight that begins day `d` of month `m` of year `y` (`new Date(y, m, d)` reads years 0–99 as 1900–1999). */
function midnight(y: number, m: number, d: number): number {
  const x = new Date(0);
  x.setFullYear(y, m, d);
  return x.setHours(0, 0, 0, 0);
}

/** `YYYY-MM` of a moment, in local time. */
export function monthOf(t: number): string {
  if (t >= lastMonth.from && t < lastMonth.to) return lastMonth.name;
  const d = new Date(t);
  const [y, m] = [d.getFullYear(), d.getMonth()];
  lastMonth = { from: midnight(y, m, 1), to: midnight(y, m + 1, 1), name: `${y}-${pad(m + 1)}` };
  return lastMonth.name;
}

/** `YYYY-MM-DD` of a moment, in local time. */
export function dayOf(t: number): string {
  if (t >= lastDay.from && t < lastDay.to) return lastDay.name;
  const d = new Date(t);
  const [y, m, day] = [d.getFullYear(), d.getMonth(), d.getDate()];
  // Local midnights, so a day of 23 or 25 hours (a clock change) keeps its own length.
  lastDay = { from: midnight(y, m, day), to: midnight(y, m, day + 1), name: `${y}-${pad(m + 1)}-${pad(day)}` };
  return lastDay.name;
}

export function monthFile(dir: string, month: string): string {
  return path.join(dir, `usage-${month}.jsonl`);
}

/** The month a ledger file holds, or null for any other file. */
export function monthOfFile(name: string): string | null {
  const m = FILE.exec(name);
  return m ? `${m[1]}-${m[2]}` : null;
}

/** The month `count` months before the month of `t` (13 → the same month last year, minus one). */
export function monthsBefore(t: number, count: number): string {
  const d = new Date(t);
  return monthOf(new Date(d.getFullYear(), d.getMonth() - count, 1).getTime());
}
