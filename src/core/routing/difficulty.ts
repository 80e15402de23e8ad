// How hard a chat turn looks, from cheap signals of its text and shape: a score in [0, 1], the sum of
// each signal's strength (0..1) times its weight (the weights sum to 1). The weights and the
// threshold were fitted on the labelled set of `npm run bench:routing` (bench/routing-fit.ts,
// coordinate descent on a 70 % split, rounded by hand), documented in docs/routing.md (Routing by need).
import type { ChatRequest } from '../request';
import { messageText } from './message-text';

export type DifficultySignalName = 'hard-words' | 'code' | 'tools' | 'length' | 'steps' | 'files' | 'turns' | 'languages';

export const DIFFICULTY_WEIGHTS: Readonly<Record<DifficultySignalName, number>> = {
  'hard-words': 0.4,
  code: 0.2,
  tools: 0.2,
  length: 0.06,
  steps: 0.06,
  files: 0.04,
  turns: 0.03,
  languages: 0.01,
};

/** A turn scoring this or more is hard: one design/debug/proof word, a code block or five tools do it alone. */
export const HARD_AT = 0.2;

export interface DifficultySignal {
  name: DifficultySignalName;
  /** What it added to the score: its weight times its strength. */
  value: number;
}

export interface Difficulty {
  score: number;
  /** The signals that added something, strongest first. */
  signals: DifficultySignal[];
}

export const isHard = (d: Difficulty): boolean => d.score >= HARD_AT;

/**
 * Only this much of a long turn is read, its head and its tail (where the question usually is), so
 * the cost stays flat whatever was pasted in between (a few µs; the regexes cost ~15 ns a character).
 */
const SCAN_HEAD = 2000;
const SCAN_TAIL = 1000;

// The text is lowercased once: case-sensitive patterns run faster than `/i` ones.
const HARD_WORDS =
  /\b(?:design\w*|architect\w*|debug\w*|bugs?|crash\w*|race condition|deadlock\w*|leak\w*|prove|proofs?|theorem|lemma|invariant\w*|refactor\w*|optimi[sz]\w*|complexity|concurren\w*|migrat\w*|trade-?offs?|scal(?:e|able|ability|ing)|root cause|segfault|stack ?trace|traceback|regression|vulnerab\w*|algorithm\w*|implement\w*)\b/g;
const CODE_LINE = /(?:[;{}]\s*$|^\s*(?:def|class|function|import|from|return|const|let|var|public|private|fn|func|#include|package)\b)/gm;
const STEP = /^\s*(?:\d+[.)]|[-*•])\s+\S|\b(?:then|after that|finally|step \d)\b/gm;
/** A file's extension; the name before it is read backwards (a pattern for the whole path backtracks on long words). */
const FILE_EXTENSION = /\.(?:ts|tsx|js|jsx|mjs|py|go|rs|java|kt|swift|c|cc|cpp|h|hpp|cs|rb|php|scala|sql|sh|yaml|yml|json|toml|md|html|css|vue|svelte)\b/g;
const LANGUAGE = /\b(?:typescript|javascript|python|golang|rust|java|kotlin|swift|c\+\+|c#|ruby|php|scala|sql|bash|haskell|elixir|go)\b/g;
const EXTENSION_LANGUAGE: Readonly<Record<string, string>> = {
  ts: 'typescript',
  tsx: 'typescript',
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  py: 'python',
  go: 'go',
  rs: 'rust',
  java: 'java',
  kt: 'kotlin',
  swift: 'swift',
  c: 'c',
  cc: 'c++',
  cpp: 'c++',
  h: 'c',
  hpp: 'c++',
  cs: 'c#',
  rb: 'ruby',
  php: 'php',
  scala: 'scala',
  sql: 'sql',
  sh: 'bash',
};

export function difficulty(req: ChatRequest): Difficulty {
  return scoreOf(signalStrengths(req), DIFFICULTY_WEIGHTS);
}

/** Each signal's strength in [0, 1], before weighting: what bench/routing-fit.ts fits the weights on. */
export function signalStrengths(req: ChatRequest): Record<DifficultySignalName, number> {
  let turn = '';
  let turns = 0;
  for (const m of req.messages) {
    if (m.role !== 'user') continue;
    turns++;
    const text = messageText(m);
    // Tool results in Anthropic and Responses conversations arrive as user turns with no text.
    if (text) turn = text;
  }
  const text = (turn.length > SCAN_HEAD + SCAN_TAIL ? `${turn.slice(0, SCAN_HEAD)}\n${turn.slice(-SCAN_TAIL)}` : turn).toLowerCase();
  const files = new Set<string>();
  const languages = new Set<string>();
  FILE_EXTENSION.lastIndex = 0;
  for (let m = FILE_EXTENSION.exec(text); m !== null; m = FILE_EXTENSION.exec(text)) {
    let start = m.index;
    while (start > 0 && isPathChar(text.charCodeAt(start - 1))) start--;
    if (start === m.index) continue; // `.ts` alone names no file
    files.add(text.slice(start, m.index + m[0].length));
    const lang = EXTENSION_LANGUAGE[m[0].slice(1)];
    if (lang) languages.add(lang);
  }
  for (const l of text.matchAll(LANGUAGE)) languages.add(l[0] === 'golang' ? 'go' : l[0]);
  const tools = req.tools?.length ?? 0;
  return {
    'hard-words': Math.min(1, count(text, HARD_WORDS) / 2),
    code: text.includes('```') || count(text, CODE_LINE) >= 3 ? 1 : /`[^`\n]+`/.test(text) ? 0.4 : 0,
    tools: Math.min(1, tools / 5),
    length: clamp((turn.length - 300) / 3000),
    steps: Math.min(1, count(text, STEP) / 4),
    files: Math.min(1, files.size / 3),
    turns: clamp((turns - 1) / 6),
    languages: clamp((languages.size - 1) / 2),
  };
}

/** The score and its signals for given strengths and weights. */
export function scoreOf(strength: Readonly<Record<DifficultySignalName, number>>, weights: Readonly<Record<DifficultySignalName, number>>): Difficulty {
  const signals: DifficultySignal[] = [];
  let score = 0;
  for (const name of Object.keys(weights) as DifficultySignalName[]) {
    const value = weights[name] * strength[name];
    if (value <= 0) continue;
    score += value;
    signals.push({ name, value: round(value) });
  }
  signals.sort((a, b) => b.value - a.value);
  return { score: round(Math.min(1, score)), signals };
}

export const NO_DIFFICULTY: Difficulty = Object.freeze({ score: 0, signals: [] }) as Difficulty;

/** Signal names as the decision says them. */
export const SIGNAL_WORDS: Readonly<Record<DifficultySignalName, string>> = {
  'hard-words': 'design/debug/proof words',
  code: 'code',
  tools: 'tools declared',
  length: 'a long message',
  steps: 'several steps',
  files: 'files named',
  turns: 'many turns',
  languages: 'several languages',
};

function count(text: string, re: RegExp): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text) !== null) n++;
  return n;
}

/** Letters, digits, `_`, `-`, `.` and `/`: what a path is made of. */
function isPathChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46 || c === 47 || (c >= 65 && c <= 90);
}

const clamp = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
const round = (x: number): number => Math.round(x * 1000) / 1000;
