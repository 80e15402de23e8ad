// Paths the docs name exist: every repository path in a code span of the reference, and every
// entry of docs/architecture.md's map; and the map shows every folder of src/ and src/core/, so a
// moved or new folder fails here until the map follows.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, codeBlocks, codeSpans, docFiles, prose } from './doc-files';

/** Examples of a path, not paths of this repository. */
const EXAMPLES = new Set(['src/a.ts']);

/** The map's entries: a line that starts with a path is a root; an indented name is inside the last root. */
function mapEntries(): string[] {
  const map = codeBlocks('docs/architecture.md').find((b) => b.text.startsWith('src/core/'));
  assert.ok(map, 'docs/architecture.md has the map of src/');
  let root = '';
  const out: string[] = [];
  for (const line of map.text.split('\n')) {
    const top = /^([\w./-]+)\s/.exec(line);
    const inner = /^ {2}([\w.-]+\/?)\s/.exec(line);
    if (top) out.push((root = top[1]!));
    else if (inner && root.endsWith('/')) out.push(root + inner[1]!);
  }
  return out;
}

const folders = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => `${dir}/${e.name}/`);

describe('docs: paths', () => {
  it('every repository path in a code span exists', () => {
    const missing = docFiles()
      .filter((f) => !f.startsWith('docs/performance/'))
      .flatMap((file) =>
        codeSpans(prose(file)).flatMap((span) =>
          (span.match(/(?<![\w./-])(?:src|test|bench|scripts|docs|media)\/[\w./-]*/g) ?? [])
            .map((p) => p.replace(/[.,]$/, ''))
            .filter((p) => !EXAMPLES.has(p) && !existsSync(join(ROOT, p)))
            .map((p) => `${file}: ${p}`),
        ),
      );
    assert.deepEqual(missing, []);
  });

  it('every entry of the architecture map exists', () => {
    const entries = mapEntries();
    assert.ok(entries.length > 15, entries.join(', '));
    assert.deepEqual(
      entries.filter((e) => !existsSync(join(ROOT, e))),
      [],
    );
  });

  it('the map shows every folder of src/ and src/core/', () => {
    const shown = new Set(mapEntries());
    assert.deepEqual(
      [...folders('src'), ...folders('src/core')].filter((f) => !shown.has(f)),
      [],
    );
  });
});
