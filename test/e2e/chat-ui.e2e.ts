// The chat's first five minutes in a real VS Code (code-server): the view at 200 px and 400 px in
// dark and light themes (screenshots test-artifacts/e2e/chat-ui-*.png), no horizontal overflow in the
// conversation or the error card at 200 px, the selection as a chip, Pull a Model against a fake
// Ollama pull stream, and the first start without any model (one notification, the guided path).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { FakeOllama } from '../fakes/fake-ollama';
import { ARTIFACTS_DIR, REPO_ROOT, startCodeServer, type CodeServer } from './code-server';
import { freePort } from './free-port';
import { packageExtension, startOllamaOnly, type OllamaOnly } from './ollama-only';

const REPLY = [
  'Read it line by line:',
  '',
  '| Language | Reader |',
  '|---|---|',
  '| Rust | `BufReader::lines` |',
  '| Python | `for line in f` |',
  '',
  '```rust',
  'use std::io::{BufRead, BufReader};',
  'for line in BufReader::new(file).lines() { println!("{}", line?); }',
  '```',
  '',
].join('\n');

/** Drags the sash at the side bar's right edge until the side bar is `width` px wide. */
async function setSideBarWidth(cs: CodeServer, width: number): Promise<number> {
  const sidebar = cs.page.locator('#workbench\\.parts\\.sidebar');
  for (let attempt = 0; attempt < 3; attempt++) {
    const box = await sidebar.boundingBox();
    assert.ok(box, 'the side bar is visible');
    if (Math.abs(box.width - width) <= 2) return box.width;
    const y = box.y + box.height / 2;
    await cs.page.mouse.move(box.x + box.width - 1, y);
    await cs.page.mouse.down();
    await cs.page.mouse.move(box.x + width - 1, y, { steps: 8 });
    await cs.page.mouse.up();
  }
  return (await sidebar.boundingBox())?.width ?? 0;
}

/** Whether anything in the view is wider than its box (scrollWidth beyond clientWidth). */
function overflowOf(frame: FrameLocator, selector: string): Promise<Array<{ what: string; scroll: number; client: number }>> {
  return frame.locator('body').evaluate((body, sel) => {
    const out: Array<{ what: string; scroll: number; client: number }> = [];
    for (const el of Array.from(body.ownerDocument.querySelectorAll<HTMLElement>(sel))) {
      if (el.scrollWidth > el.clientWidth + 1) out.push({ what: `${el.tagName}.${el.className}`, scroll: el.scrollWidth, client: el.clientWidth });
    }
    return out;
  }, selector);
}

