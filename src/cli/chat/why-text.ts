// /why: the last routing decision in words: what was chosen and why, the candidates in order,
// what was passed over and why, and the attempts that failed.
import type { Decision } from '../../core/decision';

export function whyText(d: Decision | null): string {
  if (!d) return 'No decision yet: ask something first.';
  const lines = [`${d.at}  requested ${d.requested} → ${d.selected ?? 'nothing'} (${d.reason || 'no reason'})`];
  if (d.why) lines.push(`  ${d.why}`);
  if (d.error) lines.push(`  error: ${d.error}`);
  if (d.candidates.length) lines.push('  candidates, in order:', ...d.candidates.map((c, i) => `    ${i + 1}. ${c.id} (${c.reason})`));
  if (d.passedOver.length) lines.push('  passed over:', ...d.passedOver.map((p) => `    ${p.id}: ${p.code} (${p.detail})`));
  for (const a of d.attempts) lines.push(`  tried ${a.id}: ${a.error}`);
  for (const n of d.notes) lines.push(`  note: ${n}`);
  return lines.join('\n');
}
