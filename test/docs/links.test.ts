// Every relative link and image of the docs points at a file that exists, and a `#fragment` at a
// heading of that page (GitHub's slugs), so moving or renaming a page or a section fails here.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { ROOT, docFiles, prose, read } from './doc-files';

/** GitHub's anchor for a heading: lower case, code marks and punctuation dropped, spaces to dashes. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of prose(file).matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const base = slug(m[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

function links(file: string): string[] {
  return [...prose(file).matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((href) => !/^[a-z]+:/i.test(href));
}

describe('docs: relative links resolve', () => {
  it('slugs as GitHub makes them', () => {
    assert.equal(slug('How `auto` chooses'), 'how-auto-chooses');
    assert.equal(slug('Completions (autocomplete)'), 'completions-autocomplete');
    assert.equal(slug('`oblix serve`'), 'oblix-serve');
  });

  for (const file of docFiles()) {
    it(`${file}`, () => {
      const broken = links(file).filter((href) => {
        const [path, fragment] = href.split('#') as [string, string | undefined];
        const target = path === '' ? file : normalize(join(dirname(file), path));
        if (!existsSync(join(ROOT, target))) return true;
        return fragment !== undefined && target.endsWith('.md') && !anchors(target).has(fragment);
      });
      assert.deepEqual(broken, []);
    });
  }

  it('the README links to every page of docs/', () => {
    const readme = read('README.md');
    const pages = docFiles().filter((f) => /^docs\/[^/]+\.md$/.test(f));
    assert.deepEqual(
      pages.filter((p) => !readme.includes(`](${p})`)),
      [],
    );
  });
});
