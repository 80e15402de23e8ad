// Where in a text any of a set of literals may start, found in one cheap pass. A V8 regex
// alternation of ~80 literals tries every alternative at every position (about 5 ns a character
// here), and a per-character JavaScript loop costs about 1.5 ns a character. Instead the text is
// copied to bytes once (one native call) and read four bytes at a time through a Uint32Array, one
// table look-up per two bytes: a literal of three or more characters has, among any two of its pairs
// of characters that follow each other, one at an even position. Each literal is found by the two
// of its pairs that are least common in code and prose (`n_` and `_a` of `lin_api_`, not `li`, `in`).
// A pair that hits is checked against the literals' first three or four characters; what passes is
// a candidate for the caller's exact check.

/** Texts up to this many characters reuse one buffer; a longer one gets its own, left to the GC. */
const KEPT_CHARS = 1 << 20;
/** Zero bytes after the text, so the prefix check and the last word read past its end without a bounds test. */
const PAD = 4;
/** The pairs found by start at most this far into a literal: the offsets are bits of a byte. */
const MAX_OFFSET = 6;

const LITTLE_ENDIAN = new Uint16Array(new Uint8Array([1, 0]).buffer)[0] === 1;

interface Scratch {
  readonly buffer: Buffer;
  readonly bytes: Uint8Array;
  readonly words: Uint32Array;
}

function scratchOf(size: number): Scratch {
  // Own ArrayBuffer (not Buffer's pool), so the Uint32Array view is aligned.
  const ab = new ArrayBuffer((size + 3) & ~3);
  return { buffer: Buffer.from(ab), bytes: new Uint8Array(ab), words: new Uint32Array(ab) };
}

let kept: Scratch = scratchOf(64 * 1024);

function scratchFor(size: number): Scratch {
  if (size <= kept.bytes.length) return kept;
  const s = scratchOf(size);
  if (size <= KEPT_CHARS + PAD) kept = s;
  return s;
}

/** A 16-bit hash of a prefix's bytes: a collision costs an extra exact check, never a miss. */
const hash3 = (b0: number, b1: number, b2: number): number => Math.imul(b0 | (b1 << 8) | (b2 << 16), 0x9e3779b1) >>> 16;
const hash4 = (b0: number, b1: number, b2: number, b3: number): number => Math.imul(b0 | (b1 << 8) | (b2 << 16) | (b3 << 24), 0x9e3779b1) >>> 16;

/** How often a character stands in code and prose, roughly (English letter frequencies, in %). */
function commonness(c: number): number {
  const ch = String.fromCharCode(c);
  if (ch === ' ') return 15;
  if ('etaoinsrhl'.includes(ch)) return 7;
  if ('dcumfpgwyb'.includes(ch)) return 2.5;
  if (/[a-z]/.test(ch)) return 0.8;
  if ('_-./:\n'.includes(ch)) return 2;
  return 0.5;
}

export class LiteralPrefilter {
  /** Per pair of bytes as the Uint32Array's halves read them: bit r when a literal found by this pair starts r bytes before it. */
  private readonly pair = new Uint8Array(65536);
  /** Hashes of the literals' first three characters (literals of three) and first four (longer ones). */
  private readonly prefix3 = new Uint8Array(65536);
  private readonly prefix4 = new Uint8Array(65536);

  constructor(literals: readonly string[]) {
    for (const lit of literals) {
      // Two characters would need every odd position looked at; a non-ASCII one is not what the byte copy keeps.
      const c = [...lit].map((ch) => ch.charCodeAt(0));
      if (c.length < 3 || c.some((x) => x === 0 || x > 0x7f)) throw new Error(`literal prefilter: ${JSON.stringify(lit)} is not ASCII of three or more characters`);
      const score = (i: number): number => commonness(c[i]!) * commonness(c[i + 1]!);
      let best = 0;
      for (let i = 1; i <= Math.min(lit.length - 3, MAX_OFFSET - 1); i++) if (score(i) + score(i + 1) < score(best) + score(best + 1)) best = i;
      this.pair[this.key(c[best]!, c[best + 1]!)]! |= 1 << best;
      this.pair[this.key(c[best + 1]!, c[best + 2]!)]! |= 1 << (best + 1);
      if (lit.length === 3) this.prefix3[hash3(c[0]!, c[1]!, c[2]!)] = 1;
      else this.prefix4[hash4(c[0]!, c[1]!, c[2]!, c[3]!)] = 1;
    }
  }

  private key(first: number, second: number): number {
    return LITTLE_ENDIAN ? first | (second << 8) : (first << 8) | second;
  }

  /** Every position of `text` where a literal starts, and a few where none does, ascending. */
  candidates(text: string): number[] {
    const n = text.length;
    const found: number[] = [];
    if (n < 3) return found;
    const { buffer, bytes, words } = scratchFor(n + PAD);
    // One byte per UTF-16 unit, so positions are the string's; a unit above 0xff keeps its low byte,
    // which at worst adds a candidate the exact check turns down (the literals are ASCII).
    buffer.write(text, 0, n, 'latin1');
    bytes.fill(0, n, n + PAD);
    const pair = this.pair;
    const last = (n - 1) >> 2;
    for (let j = 0; j <= last; j++) {
      const w = words[j]!;
      if ((pair[w & 0xffff]! | pair[w >>> 16]!) === 0) continue;
      // The pairs at 4j and 4j+2; which half holds which depends on the byte order.
      const at = j << 2;
      this.collect(pair[LITTLE_ENDIAN ? w & 0xffff : w >>> 16]!, at, bytes, found);
      this.collect(pair[LITTLE_ENDIAN ? w >>> 16 : w & 0xffff]!, at + 2, bytes, found);
    }
    // A literal found by a pair further into it starts before one found earlier; one can be found by both its pairs.
    if (found.length > 1) {
      found.sort((a, b) => a - b);
      let k = 1;
      for (let i = 1; i < found.length; i++) if (found[i] !== found[k - 1]) found[k++] = found[i]!;
      found.length = k;
    }
    return found;
  }

  /** The starts that a pair at even position `at` stands for and whose first bytes are a literal's. */
  private collect(bits: number, at: number, bytes: Uint8Array, found: number[]): void {
    for (let r = 0; bits !== 0; r++, bits >>= 1) {
      const s = at - r;
      if (bits & 1 && s >= 0 && this.startsLiteral(bytes, s)) found.push(s);
    }
  }

  /** Whether the first three or four bytes from `s` are those of a literal (or collide with them). */
  private startsLiteral(bytes: Uint8Array, s: number): boolean {
    const b0 = bytes[s]!;
    const b1 = bytes[s + 1]!;
    const b2 = bytes[s + 2]!;
    return this.prefix3[hash3(b0, b1, b2)] === 1 || this.prefix4[hash4(b0, b1, b2, bytes[s + 3]!)] === 1;
  }
}
