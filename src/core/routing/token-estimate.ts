// Estimated tokens of a text, for routing decisions (does the prompt fit this model's window?).
// Characters / 4 is poor for code (Python: -27 % … +27 % per file), where indentation and
// punctuation are tokens of their own and identifiers split. This counts runs of letters, digits,
// punctuation and whitespace, with weights fitted (least squares on relative error) against
// cl100k_base on TypeScript, Python, JavaScript and Markdown: bench/tokens.ts, errors in docs/performance/TOKENS.md.
// One pass over char codes, no regex, no allocation, and over 32 KiB of samples at most: it runs
// on the request path (only when a prompt's length alone does not show that it fits).

// Per run of letters (a word or identifier), plus per letter: long identifiers split.
const PER_WORD = 0.46;
const PER_LETTER = 0.13;
// BPE vocabularies of this generation split numbers into groups of up to three digits.
const PER_DIGIT = 0.5;
// Punctuation: `();` or `=>` often merge, so a run costs less than a token per character.
const PER_PUNCT_RUN = 0.36;
const PER_PUNCT = 0.21;
// A single space joins the next word; a line break with its indentation is about two tokens.
const PER_LINE_BREAK_RUN = 1.89;
const PER_SPACE_RUN = 1.5;

const LETTER = 1;
const DIGIT = 2;
const PUNCT = 3;
const SPACE = 4;
const CJK = 5;

/** The kind of every UTF-16 code unit below 0x2e80 (above: CJK and the like), looked up, not computed. */
const KIND = new Uint8Array(0x2e80).fill(LETTER); // accented letters join words
for (let c = 0; c < 128; c++) KIND[c] = PUNCT;
for (let c = 48; c <= 57; c++) KIND[c] = DIGIT;
for (let c = 65; c <= 90; c++) KIND[c] = LETTER;
for (let c = 97; c <= 122; c++) KIND[c] = LETTER;
KIND[95] = LETTER; // _
for (const c of [9, 10, 13, 32]) KIND[c] = SPACE;

/** What each character of a kind adds, and what starting a run of that kind adds (indexed by kind). */
const PER_CHAR = Float64Array.of(0, PER_LETTER, PER_DIGIT, PER_PUNCT, 0, 1); // CJK and the like: about a token a character
const PER_RUN = Float64Array.of(0, PER_WORD, 0, PER_PUNCT_RUN, 0, 0);

/** Above this length the text is estimated from evenly spread samples, so a long prompt costs no more than this one. */
const SAMPLED_ABOVE = 32_768;
const SAMPLES = 8;

export function estimateTokens(text: string): number {
  const n = text.length;
  if (n <= SAMPLED_ABOVE) return Math.ceil(estimateRange(text, 0, n));
  // Long prompts (agents send 100 KB and more) are mostly homogeneous: 8 slices of 4 KiB say enough.
  const size = SAMPLED_ABOVE / SAMPLES;
  const stride = (n - size) / (SAMPLES - 1);
  let sampled = 0;
  for (let s = 0; s < SAMPLES; s++) {
    const from = Math.floor(s * stride);
    sampled += estimateRange(text, from, from + size);
  }
  return Math.ceil((sampled * n) / SAMPLED_ABOVE);
}

function estimateRange(text: string, from: number, n: number): number {
  let tokens = 0;
  let kind = 0;
  let start = from;
  let lineBreak = false;
  for (let i = from; i < n; i++) {
    const c = text.charCodeAt(i);
    const k = c < 0x2e80 ? KIND[c]! : CJK;
    tokens += PER_CHAR[k]!;
    if (k !== kind) {
      // A run of whitespace is priced when it ends: a line break in it, or more than one space.
      if (kind === SPACE) tokens += lineBreak ? PER_LINE_BREAK_RUN : i - start > 1 ? PER_SPACE_RUN : 0;
      tokens += PER_RUN[k]!;
      kind = k;
      start = i;
      lineBreak = false;
    }
    if (c === 10) lineBreak = true;
  }
  if (kind === SPACE) tokens += lineBreak ? PER_LINE_BREAK_RUN : n - start > 1 ? PER_SPACE_RUN : 0;
  return tokens;
}
