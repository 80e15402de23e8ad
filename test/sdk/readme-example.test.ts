// docs/sdk.md's example is the one the packed-package test compiles and runs
// (docs/examples/sdk-example.ts), character for character.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

describe('the Node SDK example of docs/sdk.md', () => {
  it('is docs/examples/sdk-example.ts, which test/sdk/packed-package.test.ts runs', () => {
    const page = readFileSync(join(ROOT, 'docs', 'sdk.md'), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(page)?.[1];
    assert.ok(block, 'docs/sdk.md has a ts block');
    assert.equal(block, readFileSync(join(ROOT, 'docs/examples/sdk-example.ts'), 'utf8'));
  });
});
