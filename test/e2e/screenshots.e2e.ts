// The README's screenshots, taken from a real VS Code (code-server) with a fake Ollama: the chat view
// with an answer and its routing line, and the status bar tooltip, in the dark and the light theme.
// Writes {chat,status-tooltip}-{dark,light}.png, each cropped to its part of the window and under
// 150 KB (the extension page downloads them), to test-artifacts/e2e/readme/; with
// OBLIX_UPDATE_SCREENSHOTS=1 to media/screenshots/, the README's (not on every e2e run: the CPU load
// and the port in the tooltip differ each time, and committed files should not churn).
// Update them: OBLIX_UPDATE_SCREENSHOTS=1 npm run test:e2e -- --grep README
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { FakeOllama } from '../fakes/fake-ollama';
import { ARTIFACTS_DIR, REPO_ROOT, type CodeServer } from './code-server';
import { packageExtension, startOllamaOnly, type OllamaOnly } from './ollama-only';

const OUT = process.env.OBLIX_UPDATE_SCREENSHOTS === '1' ? path.join(REPO_ROOT, 'media', 'screenshots') : path.join(ARTIFACTS_DIR, 'readme');
const MAX_BYTES = 150 * 1024;

describe('README screenshots in code-server', function () {
  this.timeout(300_000);
  const ollama = new FakeOllama();
  let cs: CodeServer;
  let setup: OllamaOnly | undefined;

  before(async function () {
    this.timeout(180_000);
    packageExtension();
    ollama.reply = 'A closure is a function that keeps the variables of the scope it was made in:\n\n```js\nconst counter = () => { let n = 0; return () => ++n; };\n```\n';
    await ollama.start();
    fs.mkdirSync(OUT, { recursive: true });
    // Small enough that the crops stay small, wide enough for the chat view and the tooltip.
    setup = await startOllamaOnly({ name: 'shots', ollama, viewport: { width: 1100, height: 720 } });
    cs = setup.cs;
  });

  after(async function () {
    this.timeout(60_000);
    await setup?.stop();
  });

  const save = async (target: Locator | { x: number; y: number; width: number; height: number }, name: string): Promise<void> => {
    const file = path.join(OUT, `${name}.png`);
    if ('screenshot' in target) await target.screenshot({ path: file, timeout: 30_000 });
    else await cs.page.screenshot({ path: file, clip: target, timeout: 30_000 });
    const bytes = fs.statSync(file).size;
    assert.ok(bytes < MAX_BYTES, `${name}.png is ${bytes} bytes`);
  };

  const chatView = async (theme: string): Promise<void> => {
    const chat = cs.webview(0);
    const answer = chat.locator('[data-testid=message-assistant]').last();
    await answer.and(chat.locator('[data-status=done]')).waitFor({ timeout: 30_000 });
    assert.match(await answer.locator('[data-testid=meta-route]').innerText(), /easy chat, so a small model/); // 'Hello there' under the default prefer: balanced
    await new Promise((r) => setTimeout(r, 500)); // the theme's colours reach the webview a moment later
    await save(cs.page.locator('#workbench\\.parts\\.sidebar'), `chat-${theme}`);
  };

  const statusTooltip = async (theme: string): Promise<void> => {
    const item = cs.statusBarItemById('oblix.status');
    await cs.page.mouse.move(0, 0);
    await item.hover();
    const hover = cs.page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'Oblix' }).first();
    await hover.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await hover.innerText(), /Oblix \d+\.\d+\.\d+/, 'the tooltip names the version');
    await new Promise((r) => setTimeout(r, 300));
    const a = (await hover.boundingBox())!;
    const b = (await item.boundingBox())!;
    const pad = 12;
    const x = Math.max(0, Math.min(a.x, b.x) - pad);
    const y = Math.max(0, Math.min(a.y, b.y) - pad);
    const viewport = cs.page.viewportSize()!;
    const right = Math.min(viewport.width, Math.max(a.x + a.width, b.x + b.width) + pad);
    const bottom = Math.min(viewport.height, Math.max(a.y + a.height, b.y + b.height) + pad);
    await save({ x, y, width: right - x, height: bottom - y }, `status-tooltip-${theme}`);
    await cs.page.mouse.move(0, 0);
  };

  it('takes the chat view with an answer and its routing line, and the status bar tooltip, in the dark theme', async () => {
    await cs.statusBarItemById('oblix.status').waitFor({ timeout: 60_000 });
    await cs.runCommand('Oblix: Open Chat');
    const chat = cs.webview(0);
    await chat.locator('#composer-input').waitFor({ state: 'visible', timeout: 60_000 });
    await chat.locator('#composer-input').fill('What is a closure?');
    await chat.locator('#composer-input').press('Enter');
    await chatView('dark');
    await statusTooltip('dark');
  });

  it('takes the same two in the light theme', async () => {
    await cs.runCommand('Preferences: Color Theme');
    await cs.quickPick('Light Modern');
    await cs.page.locator('.monaco-workbench.vs').first().waitFor({ timeout: 30_000 });
    await chatView('light');
    await statusTooltip('light');
  });
});
