// `npm run docs:blocks`: writes the generated blocks of docs/performance.md from the data the last
// `npm run bench` and `npm run release` left (bench/RESULTS.md, release-sizes.json), without
// running either again; for when a page was rewritten or a block added.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { benchBlocks } from '../../bench/docs-blocks';
import { readLast, sizesTable } from '../release/sizes';
import { writeBlocks } from './blocks';

const ROOT = path.resolve(__dirname, '..', '..');
const sizes = readLast(path.join(ROOT, 'release-sizes.json'));
if (!sizes) throw new Error('release-sizes.json is missing: run npm run release');
writeBlocks(path.join(ROOT, 'docs', 'performance.md'), {
  ...benchBlocks(readFileSync(path.join(ROOT, 'bench', 'RESULTS.md'), 'utf8')),
  'release-sizes': sizesTable(sizes),
});
