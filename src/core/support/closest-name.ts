// "Did you mean …?": the known name a mistyped one most likely meant, for config fields and CLI
// flags alike. The edit distance is fastest-levenshtein's; only the "close enough" rule is ours.
import { distance } from 'fastest-levenshtein';

/**
 * The known name nearest to `typed` (case and `-`/`_` aside: `baseUrl` means `baseURL`), or
 * undefined when none is near enough to be a likely typo: at most 2 edits, or a third of the name.
 * Between two as near, the one of the typed length wins: swapped letters (`modles`) cost two edits,
 * as many as dropping two (`mode`).
 */
export function closestName(typed: string, known: readonly string[]): string | undefined {
  const plain = (s: string): string => s.toLowerCase().replace(/[-_]/g, '');
  const rank = (name: string): [number, number] => [distance(plain(typed), plain(name)), Math.abs(name.length - typed.length)];
  let best: { name: string; d: number; len: number } | undefined;
  for (const name of known) {
    const [d, len] = rank(name);
    if (d > Math.max(2, Math.floor(name.length / 3))) continue;
    if (best === undefined || d < best.d || (d === best.d && len < best.len)) best = { name, d, len };
  }
  return best?.name;
}

/** `did you mean "mode"?`, or '' when no known name is close. */
export function didYouMean(typed: string, known: readonly string[], quote: (name: string) => string = (n) => `"${n}"`): string {
  const near = closestName(typed, known);
  return near === undefined ? '' : `did you mean ${quote(near)}?`;
}
