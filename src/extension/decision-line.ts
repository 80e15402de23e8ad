// The status bar tooltip's line about the last request, in words: which model, why, and for `auto`
// what the request needed under which preference. No VS Code import, so it is tested directly.
import type { Decision } from '../core/decision';
import { routeInWords } from '../core/routing/route-reason';

export function decisionLine(d: Decision): string {
  const reason = d.selected ? routeInWords(d.reason) : (d.error ?? d.reason);
  return `Last request: ${d.selected ?? 'none'} (${reason})${d.why ? ` — ${d.why}` : ''}`;
}
