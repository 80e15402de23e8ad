// One status bar item: what would serve a request now, animated while one runs; the tooltip
// explains (mode, endpoint, providers, machine, last routing reason); a click opens the menu.
import * as vscode from 'vscode';
import type { OblixService } from './service';
import { decisionLine } from './decision-line';
import { budgetInWords } from '../core/ledger/budget';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('oblix.status', vscode.StatusBarAlignment.Right, 100);
  private readonly timer: NodeJS.Timeout;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly service: OblixService) {
    this.item.name = 'Oblix';
    this.item.command = 'oblix.showMenu';
    this.subscription = service.onDidChange(() => this.update());
    // Signals change in the background (probes, load); a cheap in-memory look every few seconds.
    this.timer = setInterval(() => this.update(), 5_000);
    this.update();
    this.item.show();
  }

  update(): void {
    const s = this.service;
    const oblix = s.oblix;
    const settings = s.settings;
    if (!oblix || !settings) {
      this.item.text = '$(loading~spin) Oblix';
      this.item.tooltip = 'Oblix is starting…';
      return;
    }
    const { id, local, reason, empty } = oblix.servingNow(s.defaultModel);
    const icon = s.busy ? '$(sync~spin)' : !id ? '$(warning)' : local ? '$(vm)' : '$(cloud)';
    const shared = s.serverState.kind === 'shared' ? ' (shared)' : '';
    this.item.text = id ? `${icon} ${id}${shared}` : `${icon} Oblix: no model`;
    // No model, or a cloud budget past 80 %: the warning colour.
    this.item.backgroundColor = id && !s.ledger.budget.nearing() ? undefined : new vscode.ThemeColor('statusBarItem.warningBackground');
    this.item.accessibilityInformation = { label: id ? `Oblix: ${id} serves requests${s.busy ? ', answering' : ''}` : 'Oblix: no model can answer' };
    this.item.tooltip = this.tooltip(reason ?? empty ?? '');
  }

  private tooltip(nextReason: string): vscode.MarkdownString {
    const s = this.service;
    const h = s.oblix!.health();
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: ['oblix.showUsage'] };
    md.appendMarkdown(`**Oblix** ${h.version} — mode \`${h.mode}\`, prefer \`${h.prefer}\`\n\n`);
    const st = s.serverState;
    md.appendMarkdown(
      st.kind === 'own'
        ? `Endpoint: \`${st.url}\`\n\n`
        : st.kind === 'shared'
          ? `Endpoint: \`${st.url}\` (served by another window)\n\n`
          : st.kind === 'off'
            ? 'Endpoint: off\n\n'
            : `Endpoint: failed — ${st.message}\n\n`,
    );
    if (s.where) md.appendMarkdown(`${s.where}\n\n`);
    for (const p of h.providers) {
      const icon = p.state === 'online' ? '$(pass)' : p.state === 'degraded' ? '$(warning)' : p.state === 'offline' ? '$(error)' : '$(question)';
      md.appendMarkdown(`${icon} ${p.id} — ${p.state}${p.latencyMs !== null ? `, ${p.latencyMs} ms` : ''}\n\n`);
    }
    for (const id of s.settings?.missingKeys ?? []) md.appendMarkdown(`$(key) ${id} — no API key (Oblix: Set API Key)\n\n`);
    const r = h.resources;
    if (r.sampledAt !== null)
      md.appendMarkdown(
        `CPU ${r.cpuLoadSustainedPct !== null ? `${Math.round(r.cpuLoadSustainedPct)}%` : `${Math.round(r.cpuLoadPct)}% now`} · memory ${(r.memAvailableBytes / 1024 ** 3).toFixed(1)} of ${(r.memTotalBytes / 1024 ** 3).toFixed(1)} GB free\n\n`,
      );
    const spent = s.ledger.budget.spentSoFar();
    const near = s.ledger.budget.nearing();
    md.appendMarkdown(
      `$(credit-card) Today: $${spent.todayUSD.toFixed(2)} cloud spend${near ? ` — budget ${budgetInWords(near)}` : ''} ([Show Usage](command:oblix.showUsage))\n\n`,
    );
    const last = s.lastDecision;
    if (last) md.appendMarkdown(`${decisionLine(last)}\n\n`);
    else if (nextReason) md.appendMarkdown(`Next request: ${nextReason}\n\n`);
    return md;
  }

  dispose(): void {
    clearInterval(this.timer);
    this.subscription.dispose();
    this.item.dispose();
  }
}
