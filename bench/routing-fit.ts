// Fits the difficulty weights and threshold on the labelled set: coordinate descent over a grid,
// on a fixed 70 % training split (by a hash of each request's id), reported against the other
// 30 %. It only prints; the weights in src/core/routing/difficulty.ts are updated by hand.
import { createHash } from 'node:crypto';
import { agreement, type Scored, type Weights } from './routing-agreement';

/** The weights and threshold before the first fit (issue 22's first guess), kept to show what the fit changed. */
export const FIRST_GUESS: { weights: Weights; hardAt: number } = {
  weights: { 'hard-words': 0.35, code: 0.15, tools: 0.15, length: 0.1, steps: 0.1, files: 0.07, turns: 0.05, languages: 0.03 },
  hardAt: 0.3,
};

const STEP = 0.025;
const MAX_WEIGHT = 0.6;
const THRESHOLDS = { min: 0.05, max: 0.8 };

export function split(set: readonly Scored[]): { train: Scored[]; heldOut: Scored[] } {
  const train: Scored[] = [];
  const heldOut: Scored[] = [];
  for (const s of set) (createHash('sha256').update(s.item.id).digest()[0]! % 10 < 7 ? train : heldOut).push(s);
  return { train, heldOut };
}

/**
 * Moves one weight (or the threshold) at a time to the grid value that agrees best on `train`,
 * only on a strict gain (so ties keep the starting guess), until a round changes nothing. Then
 * scales the weights to sum to 1, and the threshold with them, which decides the same.
 */
export function fit(train: readonly Scored[], start: Weights, startHardAt: number): { weights: Weights; hardAt: number; rounds: number } {
  const w: Weights = { ...start };
  let hardAt = startHardAt;
  let best = agreement(train, w, hardAt);
  let rounds = 0;
  for (let changed = true; changed && rounds < 50; rounds++) {
    changed = false;
    for (const name of Object.keys(w) as (keyof Weights)[]) {
      for (let v = 0; v <= MAX_WEIGHT + 1e-9; v += STEP) {
        const a = agreement(train, { ...w, [name]: v }, hardAt);
        if (a > best + 1e-12) {
          best = a;
          w[name] = v;
          changed = true;
        }
      }
    }
    for (let t = THRESHOLDS.min; t <= THRESHOLDS.max + 1e-9; t += STEP) {
      const a = agreement(train, w, t);
      if (a > best + 1e-12) {
        best = a;
        hardAt = t;
        changed = true;
      }
    }
  }
  const sum = Object.values(w).reduce((a, b) => a + b, 0);
  if (sum > 0) {
    for (const name of Object.keys(w) as (keyof Weights)[]) w[name] = w[name] / sum;
    hardAt /= sum;
  }
  return { weights: w, hardAt, rounds };
}
