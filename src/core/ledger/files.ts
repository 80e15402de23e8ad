// Where the ledger's lines live: one file per calendar month (local time, as budgets and the usage
// view count days), named so that a directory listing sorts them in time order.
import path from 'node:path';

const FILE = /^usage-(\d{4})-(\d{2})\.jsonl$/;

/** `YYYY-MM` of a moment, in local time. */
export function monthOf(t: number): string {
  const d = new Date(t);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` of a moment, in local time. */
export function dayOf(t: number): string {
  const d = new Date(t);
  return `${monthOf(t)}-${String(d.getDate()).padStart(2, '0')}`;
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
