// Proves the e2e infrastructure without any Oblix feature: code-server starts (no VSIX), Chromium
// shows the workbench with the folder open, a command runs from the palette (the terminal, whose shell
// answers through code-server's native node-pty), and the user settings file is where it should be.
// Run: npm run e2e:install && npm run test:e2e
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCodeServer, type CodeServer } from './code-server';

describe('e2e infrastructure: code-server + Chromium (no extension)', function () {
  this.timeout(180_000);
  let cs: CodeServer | undefined;
  let workspace: string | undefined;

  after(async function () {
    this.timeout(60_000);
    await cs?.stop();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('opens the workbench on a folder and runs "View: Toggle Terminal" from the palette', async () => {
    const t0 = Date.now();
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'oblix-e2e-ws-'));
    fs.writeFileSync(path.join(workspace, 'hello-oblix.txt'), 'hello\n');
    cs = await startCodeServer({
      name: 'smoke',
      workspace,
      userSettings: { 'oblix.e2e.marker': 'smoke' },
      env: { OBLIX_E2E: '1' },
    });
    const { page } = cs;
    console.log(`      code-server listening after ${cs.timings.codeServerMs} ms, workbench after ${cs.timings.workbenchMs} ms more`);

    assert.equal(await page.locator('.monaco-workbench').first().isVisible(), true);
    // The folder is open: its file shows in the explorer.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'hello-oblix.txt' }).waitFor({ state: 'visible', timeout: 30_000 });
    await cs.screenshot('smoke-1-workbench');

    await cs.runCommand('View: Toggle Terminal');
    const terminal = page.locator('.terminal-wrapper .xterm').first();
    await terminal.waitFor({ state: 'visible', timeout: 30_000 });
    // A shell really runs behind it: what it prints shows in the panel. Click first: keys typed
    // before the terminal has focus go to whatever had it (the explorer, here).
    await terminal.click({ timeout: 10_000 });
    await page.locator('.terminal-wrapper textarea.xterm-helper-textarea:focus').waitFor({ timeout: 10_000 });
    await page.keyboard.type('echo OBLIX_$((6*7))\n');
    await page.locator('.terminal-wrapper .xterm-rows', { hasText: 'OBLIX_42' }).waitFor({ timeout: 30_000 });
    await cs.screenshot('smoke-2-terminal');

    assert.match(cs.readUserSettings(), /"oblix\.e2e\.marker": "smoke"/);
    console.log(`      whole test ${Date.now() - t0} ms`);
  });
});
