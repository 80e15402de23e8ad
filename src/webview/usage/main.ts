// The usage view's page script: renders what the extension posts and draws two uPlot charts that
// follow the theme (colours read from VS Code's CSS variables). uPlot: about 50 KB, canvas, no
// dependencies, fast on a year of daily points; Chart.js is four times the size, Observable Plot
// pulls in d3. Bundled into dist/usage.js: no CDN, the CSP allows only this script.
import uPlot from 'uplot';
import type { UsageMessage } from './protocol';
import { renderUsage } from './render';
import { daySeries } from './view-data';

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('app')!;
let charts: uPlot[] = [];

const compact = new Intl.NumberFormat('en', { notation: 'compact' });
const cssVar = (name: string, fallback: string): string => getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;

function draw(m: UsageMessage): void {
  for (const c of charts) c.destroy();
  renderUsage(root, m);
  const s = daySeries(m.byDay);
  const width = Math.max(280, root.clientWidth - 16);
  const fg = cssVar('--vscode-foreground', '#888');
  const grid = cssVar('--vscode-editorWidget-border', '#8884');
  const localColour = cssVar('--vscode-charts-green', '#388a34');
  const cloudColour = cssVar('--vscode-charts-blue', '#1a85ff');
  const axes: uPlot.Axis[] = [
    { stroke: fg, grid: { stroke: grid }, ticks: { stroke: grid } },
    { stroke: fg, grid: { stroke: grid }, ticks: { stroke: grid }, size: 60 },
  ];
  // Token counts in short form (120K, 1.5M): a long number is cut at the axis's edge.
  const tokenAxes: uPlot.Axis[] = [axes[0]!, { ...axes[1], values: (_u, splits) => splits.map((v) => compact.format(v)) }];
  // Stacked: the cloud band is drawn as local + cloud over the local band.
  charts = [
    new uPlot(
      {
        width,
        height: 200,
        axes: tokenAxes,
        series: [{}, { label: 'Local + cloud tokens', stroke: cloudColour, fill: cloudColour }, { label: 'Local tokens', stroke: localColour, fill: localColour }],
      },
      [s.x, s.total, s.local],
      document.getElementById('chart-tokens')!,
    ),
    new uPlot(
      {
        width,
        height: 180,
        axes,
        series: [{}, { label: 'Spend (USD)', stroke: cssVar('--vscode-charts-orange', '#d18616') }, { label: 'Saved (USD)', stroke: localColour }],
      },
      [s.x, s.spend, s.saved],
      document.getElementById('chart-money')!,
    ),
  ];
}

let last: UsageMessage | null = null;
window.addEventListener('message', (e: MessageEvent<UsageMessage>) => {
  if (e.data?.type !== 'usage') return;
  last = e.data;
  draw(e.data);
});
// The canvas takes its colours when drawn: a theme change (VS Code sets the body's vscode-light /
// vscode-dark class and its data-vscode-theme-name with the new variables) draws the charts again.
new MutationObserver(() => last && draw(last)).observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-name'] });
vscode.postMessage({ type: 'ready' });
