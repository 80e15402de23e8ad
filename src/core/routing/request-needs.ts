// What a request needs, read from the internal request alone: its kind, its modifiers and, for a
// turn that is not autocomplete, how hard it looks. The policy orders tiers by it (tiers.ts); the
// decision shows it.
import type { ChatRequest } from '../request';
import { difficulty, NO_DIFFICULTY, SIGNAL_WORDS, HARD_AT, type Difficulty } from './difficulty';
import { modifiers, promptChars, taskKind, type Modifier, type TaskKind } from './task-kind';

export interface RequestNeeds {
  kind: TaskKind;
  modifiers: Modifier[];
  difficulty: Difficulty;
}

export function readNeeds(request: ChatRequest): RequestNeeds {
  const chars = promptChars(request);
  const kind = taskKind(request, chars);
  // Autocomplete is judged by speed alone: no pass over its text.
  return { kind, modifiers: modifiers(request, chars), difficulty: kind === 'autocomplete' ? NO_DIFFICULTY : difficulty(request) };
}

/** The needs in words: `chat, hard (0.42: design/debug/proof words, code), reasoning`. */
export function needsInWords(n: RequestNeeds): string {
  let out: string = n.kind;
  if (n.kind === 'chat' || n.kind === 'agent') {
    const d = n.difficulty;
    const top = d.signals.slice(0, 2).map((s) => SIGNAL_WORDS[s.name]);
    out += `, ${d.score >= HARD_AT ? 'hard' : 'easy'} (${d.score.toFixed(2)}${top.length ? `: ${top.join(', ')}` : ''})`;
  }
  for (const m of n.modifiers) out += `, ${m}`;
  return out;
}
