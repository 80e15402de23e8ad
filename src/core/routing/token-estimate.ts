// Estimated tokens of a text, for routing decisions (does the prompt fit this model's window?).
// Characters / 4 is poor for code (Python: -27 % … +27 % per file), where indentation and
// punctuation are tokens of their own and identifiers split. This counts runs of letters, digits,
// punctuation and whitespace, with weights fitted (least squares on relative error) against
// cl100k_base on TypeScript, Python, JavaScript and Markdown: bench/tokens.ts, errors in bench/TOKENS.md.
// One pass over char codes, no regex, no allocation: it runs on every routed prompt.

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

/** What a finished run adds; a run of spaces with a line break is told apart by `lineBreak`. */
function runCost(kind: number, run: number, lineBreak: boolean): number {
  if (kind === LETTER) return PER_WORD + PER_LETTER * run;
  if (kind === DIGIT) return PER_DIGIT * run;
  if (kind === PUNCT) return PER_PUNCT_RUN + PER_PUNCT * run;
  if (kind === SPACE) return lineBreak ? PER_LINE_BREAK_RUN : run > 1 ? PER_SPACE_RUN : 0;
  return run; // CJK, kana, hangul, emoji halves: about a token per character
}

export function estimateTokens(text: string): number {
  let tokens = 0;
  let kind = 0;
  let start = 0;
  let lineBreak = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const k = c < 0x2e80 ? KIND[c]! : CJK;
    if (k !== kind) {
      tokens += runCost(kind, i - start, lineBreak);
      kind = k;
      start = i;
      lineBreak = false;
    }
    if (c === 10) lineBreak = true;
  }
  tokens += runCost(kind, n - start, lineBreak);
  return Math.ceil(tokens);
}
