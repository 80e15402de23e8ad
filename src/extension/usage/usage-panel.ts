// **Oblix: Show Usage**: a webview panel with the ledger's last 30 days (charts, budgets, tables),
// refreshed as answers are recorded. The numbers come from core/ledger (queryUsage); the page is
// src/webview/usage. A strict CSP with a nonce; the scripts and styles are local files.
import * as vscode from 'vscode';
import { queryUsageBy } from '../../core/ledger/usage-query';
import type { Ledger } from '../../core/ledger/ledger';
import type { UsageMessage } from '../../webview/usage/protocol';
import { webviewHtml } from '../webview-html';

const DAYS = 30;

export function usageMessage(ledger: Ledger, now = Date.now()): UsageMessage {
  const q = queryUsageBy(ledger, DAYS, ['day', 'model', 'client'], now);
  return { type: 'usage', byDay: q.day, byModel: q.model, byClient: q.client };
}

export class UsagePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly ledger: Ledger,
  ) {
    // New records refresh an open panel, at most every 5 s: a busy agent records many. A refresh reads
    // only this month's file again (past months are cached), about 0.1 s at 100k records (bench/ledger-read.ts).
    this.subscription = ledger.onRecord(() => {
      if (!this.panel || this.timer) return;
      this.timer = setTimeout(() => {
        this.timer = null;
        this.post();
      }, 5_000);
    });
  }

  show(): void {
    if (this.panel) return this.panel.reveal();
    const panel = vscode.window.createWebviewPanel('oblix.usage', 'Oblix Usage', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    });
    this.panel = panel;
    panel.webview.html = usageHtml(panel.webview, this.extensionUri);
    panel.webview.onDidReceiveMessage((m: { type?: string }) => m?.type === 'ready' && this.post());
    panel.onDidDispose(() => (this.panel = null));
  }

  private post(): void {
    void this.panel?.webview.postMessage(usageMessage(this.ledger));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscription.dispose();
    this.panel?.dispose();
  }
}

function usageHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewHtml(webview, extensionUri, {
    title: 'Oblix Usage',
    styles: ['dist/uplot.css', 'media/usage.css'],
    script: 'dist/usage.js',
    body: '<main id="app" aria-live="polite"><p>Reading the usage ledger…</p></main>',
  });
}
