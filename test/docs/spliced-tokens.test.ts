// A blind search-and-replace once spliced mutation scores into names users paste into their shell
// (`OLLAMA_CON96.6XT_LENGTH`, `CLAUDE_CODE_DISABLE_NONESSENTIAL_TRA96.4IC`). No name has a number with a
// decimal point inside it, so any such token in the docs is damage.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

function markdownFiles(): string[] {
  const out = ['README.md', 'CHANGELOG.md', 'CONTRIBUTING.md'].filter((f) => fs.existsSync(path.join(root, f)));
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.md')) out.push(rel);
    }
  };
  if (fs.existsSync(path.join(root, 'docs'))) walk('docs');
  return out;
}

/** Letters, then a decimal number, then letters again, in one token: `TRA96.4IC`, `SIG96.6RM`. */
const SPLICED = /[A-Za-z_]+\d+\.\d+[A-Za-z_]+/g;

describe('docs: no names with numbers spliced into them', () => {
  it('finds the damage it is meant to find', () => {
    assert.deepEqual('set `OLLAMA_CON96.6XT_LENGTH` and SIG96.6RM, not 1.5x or v1.2.3'.match(SPLICED), ['OLLAMA_CON96.6XT_LENGTH', 'SIG96.6RM']);
  });

  for (const file of markdownFiles()) {
    it(`${file} has none`, () => {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      const hits = (text.match(SPLICED) ?? []).filter((t) => !/^v?\d/.test(t));
      assert.deepEqual(hits, []);
    });
  }
});
