// The ledger's files summed by day (rollup.ts), each read again only when it changed. A past month's
// file never changes (the writer appends to this month's only), so a usage query reads the current
// month and takes the others from here. A file counts as unchanged while its identity (inode), size
// and modification time are: an append changes the size, an edit the time. The cache holds a few
// hundred small rows per month, not records.
import fs from 'node:fs';
import path from 'node:path';
import { monthOf, monthOfFile } from './files';
import { rollupText, type FileRollup } from './rollup';

interface Cached {
  ino: number;
  size: number;
  mtimeMs: number;
  rollup: FileRollup;
}

export class RollupCache {
  private readonly files = new Map<string, Cached>();

  /** The rollups of the month files that can hold a record since `sinceMs`, oldest first. */
  read(dir: string, sinceMs: number): FileRollup[] {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return []; // no ledger yet
    }
    const first = monthOf(sinceMs);
    const out: FileRollup[] = [];
    for (const name of names.sort()) {
      const month = monthOfFile(name);
      if (month === null || month < first) continue;
      const file = path.join(dir, name);
      const r = this.file(file);
      if (r) out.push(r);
    }
    // Files deleted by retention (or by hand) leave the cache.
    const listed = new Set(names);
    for (const file of this.files.keys()) if (path.dirname(file) === dir && !listed.has(path.basename(file))) this.files.delete(file);
    return out;
  }

  private file(file: string): FileRollup | null {
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      return null; // deleted between the listing and now
    }
    const hit = this.files.get(file);
    if (hit && hit.ino === st.ino && hit.size === st.size && hit.mtimeMs === st.mtimeMs) return hit.rollup;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return null;
    }
    const rollup = rollupText(text);
    // Stat'ed before the read: a line appended in between is read now and, the size having changed, read again next time.
    this.files.set(file, { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, rollup });
    return rollup;
  }
}
