// The prefilter in front of the secret scan: it may name a position where no literal starts, but never
// misses one where one does, wherever it stands (first or last characters, odd or even positions,
// among characters above 0xff, in a text longer than the buffer it keeps).
import assert from 'node:assert/strict';
import { LiteralPrefilter } from '../../../src/core/routing/literal-prefilter';
import { SECRET_RULES } from '../../../src/core/routing/secret-rules';

const LITERALS = [...new Set(SECRET_RULES.flatMap((r) => r.triggers.map((t) => t.literal)))];
const filter = new LiteralPrefilter(LITERALS);

/** Every position where a literal starts, the slow way. */
function starts(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) if (LITERALS.some((l) => text.startsWith(l, i))) out.push(i);
  return out;
}

function assertFindsAll(text: string): void {
  const got = filter.candidates(text);
  assert.deepEqual(
    got,
    [...got].sort((a, b) => a - b),
    'ascending',
  );
  assert.equal(new Set(got).size, got.length, 'each position once');
  for (const at of starts(text)) assert.ok(got.includes(at), `${JSON.stringify(text.slice(at, at + 20))} at ${at} of ${JSON.stringify(text.slice(0, 60))}`);
}

describe('literal prefilter', () => {
  it('finds every trigger literal as the whole text, at its start and at its end, at odd and even positions', () => {
    for (const lit of LITERALS) {
      assertFindsAll(lit);
      for (let pad = 0; pad < 9; pad++) {
        const filler = 'x'.repeat(pad);
        assertFindsAll(filler + lit);
        assertFindsAll(lit + filler);
        assertFindsAll(`${filler}${lit}${filler}`);
      }
    }
  });

  it('finds literals among characters above 0xff, and next to each other', () => {
    for (const lit of LITERALS) {
      // U+0141 keeps 0x41 (`A`) as its low byte, U+2192 keeps 0x92: neither may hide a literal or shift positions.
      for (const around of ['→', 'Ł', 'é→', '日本語 ']) assertFindsAll(`${around}${lit}${around}${lit}`);
    }
    assertFindsAll(LITERALS.join(''));
    assertFindsAll(LITERALS.join('→'));
  });

  it('names no position in ordinary text that has no literal, so the exact check seldom runs', () => {
    assert.deepEqual(filter.candidates('The quick brown fox jumps over the lazy dog.\n'.repeat(50)), []);
    assert.deepEqual(filter.candidates(''), []);
    assert.deepEqual(filter.candidates('ab'), []);
  });

  it('finds a literal at the end of a text longer than the buffer it keeps (64 KiB and 1 MiB), and in a short one after', () => {
    for (const size of [70_000, (1 << 20) + 3]) {
      const text = 'y'.repeat(size) + 'ghp_';
      assert.deepEqual(filter.candidates(text), [size]);
    }
    // The buffer it keeps still holds a longer text's bytes past a short one's end: they must not count.
    assert.deepEqual(filter.candidates('p_'.repeat(40_000)), []);
    assert.deepEqual(filter.candidates('zzzzgh'), []);
  });

  it('refuses a literal of two characters or one that is not ASCII', () => {
    assert.throws(() => new LiteralPrefilter(['gh']), /three or more/);
    assert.throws(() => new LiteralPrefilter(['clé_']), /ASCII/);
  });
});
