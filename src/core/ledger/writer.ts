// Appends records to the month's file, off the request path: append() only queues; a flush at the
// end of the current turn of the event loop (process.nextTick, once per turn however many records
// came) writes the lines with one write(2) per month file on an O_APPEND descriptor. One write keeps lines
// whole: the kernel moves the offset and copies the bytes under the file's lock, so two processes
// appending (two VS Code windows' in-editor chats) never interleave, and a `kill -9` never leaves
// half a line. The end of the same turn, not setImmediate: under load a poll phase runs many sockets'
// callbacks, and a client could read its whole answer while the record still waits for the check
// phase; a kill then would lose every answer of that phase. Synchronous writes for the same reason
// (an async write waits for a threadpool slot); one small write to the page cache takes microseconds.
import fs from 'node:fs';
import { monthFile, monthOf, monthOfFile, monthsBefore } from './files';
import type { UsageRecord } from './record';

export const DEFAULT_RETENTION_MONTHS = 13;

export interface WriterOptions {
  /** Months of files kept, this one included; older files are deleted when a month's file is opened. */
  retentionMonths?: number;
  /** A write that failed (disk full, no permission): told once per kind of failure, never thrown at a request. */
  onError?: (err: Error) => void;
}

export class LedgerWriter {
  private queue: UsageRecord[] = [];
  private scheduled = false;
  private fd: number | null = null;
  private month = '';
  private readonly told = new Set<string>();
  /** Lines that could not be written (counted, told once). */
  failed = 0;

  constructor(
    readonly dir: string,
    private readonly options: WriterOptions = {},
  ) {}

  append(record: UsageRecord): void {
    this.queue.push(record);
    if (this.scheduled) return;
    this.scheduled = true;
    process.nextTick(() => this.flush());
  }

  /** Writes every queued line now (the shutdown path calls it too). */
  flush(): void {
    this.scheduled = false;
    const records = this.queue;
    this.queue = [];
    // The turn's lines of one month leave in one write(2): still whole lines (the kernel appends the
    // buffer at once), one system call instead of one per answer when many end in the same turn.
    for (let i = 0; i < records.length;) {
      const month = monthOf(records[i]!.t);
      let text = '';
      let lines = 0;
      for (; i < records.length && monthOf(records[i]!.t) === month; i++) {
        const l = line(records[i]!);
        if (typeof l !== 'string') {
          this.failed++;
          this.tell(l);
          continue;
        }
        text += l;
        lines++;
      }
      if (lines === 0) continue;
      try {
        writeAll(this.open(month), Buffer.from(text));
      } catch (err) {
        this.failed += lines;
        this.tell(err as Error);
      }
    }
  }

  close(): void {
    this.flush();
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
    this.month = '';
  }

  private open(month: string): number {
    if (this.fd !== null && month === this.month) return this.fd;
    if (this.fd !== null) {
      const old = this.fd;
      // Forgotten before anything below can throw: a closed number may be reused for a socket.
      this.fd = null;
      this.month = '';
      fs.closeSync(old);
    }
    fs.mkdirSync(this.dir, { recursive: true });
    this.fd = fs.openSync(monthFile(this.dir, month), 'a', 0o600);
    this.month = month;
    this.prune(Date.now());
    return this.fd;
  }

  /** Deletes month files older than the retention. */
  private prune(now: number): void {
    const oldest = monthsBefore(now, (this.options.retentionMonths ?? DEFAULT_RETENTION_MONTHS) - 1);
    for (const name of fs.readdirSync(this.dir)) {
      const m = monthOfFile(name);
      if (m !== null && m < oldest) fs.rmSync(`${this.dir}/${name}`, { force: true });
    }
  }

  private tell(err: Error): void {
    const kind = (err as { code?: string }).code ?? err.message;
    if (this.told.has(kind)) return;
    this.told.add(kind);
    this.options.onError?.(err);
  }
}

/** A record's line; one that cannot be serialised is left out, not allowed to sink the others of its write. */
function line(r: UsageRecord): string | Error {
  try {
    return `${JSON.stringify(r)}\n`;
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

/** write(2) may take fewer bytes than given (a full disk, a file size limit) without an error: the rest is written, or the error thrown. */
function writeAll(fd: number, bytes: Buffer): void {
  for (let off = 0; off < bytes.length;) {
    const n = fs.writeSync(fd, bytes, off);
    if (n <= 0) throw Object.assign(new Error('the usage ledger file took no more bytes (disk full?)'), { code: 'ENOSPC' });
    off += n;
  }
}
