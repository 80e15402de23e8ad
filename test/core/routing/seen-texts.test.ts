// The memo of long texts behind the secret scan: an equal text (a new string) is found, a text that
// differs only where the fingerprint does not look is not taken for another, and memory stays bounded.
import assert from 'node:assert/strict';
import { SeenTexts } from '../../../src/core/routing/seen-texts';

/** A fresh string equal to `s` (not the same object), as JSON.parse makes for every request. */
const fresh = (s: string): string => Buffer.from(s).toString();

describe('seen texts', () => {
  it('finds what was found in an equal text sent again as a new string', () => {
    const memo = new SeenTexts<string | null>(1_000_000);
    const text = 'const x = 1;\n'.repeat(100);
    assert.equal(memo.get(text), undefined);
    memo.set(text, null);
    memo.set(text + 'ghp_', 'github');
    assert.equal(memo.get(fresh(text)), null);
    assert.equal(memo.get(fresh(text + 'ghp_')), 'github');
  });

  it('does not take a text for another of the same length that differs between the sampled characters', () => {
    const memo = new SeenTexts<string>(1_000_000);
    const base = 'a'.repeat(1000);
    // Position 1 is never sampled (samples stand every 62 characters from 0, and at the end).
    const other = base.slice(0, 1) + 'b' + base.slice(2);
    memo.set(base, 'first');
    assert.equal(memo.get(other), undefined);
    memo.set(other, 'second');
    assert.equal(memo.get(fresh(base)), 'first');
    assert.equal(memo.get(fresh(other)), 'second');
  });

  it('keeps a few texts per fingerprint, the newest', () => {
    const memo = new SeenTexts<number>(1_000_000);
    const texts = Array.from({ length: 6 }, (_, i) => 'a' + String.fromCharCode(98 + i) + 'a'.repeat(998));
    texts.forEach((t, i) => memo.set(t, i));
    assert.deepEqual(
      texts.map((t) => memo.get(t)),
      [undefined, undefined, 2, 3, 4, 5],
    );
  });

  it('lets the oldest texts go once it holds more characters than its bound', () => {
    const memo = new SeenTexts<number>(3_000);
    const texts = Array.from({ length: 5 }, (_, i) => String(i).repeat(1000));
    texts.forEach((t, i) => memo.set(t, i));
    assert.deepEqual(
      texts.map((t) => memo.get(t)),
      [undefined, undefined, 2, 3, 4],
    );
    // Many more, so the queue's front is let go too: what is newest is still found.
    for (let i = 0; i < 3000; i++) memo.set(`${i}:`.padEnd(600, 'x'), i);
    assert.equal(memo.get(`${2999}:`.padEnd(600, 'x')), 2999);
    assert.equal(memo.get(`${2990}:`.padEnd(600, 'x')), undefined);
  });
});
