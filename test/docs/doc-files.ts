// The Markdown files the docs tests read: the README, CONTRIBUTING, CHANGELOG and docs/, and helpers
// to read a page, its tables and its code blocks.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/** Every Markdown file of the docs, relative to the repository's root. */
export function docFiles(): string[] {
  const out = ['README.md', 'CHANGELOG.md', 'CONTRIBUTING.md'].filter((f) => existsSync(join(ROOT, f)));
  const walk = (dir: string): void => {
    for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.md')) out.push(rel);
    }
  };
  walk('docs');
  return out;
}

/** The user's reference: the README and the pages of docs/ (not the dated records under docs/performance/). */
export function referencePages(): string[] {
  return docFiles().filter((f) => f === 'README.md' || /^docs\/[^/]+\.md$/.test(f));
}

export function read(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8');
}

export interface CodeBlock {
  file: string;
  line: number;
  lang: string;
  text: string;
}

/** Fenced code blocks (```lang … ```), with where each starts. */
export function codeBlocks(file: string): CodeBlock[] {
  const lines = read(file).split('\n');
  const out: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]!); i++) body.push(lines[i]!.slice(open[1]!.length));
    out.push({ file, line: start + 1, lang: open[2]!, text: body.join('\n') });
  }
  return out;
}

/** The text of a page outside its fenced code blocks. */
export function prose(file: string): string {
  return read(file).replace(/^\s*```[\s\S]*?^\s*```\s*$/gm, '');
}

/** Inline code spans (`…`) of a text. */
export function codeSpans(text: string): string[] {
  return [...text.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
}

/** The rows of the Markdown table between `<!-- name -->` and `<!-- /name -->`, as cells (header and rule left out). */
export function tableRows(file: string, name: string): string[][] {
  const text = read(file);
  const block = new RegExp(`<!-- ${name} -->\\n([\\s\\S]*?)<!-- /${name} -->`).exec(text)?.[1];
  if (!block) throw new Error(`${file} has no table <!-- ${name} -->`);
  return block
    .trim()
    .split('\n')
    .slice(2)
    .map((row) =>
      row
        .slice(1, -1)
        .split(' | ')
        .map((c) => c.trim()),
    );
}
