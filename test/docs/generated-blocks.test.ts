// Figures a script produces are written by that script between marker comments, never by hand:
// the blocks of docs/performance.md must be what `npm run bench` and `npm run release` write from
// their data (bench/RESULTS.md, release-sizes.json).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchBlocks, BENCH_SECTIONS } from '../../bench/docs-blocks';
import { readBlock, replaceBlock, tableUnder } from '../../scripts/docs/blocks';
import { readLast, sizesTable } from '../../scripts/release/sizes';
import { ROOT, read } from './doc-files';

const PAGE = 'docs/performance.md';

describe('docs: generated blocks', () => {
  it("the benchmark tables are bench/RESULTS.md's, as npm run bench writes them", () => {
    const expected = benchBlocks(readFileSync(join(ROOT, 'bench', 'RESULTS.md'), 'utf8'));
    assert.deepEqual(Object.keys(expected), Object.keys(BENCH_SECTIONS));
    for (const [name, body] of Object.entries(expected)) assert.equal(readBlock(read(PAGE), name), body, name);
  });

  it("the sizes are release-sizes.json's, as npm run release writes them", () => {
    const sizes = readLast(join(ROOT, 'release-sizes.json'));
    assert.ok(sizes);
    assert.equal(readBlock(read(PAGE), 'release-sizes'), sizesTable(sizes));
  });

  it('a block is replaced whole, and a missing marker is an error', () => {
    const page = 'a\n<!-- x -->\nold\n<!-- /x -->\nb';
    assert.equal(replaceBlock(page, 'x', 'new'), 'a\n<!-- x -->\nnew\n<!-- /x -->\nb');
    assert.throws(() => readBlock(page, 'y'), /no block <!-- y -->/);
    assert.equal(tableUnder('# R\n\n## T\n\ntext\n\n| a |\n| --- |\n| 1 |\n\nafter', 'T'), '| a |\n| --- |\n| 1 |');
  });

  it('no size of a bundle is written by hand elsewhere in the reference', () => {
    const pages = ['README.md', 'docs/api.md', 'docs/routing.md', 'docs/configuration.md', 'docs/vscode.md', 'docs/safety.md', 'docs/architecture.md'];
    const handWritten = pages.flatMap((p) => (read(p).match(/\d+(?:\.\d+)? KiB/g) ?? []).map((m) => `${p}: ${m}`));
    const perf = read(PAGE).replace(/<!-- (release-sizes|bench-[a-z]+) -->[\s\S]*?<!-- \/\1 -->/g, '');
    const perfSizes = (perf.match(/`(?:dist\/[a-z]+\.js|oblix\.vsix|oblix-[^`]*\.tgz)`[^|\n]*\d+ KiB/g) ?? []).map((m) => `${PAGE}: ${m}`);
    assert.deepEqual([...handWritten, ...perfSizes], []);
  });
});
