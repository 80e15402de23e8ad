// Oblix: Show Usage in a real VS Code (code-server): real requests through the extension's endpoint
// to fake upstreams (a local Ollama and a priced cloud service), then the view's accessible tables
// (by their captions and roles, as a screen reader finds them) checked against the ledger file the
// extension wrote in its global storage (with a month of history written there first), summed here
// record by record. Also the README's usage screenshots, the view 400 px wide in the dark and the
// light theme: usage-{dark,light}.png in test-artifacts/e2e/readme/, or media/screenshots/ with OBLIX_UPDATE_SCREENSHOTS=1
// (OBLIX_UPDATE_SCREENSHOTS=1 npm run test:e2e -- --grep README, which takes the others too).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import OpenAI from 'openai';
import type { Locator } from 'playwright-core';
import { dayOf, monthFile, monthOf } from '../../src/core/ledger/files';
import { readLedger } from '../../src/core/ledger/reader';
import type { UsageRecord } from '../../src/core/ledger/record';
import { percent, usd } from '../../src/webview/usage/view-data';
import { FakeOllama } from '../fakes/fake-ollama';
import { FakeOpenAI } from '../fakes/fake-openai';
import { ARTIFACTS_DIR, REPO_ROOT, startCodeServer, type CodeServer } from './code-server';
import { freePort } from './free-port';
import { packageExtension } from './ollama-only';
import { eventually } from './eventually';

const SHOTS = process.env.OBLIX_UPDATE_SCREENSHOTS === '1' ? path.join(REPO_ROOT, 'media', 'screenshots') : path.join(ARTIFACTS_DIR, 'readme');
const MAX_BYTES = 150 * 1024;
const CLOUD = 'fakecloud:gpt-4o-mini';

interface Sums {
  requests: number;
  tokens: number;
  localTokens: number;
  cloudTokens: number;
  cost: number;
  unpriced: number;
  saved: number;
}

/** The ledger summed the plain way, by a key of each record: what the view must show. */
function sumBy(records: readonly UsageRecord[], key: (r: UsageRecord) => string): Map<string, Sums> {
  const out = new Map<string, Sums>();
  for (const r of records) {
    const k = key(r);
    const s = out.get(k) ?? { requests: 0, tokens: 0, localTokens: 0, cloudTokens: 0, cost: 0, unpriced: 0, saved: 0 };
    s.requests++;
    s.tokens += r.tokensIn + r.tokensOut;
    if (r.local) s.localTokens += r.tokensIn + r.tokensOut;
    else if (r.model !== null) s.cloudTokens += r.tokensIn + r.tokensOut;
    if (r.costUSD === null && r.costNote === undefined) s.unpriced++;
    else s.cost += r.costUSD ?? 0;
    s.saved += r.savedUSD ?? 0;
    out.set(k, s);
  }
  return out;
}

/**
 * A month of history, written into the ledger file as the writer writes it, so that the charts have
 * days to show: past days only (today's numbers are the real requests'), and one record older than the
 * view's 30 days, which it must leave out. Costs are multiples of 1/1024, exact in any order of sums.
 */
function seedHistory(dir: string, now: number): void {
  fs.mkdirSync(dir, { recursive: true });
  const today = new Date(new Date(now).getFullYear(), new Date(now).getMonth(), new Date(now).getDate()).getTime();
  let seed = 11;
  const random = (n: number): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n;
  const record = (t: number, local: boolean, client: string): UsageRecord => {
    const tokensIn = 800 + random(6000);
    const tokensOut = 100 + random(1500);
    return {
      v: 1,
      t,
      dialect: client === 'codex' ? 'openai-responses' : 'openai-chat',
      client,
      requested: 'auto',
      model: local ? 'ollama:llama3.2:latest' : CLOUD,
      local,
      kind: 'chat',
      reason: local ? 'chat-easy-small' : 'chat-hard-strong',
      tokensIn,
      tokensOut,
      estimated: false,
      ttftMs: 150,
      durationMs: 2000,
      outcome: 'ok',
      costUSD: local ? 0 : (1 + random(40)) / 1024,
      savedUSD: local ? (1 + random(30)) / 1024 : null,
    };
  };
  const lines: UsageRecord[] = [record(today - 40 * 86_400_000, false, 'codex')];
  for (let d = 29; d >= 1; d--) {
    const day = today - d * 86_400_000 + 9 * 3_600_000;
    const n = 4 + random(10) + (d % 7 < 2 ? 0 : 6); // quieter weekends
    for (let i = 0; i < n; i++) {
      const local = random(10) < 7;
      lines.push(record(day + i * 600_000, local, local ? ['claude-code', 'continue'][random(2)]! : 'codex'));
    }
  }
  for (const r of lines) fs.appendFileSync(monthFile(dir, monthOf(r.t)), `${JSON.stringify(r)}\n`);
}

