// Oblix's error codes are one list: the README's table names exactly those codes, with their status
// and meaning, and every code in the list is one the source sends.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES, errorCodeInfo } from '../../src/core/error-codes';

const root = join(__dirname, '..', '..');

function sourceOf(dir: string): string {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .map((path) => (statSync(path).isDirectory() ? sourceOf(path) : path.endsWith('.ts') && !path.endsWith('error-codes.ts') ? readFileSync(path, 'utf8') : ''))
    .join('\n');
}

describe('error codes', () => {
  it('the README table lists every code with its status and meaning, and no other', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const table = /\| `error\.code` \| Status \| Meaning \|\n\| --- \| --- \| --- \|\n((?:\|.*\|\n)+)/.exec(readme)?.[1];
    assert.ok(table, 'the README has the table of error codes');
    const rows = table.trimEnd().split('\n').map((row) => row.slice(2, -2).split(' | '));
    assert.deepEqual(rows, ERROR_CODES.map((code) => [`\`${code}\``, String(errorCodeInfo(code).status), errorCodeInfo(code).description]));
  });

  it('lists only codes the source sends', () => {
    const source = sourceOf(join(root, 'src', 'core'));
    const unused = ERROR_CODES.filter((code) => !source.includes(`'${code}'`));
    assert.deepEqual(unused, []);
  });
});
