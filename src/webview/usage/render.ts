// The usage view's document: the headline, budget progress, chart boxes and the tables (the charts'
// numbers in text, for screen readers). Plain DOM, no framework; main.ts draws the charts into the boxes.
import type { UsageMessage } from './protocol';
import { budgetLine, dayTable, headline, topTable } from './view-data';

export function renderUsage(root: HTMLElement, m: UsageMessage): void {
  const doc = root.ownerDocument;
  root.replaceChildren();
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, parent: HTMLElement = root): HTMLElementTagNameMap[K] => {
    const e = doc.createElement(tag);
    if (text !== undefined) e.textContent = text;
    parent.append(e);
    return e;
  };
  el('h1', 'Oblix usage');
  if (!m.byDay.recording) el('p', 'This window keeps no usage ledger.');
  el('p', headline(m.byDay)).className = 'headline';
  if (m.byDay.budgets.length) {
    el('h2', 'Budgets');
    for (const b of m.byDay.budgets) {
      const row = el('div');
      row.className = 'budget';
      const label = el('label', budgetLine(b), row);
      const bar = el('progress', undefined, row);
      bar.max = 1;
      bar.value = Math.min(1, b.share);
      bar.id = `budget-${b.period}`;
      label.htmlFor = bar.id;
      if (b.share >= 0.8) row.classList.add('warn');
    }
  }
  el('h2', 'Tokens per day, local and cloud');
  el('div').id = 'chart-tokens';
  el('h2', 'Cloud spend and saved per day (USD)');
  el('div').id = 'chart-money';
  table(el, 'Top models', ['Model', 'Requests', 'Tokens', 'Cost'], topTable(m.byModel));
  table(el, 'Top clients', ['Client', 'Requests', 'Tokens', 'Cost'], topTable(m.byClient));
  table(el, 'Per day', ['Day', 'Local tokens', 'Cloud tokens', 'Spend', 'Saved'], dayTable(m.byDay));
  if (m.byDay.corrupt) el('p', `${m.byDay.corrupt} corrupt ledger line(s) were skipped.`);
}

function table(
  el: <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, parent?: HTMLElement) => HTMLElementTagNameMap[K],
  caption: string,
  head: string[],
  rows: string[][],
): void {
  const t = el('table');
  el('caption', caption, t);
  const hr = el('tr', undefined, el('thead', undefined, t));
  for (const h of head) el('th', h, hr).scope = 'col';
  const body = el('tbody', undefined, t);
  for (const r of rows) {
    const tr = el('tr', undefined, body);
    r.forEach((c, i) => (i === 0 ? (el('th', c, tr).scope = 'row') : el('td', c, tr)));
  }
}
