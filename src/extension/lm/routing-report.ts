// The @oblix participant's /why and /models answers as Markdown: recent routing decisions with their
// candidates, what was passed over and what failed first; each provider's state and models.
import type { Health } from '../../core/health';
import type { Decision } from '../../core/decision';

export function whyText(decisions: readonly Decision[]): string {
  if (decisions.length === 0) return 'No request has been routed yet.';
  return decisions
    .map((d) => {
      const head = d.selected ? `**${d.requested} → \`${d.selected}\`** (${d.reason}), ${d.at}` : `**${d.requested} → no model** (${d.error ?? d.reason}), ${d.at}`;
      const lines = [head];
      if (d.why) lines.push(`- needs: ${d.why}`);
      if (d.candidates.length) lines.push(`- candidates, in order: ${d.candidates.map((c) => `\`${c.id}\` (${c.reason})`).join(', ')}`);
      for (const p of d.passedOver) lines.push(`- passed over \`${p.id}\`: ${p.code} — ${p.detail}`);
      for (const a of d.attempts) lines.push(`- tried \`${a.id}\` first: ${a.error}`);
      return lines.join('\n');
    })
    .join('\n\n');
}

export function modelsText(health: Health, models: readonly string[]): string {
  const lines = [`Mode \`${health.mode}\`.`, ''];
  for (const p of health.providers) {
    const own = models.filter((m) => m.startsWith(`${p.id}:`));
    const state = `${p.state}${p.latencyMs !== null ? `, ${Math.round(p.latencyMs)} ms` : ''}${p.lastError ? ` — ${p.lastError}` : ''}`;
    lines.push(`- **${p.id}** (${p.kind}, ${p.local ? 'local' : 'cloud'}): ${state}${own.length ? `; models ${own.map((m) => `\`${m}\``).join(', ')}` : ''}`);
  }
  if (health.problems.length) lines.push('', ...health.problems.map((p) => `> ${p}`));
  return lines.join('\n');
}
