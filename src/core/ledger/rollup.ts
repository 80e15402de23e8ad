// A ledger file summed by day, in one pass over its text: per day the total and the rows by model,
// client and kind. Every usage sum (the view's three groupings, /v1/usage, `oblix usage`, the budgets
// at start) is then a sum of a few day rows, not of every record, and a file that has not changed need
// not be read again (rollup-cache.ts). A corrupt line is skipped and counted, never fatal.
import { dayOf } from './files';
import { eachRecord } from './reader';
import { addRecord, emptyRow, type UsageRow } from './usage-row';

export interface DayRollup {
  /** `YYYY-MM-DD`, local time. */
  day: string;
  /** The time of the day's first record (a moment inside that day, for the budgets). */
  t: number;
  total: UsageRow;
  model: Map<string, UsageRow>;
  client: Map<string, UsageRow>;
  kind: Map<string, UsageRow>;
}

export interface FileRollup {
  days: Map<string, DayRollup>;
  /** Lines skipped because they were not a record. */
  corrupt: number;
}

export function rollupText(text: string): FileRollup {
  const out: FileRollup = { days: new Map(), corrupt: 0 };
  // Days by 15-minute bucket (every time zone's offset is a multiple of it): one Date per bucket, not per record.
  const buckets = new Map<number, DayRollup>();
  eachRecord(
    text,
    (r) => {
      const b = Math.floor(r.t / 900_000);
      let d = buckets.get(b);
      if (d === undefined) buckets.set(b, (d = dayRollup(out.days, r.t)));
      addRecord(d.total, r);
      addRecord(row(d.model, r.model === null || r.model === undefined ? 'none' : String(r.model)), r);
      addRecord(row(d.client, r.client === undefined ? 'other' : String(r.client)), r);
      addRecord(row(d.kind, r.kind === undefined ? 'unknown' : String(r.kind)), r);
    },
    () => out.corrupt++,
  );
  return out;
}

function dayRollup(days: Map<string, DayRollup>, t: number): DayRollup {
  const day = dayOf(t);
  let d = days.get(day);
  if (d === undefined) days.set(day, (d = { day, t, total: emptyRow(day), model: new Map(), client: new Map(), kind: new Map() }));
  return d;
}

function row(rows: Map<string, UsageRow>, key: string): UsageRow {
  let r = rows.get(key);
  if (r === undefined) rows.set(key, (r = emptyRow(key)));
  return r;
}
