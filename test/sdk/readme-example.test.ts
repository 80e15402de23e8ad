// The README's Node SDK example is the one the packed-package test compiles and runs
// (docs/examples/sdk-example.ts), character for character.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

describe('the README Node SDK example', () => {
  it('is docs/examples/sdk-example.ts, which test/sdk/packed-package.test.ts runs', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('\n## Node SDK\n'));
    const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    assert.ok(block, 'the Node SDK section has a ts block');
    assert.equal(block, readFileSync(join(ROOT, 'docs/examples/sdk-example.ts'), 'utf8'));
  });
});