describe('Oblix chat UI in narrow and wide panels, both themes', function () {
  this.timeout(400_000);
  const ollama = new FakeOllama();
  let cs: CodeServer;
  let setup: OllamaOnly | undefined;
  let chat: FrameLocator;

  const send = async (text: string): Promise<void> => {
    await chat.locator('#composer-input').fill(text);
    await chat.locator('#composer-input').press('Enter');
  };
  const lastAnswer = () => chat.locator('[data-testid=message-assistant]').last();
  const setTheme = async (label: string, cls: string): Promise<void> => {
    await cs.runCommand('Preferences: Color Theme');
    await cs.quickPick(label);
    await cs.page.locator(`.monaco-workbench.${cls}`).first().waitFor({ timeout: 30_000 });
    await new Promise((r) => setTimeout(r, 1_000)); // the webview takes the new theme's variables
  };
  /** The whole workbench, and the side bar alone (what the narrow-panel fixes are about). */
  const shoot = async (name: string): Promise<void> => {
    await cs.screenshot(`chat-ui-${name}`);
    const box = await cs.page.locator('#workbench\\.parts\\.sidebar').boundingBox();
    if (box) await cs.page.screenshot({ path: path.join(ARTIFACTS_DIR, `chat-ui-${name}-panel.png`), clip: box });
  };

  before(async function () {
    this.timeout(240_000);
    packageExtension();
    ollama.reply = REPLY;
    ollama.models = [
      { name: 'llama3.2:latest', contextLength: 131072, capabilities: ['completion', 'tools'] },
      { name: 'qwen2.5-coder:latest', contextLength: 32768, capabilities: ['completion'] },
    ];
    await ollama.start();
    setup = await startOllamaOnly({ name: 'chat-ui', ollama, files: { 'hello.py': 'def add(a, b):\n    return a + b\n' } });
    cs = setup.cs;
    await cs.statusBarItemById('oblix.status').waitFor({ timeout: 60_000 });
  });

  after(async function () {
    this.timeout(60_000);
    await setup?.stop();
  });

  it('asks about a selection (a chip), gets an answer with a table and code', async () => {
    await cs.page
      .locator('.explorer-folders-view .monaco-list-row', { hasText: 'hello.py' })
      .click({ timeout: 30_000 })
      .catch(async () => {
        await cs.runCommand('View: Show Explorer');
        await cs.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'hello.py' }).click();
      });
    const editor = cs.page.locator('.monaco-editor[data-uri$="hello.py"]').first();
    await editor.waitFor({ timeout: 30_000 });
    await editor.click();
    await cs.page.keyboard.press('Control+A');
    await cs.runCommand('Oblix: Ask Oblix About Selection');
    await cs.inputBox('How do I read a file line by line?');
    chat = cs.webview(0);
    const question = chat.locator('[data-testid=message-user]').last();
    await question.locator('[data-testid=reference-chip]').waitFor({ timeout: 30_000 });
    assert.equal(await question.locator('[data-testid=reference-file]').innerText(), 'hello.py:1-2');
    await lastAnswer().and(chat.locator('[data-status=done]')).waitFor({ timeout: 30_000 });
    assert.equal(await lastAnswer().locator('table').count(), 1);
    // Close the editor so the side bar is the view's only constraint.
    await cs.runCommand('View: Close All Editors');
  });

  for (const [theme, label, cls] of [
    ['dark', 'Dark Modern', 'vs-dark'],
    ['light', 'Light Modern', 'vs'],
  ] as const) {
    for (const width of [200, 400]) {
      it(`at ${width} px in the ${theme} theme: nothing wider than the panel`, async () => {
        if (width === 200) await setTheme(label, cls);
        const got = await setSideBarWidth(cs, width);
        assert.ok(Math.abs(got - width) <= 4, `side bar ${got} px`);
        await new Promise((r) => setTimeout(r, 500));
        assert.deepEqual(await overflowOf(chat, '#scroll-area, #message-list, .message, .message-meta, #toolbar'), []);
        const sessionBox = await chat.locator('#session-select').boundingBox();
        assert.ok(sessionBox && sessionBox.width >= 100, `the session box keeps room for its label (${sessionBox?.width} px)`);
        const table = await chat
          .locator('.markdown-body table')
          .first()
          .evaluate((t) => ({ cell: t.querySelector('td')?.getBoundingClientRect().height ?? 0 }));
        assert.ok(table.cell < 40, `table cells keep one line (${table.cell} px tall)`);
        await shoot(`${width}-${theme}`);
      });
    }
  }

  it('pulls a model through Ollama with a progress notification', async () => {
    ollama.pull = { steps: 12, delayMs: 400, layerBytes: 1_200_000_000 };
    await cs.runCommand('Oblix: Pull a Model…');
    await cs.quickPick(/qwen2\.5-coder:1\.5b/);
    const progress = cs.notification(/Pulling qwen2\.5-coder:1\.5b/);
    await progress.waitFor({ timeout: 30_000 });
    await cs.notification(/pulling [0-9a-f]+ \(/).waitFor({ timeout: 30_000 });
    await cs.screenshot('chat-ui-pull-progress');
    await cs.notification(/qwen2\.5-coder:1\.5b is ready/).waitFor({ timeout: 60_000 });
    assert.ok(ollama.pulled.includes('qwen2.5-coder:1.5b'));
    await cs.screenshot('chat-ui-pull-done');
  });

  it('at 200 px, an error card in words that stays inside its border', async () => {
    await setSideBarWidth(cs, 200);
    await ollama.stop();
    await chat.locator('#new-session').click();
    await send('Are you there?');
    const error = chat.locator('[data-testid=chat-error]');
    await error.waitFor({ timeout: 30_000 });
    assert.equal(await error.locator('[data-testid=chat-error-text]').innerText(), "Ollama isn't running.");
    await error.locator('[data-testid=error-details] summary').click();
    assert.match(await error.locator('[data-testid=error-details] code').innerText(), /ECONNREFUSED|could not be reached|not running/);
    assert.deepEqual(await overflowOf(chat, '#scroll-area, #message-list, [data-testid=chat-error], .chat-error-message, .error-details'), []);
    await shoot('200-light-error');
    await chat.locator('#empty-state-unavailable:not([hidden])').waitFor({ timeout: 30_000 });
    await shoot('200-light-setup');
  });
});

describe('Oblix first start without Ollama or keys', function () {
  this.timeout(300_000);
  let cs: CodeServer;

  before(async function () {
    this.timeout(240_000);
    if (!fs.existsSync(path.join(REPO_ROOT, 'oblix.vsix'))) execFileSync('npm', ['run', 'package'], { cwd: REPO_ROOT, stdio: 'ignore' });
    cs = await startCodeServer({
      name: 'chat-ui-first-start',
      vsix: path.join(REPO_ROOT, 'oblix.vsix'),
      env: { OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', OLLAMA_HOST: '' },
      userSettings: {
        'workbench.colorTheme': 'Default Dark Modern',
        'oblix.server.port': await freePort(),
        'oblix.ollama.host': `http://127.0.0.1:${await freePort()}`,
      },
    });
  });

  after(async function () {
    this.timeout(60_000);
    await cs?.stop();
  });

  it('shows one notification with the three ways forward, and the guided path in the view', async () => {
    const toast = cs.notification(/Oblix needs a model to answer/);
    await toast.waitFor({ timeout: 90_000 });
    for (const b of ['Install Ollama', 'Pull a Model', 'Set API Key']) assert.equal(await toast.getByRole('button', { name: b }).count(), 1, b);
    await cs.screenshot('chat-ui-first-start-notification');
    await cs.runCommand('Oblix: Open Chat');
    const chat = cs.webview(0);
    await chat.locator('#empty-state-unavailable:not([hidden])').waitFor({ timeout: 60_000 });
    assert.deepEqual(await chat.locator('.step-title').allInnerTexts(), ['Install Ollama', 'Pull a model', 'Or use a cloud model']);
    await cs.screenshot('chat-ui-first-start-view');
    await cs.reload();
    await cs.statusBarItemById('oblix.status').waitFor({ timeout: 60_000 });
    await new Promise((r) => setTimeout(r, 5_000));
    assert.equal(await cs.notification(/Oblix needs a model to answer/).count(), 0, 'only at the very first start');
  });
});