/** A table's body rows as text cells, found by its caption (the table's accessible name). */
async function tableRows(view: ReturnType<CodeServer['webview']>, caption: string): Promise<string[][]> {
  const rows = view.getByRole('table', { name: caption }).locator('tbody').getByRole('row');
  const out: string[][] = [];
  for (const row of await rows.all()) out.push((await row.locator('th, td').allInnerTexts()).map((t) => t.trim()));
  return out;
}

// 'README' in the name: `--grep README` (CONTRIBUTING.md) runs both tests, the second needs the first's view.
describe('the usage view in code-server, and its README screenshots', function () {
  this.timeout(300_000);
  const ollama = new FakeOllama();
  const cloud = new FakeOpenAI();
  let cs: CodeServer | undefined;
  let workspace = '';
  let client: OpenAI;
  let base = '';

  before(async function () {
    this.timeout(180_000);
    packageExtension();
    await Promise.all([ollama.start(), cloud.start()]);
    fs.mkdirSync(SHOTS, { recursive: true });
    const port = await freePort();
    base = `http://127.0.0.1:${port}/v1`;
    client = new OpenAI({ baseURL: base, apiKey: 'placeholder', maxRetries: 0 });
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'oblix-e2e-usage-'));
    cs = await startCodeServer({
      name: 'usage',
      vsix: path.join(REPO_ROOT, 'oblix.vsix'),
      workspace,
      // The README's width: the editor alone (no activity bar; the side bar is closed below) 400 px wide.
      viewport: { width: 400, height: 900 },
      env: { OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', OLLAMA_HOST: '' },
      userSettings: {
        'workbench.colorTheme': 'Default Dark Modern',
        'workbench.activityBar.location': 'hidden',
        'workbench.editor.showTabs': 'single',
        'oblix.server.port': port,
        'oblix.ollama.host': ollama.url,
        'oblix.cloud.providers': [{ id: 'fakecloud', kind: 'openai-compatible', baseURL: `${cloud.url}/v1`, models: ['gpt-4o-mini'], local: false }],
        // Dear on purpose, so that a few short answers cost whole cents in the charts.
        'oblix.prices': { [CLOUD]: { input: 2000, output: 8000 } },
        'oblix.budget.dailyUSD': 1,
        'oblix.routing.maxCpuLoadPct': 101,
      },
    });
  });

  after(async function () {
    this.timeout(60_000);
    await cs?.stop();
    await Promise.all([ollama.stop(), cloud.stop()]);
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });

  /** The ledger files the extension writes: `<global storage>/oblix.oblix/usage/`. */
  const ledgerDir = (): string => path.join(cs!.dataDir, 'User', 'globalStorage', 'oblix.oblix', 'usage');

  it('shows, after real requests, the numbers the ledger file holds: per model, per client, per day and in total', async () => {
    await eventually(
      'the cloud model to be listed',
      async () => ((await fetch(`${base}/models`).then((r) => r.json())) as { data: { id: string }[] }).data.some((m) => m.id === CLOUD),
      60_000,
    );
    seedHistory(ledgerDir(), Date.now());
    const seeded = readLedger(ledgerDir()).records.length;
    // Local answers from the openai SDK (openai-node), a cloud one, one from Codex by its User-Agent, and a refusal.
    for (let i = 0; i < 3; i++) await client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: `hello number ${i}` }] });
    await client.chat.completions.create({ model: CLOUD, messages: [{ role: 'user', content: 'Explain closures in two sentences.' }] });
    const codex = await fetch(`${base}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'codex_cli_rs/0.50.0 (Linux; x86_64)' },
      body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'hi from codex' }] }),
    });
    assert.equal(codex.status, 200);
    const refused = await fetch(`${base}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'ollama:no-such-model', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.ok(refused.status >= 400);

    const all = await eventually('six more records in the ledger file', () => {
      const r = readLedger(ledgerDir());
      return r.records.length >= seeded + 6 && r.records;
    });
    assert.equal(all.length, seeded + 6);
    // What the view covers: the last 30 days, today included.
    const from = dayOf(Date.now() - 29 * 86_400_000);
    const records = all.filter((r) => dayOf(r.t) >= from);
    assert.equal(records.length, all.length - 1, 'the record of 40 days ago is outside the window');
    assert.ok(
      records.some((r) => r.model === CLOUD && (r.costUSD ?? 0) > 0),
      'the cloud answer cost something',
    );
    assert.ok(
      records.some((r) => r.local && (r.savedUSD ?? 0) > 0),
      'a local answer saved something',
    );

    // The side bar takes the narrow window's width: close it, so the view has the editor's 400 px.
    await cs!.runCommand('View: Close Primary Side Bar');
    await cs!.runCommand('Oblix: Show Usage');
    const view = cs!.webview(0);
    await view.getByRole('table', { name: 'Per day' }).waitFor({ timeout: 60_000 });

    const total = sumBy(records, () => 'total').get('total')!;
    const headline = await view.locator('.headline').innerText();
    assert.equal(
      headline,
      `${percent(total.localTokens / (total.localTokens + total.cloudTokens))} of tokens served locally over 30 days · cloud spend ${usd(total.cost)} · saved ${usd(total.saved)} · ${total.requests} requests`,
    );

    const top = (m: Map<string, Sums>): string[][] =>
      [...m.entries()]
        .sort((a, b) => b[1].tokens - a[1].tokens || b[1].requests - a[1].requests)
        .slice(0, 5)
        .map(([k, s]) => [k, String(s.requests), String(s.tokens), usd(s.cost) + (s.unpriced ? ` (+${s.unpriced} unpriced)` : '')]);
    const models = sumBy(records, (r) => r.model ?? 'none');
    assert.deepEqual(sortRows(await tableRows(view, 'Top models')), sortRows(top(models)));
    assert.deepEqual(sortRows(await tableRows(view, 'Top clients')), sortRows(top(sumBy(records, (r) => r.client))));
    assert.deepEqual([...models.keys()].sort(), ['fakecloud:gpt-4o-mini', 'none', 'ollama:llama3.2:latest'], 'the local model, the cloud one, and the refusal (no model)');
    assert.deepEqual([...sumBy(records, (r) => r.client).keys()].sort(), ['claude-code', 'codex', 'continue', 'openai-node', 'other']);

    const days = await tableRows(view, 'Per day');
    assert.equal(days.length, 30, 'one row per day of the window');
    const byDay = sumBy(records, (r) => dayOf(r.t));
    for (const [day, local, cloudTokens, spend, saved] of days) {
      const s = byDay.get(day!);
      assert.deepEqual([local, cloudTokens, spend, saved], s ? [String(s.localTokens), String(s.cloudTokens), usd(s.cost), usd(s.saved)] : ['0', '0', usd(0), usd(0)], day);
    }
    const today = dayOf(Date.now());
    assert.equal(days.at(-1)![0], today, 'the last row is today');
    assert.ok(byDay.get(today)!.requests === 6 && byDay.get(today)!.cost > 0, "today's row holds the six real requests");

    // Budget progress: today's spend (the real requests') against oblix.budget.dailyUSD = 1.
    const spentToday = byDay.get(today)!.cost;
    const shown = Number(await view.getByRole('progressbar').getAttribute('value'));
    assert.ok(Math.abs(shown - Math.min(1, spentToday)) < 1e-9, `progress ${shown}, spent ${spentToday} of $1`);
    await cs!.screenshot('usage-view-dark-full');
  });

  const shot = async (theme: 'dark' | 'light'): Promise<void> => {
    const view = cs!.webview(0);
    await view.locator(`body.vscode-${theme}`).waitFor({ timeout: 30_000 });
    await view.locator('#chart-tokens canvas').waitFor({ timeout: 30_000 });
    await new Promise((r) => setTimeout(r, 500)); // the redraw in the new theme's colours
    const editor: Locator = cs!.page.locator('#workbench\\.parts\\.editor');
    const box = (await editor.boundingBox())!;
    assert.ok(Math.abs(box.width - 400) <= 2, `the editor is ${box.width} px wide`);
    const file = path.join(SHOTS, `usage-${theme}.png`);
    await editor.screenshot({ path: file, timeout: 30_000 });
    const bytes = fs.statSync(file).size;
    assert.ok(bytes < MAX_BYTES, `usage-${theme}.png is ${bytes} bytes`);
  };

  it('takes the README screenshots, 400 px wide, in the dark and the light theme; the charts are drawn again in the new colours', async () => {
    const chart = (): Promise<string> =>
      cs!
        .webview(0)
        .locator('#chart-tokens canvas')
        .first()
        .evaluate((c: HTMLCanvasElement) => c.toDataURL());
    await shot('dark');
    const dark = await chart();
    await cs!.runCommand('Preferences: Color Theme');
    await cs!.quickPick('Light Modern');
    await cs!.page.locator('.monaco-workbench.vs').first().waitFor({ timeout: 30_000 });
    await shot('light');
    assert.notEqual(await chart(), dark, 'the same numbers, other colours: the canvas changed with the theme');
  });
});

const sortRows = (rows: string[][]): string[][] => [...rows].sort((a, b) => a[0]!.localeCompare(b[0]!));
