// The release's sizes against the last release's (release-sizes.json): a table that shows what grew.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';

export interface Sizes {
  version: string;
  date: string;
  /** bytes, by artifact */
  bytes: Record<string, number>;
}

export function measure(version: string, files: Record<string, string>): Sizes {
  const bytes: Record<string, number> = {};
  for (const [name, file] of Object.entries(files)) bytes[name] = statSync(file).size;
  return { version, date: new Date().toISOString().slice(0, 10), bytes };
}

export function readLast(file: string): Sizes | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Sizes) : null;
}

export function write(file: string, sizes: Sizes): void {
  writeFileSync(file, JSON.stringify(sizes, null, 2) + '\n');
}

const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;

/** A markdown table: artifact, last release, this one, change. */
export function compare(last: Sizes | null, now: Sizes): string {
  const rows = [`| artifact | ${last ? `${last.version} (${last.date})` : 'last release'} | ${now.version} now | change |`, '| --- | --- | --- | --- |'];
  for (const [name, bytes] of Object.entries(now.bytes)) {
    const before = last?.bytes[name];
    const change =
      before === undefined ? 'new' : `${bytes >= before ? '+' : ''}${(((bytes - before) / before) * 100).toFixed(1)} % (${bytes - before >= 0 ? '+' : ''}${bytes - before} B)`;
    rows.push(`| ${name} | ${before === undefined ? '—' : kib(before)} | ${kib(bytes)} | ${change} |`);
  }
  return rows.join('\n');
}

/** The sizes of one release as docs/performance.md shows them (written there by `npm run release`). */
export function sizesTable(s: Sizes): string {
  const rows = [`Sizes of release ${s.version}, measured by \`npm run release\` on ${s.date} (release-sizes.json):`, '', '| artifact | size |', '| --- | --- |'];
  for (const [name, bytes] of Object.entries(s.bytes)) rows.push(`| \`${name}\` | ${kib(bytes)} |`);
  return rows.join('\n');
}
