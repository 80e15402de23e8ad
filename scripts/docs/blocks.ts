// Figures a script produces live in the docs between two marker comments, `<!-- name -->` and
// `<!-- /name -->`: the script rewrites what is between them, and test/docs/generated-blocks.test.ts
// checks that what is there is what the script would write from its source data. Nothing there is
// written by hand.
import { readFileSync, writeFileSync } from 'node:fs';

const open = (name: string): string => `<!-- ${name} -->`;
const close = (name: string): string => `<!-- /${name} -->`;

/** The text between the markers, without the newlines that frame it; throws when a marker is missing. */
export function readBlock(text: string, name: string): string {
  const a = text.indexOf(open(name));
  const b = text.indexOf(close(name));
  if (a < 0 || b < a) throw new Error(`no block <!-- ${name} --> … <!-- /${name} --> in the page`);
  return text.slice(a + open(name).length, b).trim();
}

/** `text` with the block's body replaced by `body`. */
export function replaceBlock(text: string, name: string, body: string): string {
  readBlock(text, name); // the same check, the same message
  const a = text.indexOf(open(name)) + open(name).length;
  const b = text.indexOf(close(name));
  return `${text.slice(0, a)}\n${body.trim()}\n${text.slice(b)}`;
}

/** Rewrites the named blocks of a file in place. */
export function writeBlocks(file: string, blocks: Record<string, string>): void {
  let text = readFileSync(file, 'utf8');
  for (const [name, body] of Object.entries(blocks)) text = replaceBlock(text, name, body);
  writeFileSync(file, text);
}

/** The first table under a `## heading` of a Markdown report (bench/RESULTS.md). */
export function tableUnder(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`no section "## ${heading}"`);
  const lines = markdown.slice(start).split('\n').slice(2);
  const first = lines.findIndex((l) => l.startsWith('|'));
  if (first < 0) throw new Error(`no table under "## ${heading}"`);
  const rest = lines.slice(first);
  const end = rest.findIndex((l) => !l.startsWith('|'));
  return rest.slice(0, end < 0 ? rest.length : end).join('\n');
}
