// `oblix usage [--days N] [--by day|model|client|kind] [--json] [--config FILE] [--data-dir DIR]`:
// the ledger summed, as a table (or the same JSON as GET /v1/usage), read from the data dir; no
// server needs to run.
import { parseArgs } from 'node:util';
import { budgetInWords } from '../core/ledger/budget';
import { MAX_USAGE_DAYS, queryUsage } from '../core/ledger/usage-query';
import { USAGE_GROUPS, type UsageGroup, type UsageRow, type UsageSummary } from '../core/ledger/summary';
import { openLedger } from './open-ledger';
import { parseServeArgs, UsageError } from './options';

export const USAGE_USAGE = `Usage: oblix usage [--days N] [--by day|model|client|kind] [--json] [--config FILE] [--data-dir DIR]

What Oblix answered over the last N days (default 30): requests, tokens, the share served locally,
cloud spend and what local answers saved, and the budgets. --json prints what GET /v1/usage returns.`;

export function showUsage(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: { days: { type: 'string' }, by: { type: 'string' }, json: { type: 'boolean' }, config: { type: 'string' }, 'data-dir': { type: 'string' } },
  });
  const days = values.days ?? '30';
  if (!/^\d+$/.test(days) || Number(days) < 1 || Number(days) > MAX_USAGE_DAYS) throw new UsageError(`--days must be a whole number from 1 to ${MAX_USAGE_DAYS}, not '${days}'.`);
  const by = values.by ?? 'day';
  if (!(USAGE_GROUPS as readonly string[]).includes(by)) throw new UsageError(`--by must be one of ${USAGE_GROUPS.join(', ')}, not '${by}'.`);
  const config = parseServeArgs([...(values.config ? ['--config', values.config] : []), ...(values['data-dir'] ? ['--data-dir', values['data-dir']] : [])], process.env);
  const ledger = openLedger(config);
  const summary = queryUsage(ledger, Number(days), by as UsageGroup);
  ledger.close();
  console.log(values.json ? JSON.stringify(summary, null, 2) : usageTable(summary));
}

const usd = (n: number): string => `$${n < 1 && n > 0 ? n.toFixed(4) : n.toFixed(2)}`;
const pct = (n: number): string => `${Math.round(n * 100)}%`;

export function usageTable(s: UsageSummary): string {
  const head = [s.by, 'requests', 'tokens in', 'tokens out', 'local', 'cost', 'saved', 'errors'];
  const line = (r: UsageRow): string[] => {
    const tokens = r.localTokens + r.cloudTokens;
    return [
      r.key,
      String(r.requests),
      String(r.tokensIn),
      String(r.tokensOut),
      tokens ? pct(r.localTokens / tokens) : '-',
      usd(r.costUSD) + (r.unpriced ? ` +${r.unpriced} unpriced` : ''),
      usd(r.savedUSD),
      String(r.errors),
    ];
  };
  const rows = [head, ...s.rows.map(line), line(s.totals)];
  const widths = head.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]): string => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [`Oblix usage, ${s.from} to ${s.to} (${s.days} days)`, '', fmt(head), ...s.rows.map((r) => fmt(line(r))), fmt(line(s.totals))];
  out.push('', `Served locally: ${pct(s.totals.localShare)} of tokens. Cloud spend ${usd(s.totals.costUSD)}, saved ${usd(s.totals.savedUSD)}.`);
  for (const b of s.budgets) out.push(`Budget: ${budgetInWords(b)} (spent ${usd(b.spentUSD)}, resets ${new Date(b.resetsAt).toLocaleString()})`);
  if (s.corrupt) out.push(`Skipped ${s.corrupt} corrupt ledger line(s).`);
  return out.join('\n');
}
