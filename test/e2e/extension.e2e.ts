// The extension in a real VS Code (code-server) driven by Chromium, with fake upstreams started here:
// the status bar names the local model, the endpoint answers the `openai` SDK, a key set through the
// command is used and is absent from settings.json, cloud-only through the menu changes the status
// bar and the next answer, a session survives a reload. Screenshots: test-artifacts/e2e/ext-*.png.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import OpenAI from 'openai';
import { FakeOllama } from '../fakes/fake-ollama';
import { FakeOpenAI } from '../fakes/fake-openai';
import { REPO_ROOT, startCodeServer, type CodeServer } from './code-server';
import { freePort } from './free-port';
import { eventually } from './eventually';

const KEY = 'sk-e2e-secret-0123456789abcdef';

describe('Oblix extension in code-server', function () {
  this.timeout(300_000);
  const ollama = new FakeOllama();
  const openai = new FakeOpenAI();
  let cs: CodeServer | undefined;
  let workspace = '';
  let port = 0;
  let client: OpenAI;

  before(async function () {
    this.timeout(180_000);
    execFileSync('npm', ['run', 'package'], { cwd: REPO_ROOT, stdio: 'ignore' });
    openai.apiKey = KEY;
    await Promise.all([ollama.start(), openai.start()]);
    port = await freePort();
    client = new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: 'placeholder', maxRetries: 0 });
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'oblix-e2e-ext-'));
    cs = await startCodeServer({
      name: 'ext',
      vsix: path.join(REPO_ROOT, 'oblix.vsix'),
      workspace,
      // Keys come only from the command, not from the test runner's environment.
      env: { OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', OLLAMA_HOST: '' },
      userSettings: {
        'oblix.server.port': port,
        'oblix.ollama.host': ollama.url,
        'oblix.cloud.providers': [{ id: 'openai', kind: 'openai', baseURL: `${openai.url}/v1`, models: ['gpt-4o-mini'], local: false }],
        // The test machine is busy running the test: load-based routing would send everything to the cloud.
        'oblix.routing.maxCpuLoadPct': 101,
      },
    });
  });

  after(async function () {
    this.timeout(60_000);
    await cs?.stop();
    await Promise.all([ollama.stop(), openai.stop()]);
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('shows the local model in the status bar and serves the openai SDK on the endpoint', async () => {
    const item = cs!.statusBarItemById('oblix.status');
    await eventually('the status bar to name the local model', async () => (await item.textContent())?.includes('ollama:llama3.2:latest'), 60_000);
    await cs!.screenshot('ext-1-status-local');
    const res = await client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(res.model, 'auto (selected: ollama:llama3.2:latest)');
    assert.equal(res.choices[0]!.message.content, ollama.reply);
    const stream = await client.chat.completions.stream({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] }).finalChatCompletion();
    assert.equal(stream.choices[0]!.message.content, ollama.reply);
    // VS Code 1.99 has no language model provider API: the extension says so and works without it.
    assert.match(cs!.readExtensionHostLogs(), /This VS Code \(1\.99\.\d+\) has no language model provider API/);
  });

  it('stores a key set through "Oblix: Set API Key" in secret storage, uses it, and keeps it out of settings.json', async () => {
    await cs!.runCommand('Oblix: Set API Key');
    await cs!.quickPick('openai');
    await cs!.inputBox(KEY);
    await cs!.notification(/openai API key is stored/).waitFor({ timeout: 30_000 });
    await cs!.screenshot('ext-2-key-stored');
    await eventually('openai to be usable', async () =>
      ((await fetch(`http://127.0.0.1:${port}/v1/models`).then((r) => r.json())) as { data: { id: string }[] }).data.some((m) => m.id === 'openai:gpt-4o-mini'),
    );
    const res = await client.chat.completions.create({ model: 'openai:gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(res.choices[0]!.message.content, openai.reply);
    const sent = openai.requests.filter((r) => r.path === '/v1/chat/completions').at(-1);
    assert.equal(sent?.headers.authorization, `Bearer ${KEY}`);
    assert.doesNotMatch(cs!.readUserSettings(), new RegExp(KEY));
    assert.doesNotMatch(cs!.readExtensionHostLogs(), new RegExp(KEY), 'the key never reaches a log');
  });

  it('switches to cloud-only through the status bar menu: the status bar and the next answer change', async () => {
    const rebuilds = (): number => cs!.readExtensionHostLogs().split('Loaded settings (').length - 1;
    const before = rebuilds();
    await cs!.statusBarItemById('oblix.status').click();
    await cs!.quickPick(/Switch Mode/);
    await cs!.quickPick('cloud-only');
    const item = cs!.statusBarItemById('oblix.status');
    await eventually('the status bar to name the cloud model', async () => (await item.textContent())?.includes('openai:gpt-4o-mini'));
    await cs!.screenshot('ext-3-status-cloud-only');
    const { data, response } = await client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    assert.equal(data.model, 'auto (selected: openai:gpt-4o-mini)');
    assert.equal(response.headers.get('x-oblix-route'), 'cloud-only');
    assert.match(cs!.readUserSettings(), /"oblix\.routing\.mode": "cloud-only"/);
    // One settings change, applied once, in place: a new mode needs no new router.
    await eventually('the log line of the mode change', async () => cs!.readExtensionHostLogs().includes('Applied settings (settings changed): mode cloud-only'));
    assert.equal(rebuilds(), before, 'no router was rebuilt for a mode change');
  });

  it('keeps a session across a window reload', async () => {
    const page = cs!.page;
    const sessionRow = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'New session' }).first();
    await cs!.runCommand('Oblix: New Session');
    // The command runs after the palette closes: see the session listed before reloading.
    await eventually('the new session to be listed', async () => {
      await cs!.runCommand('Oblix: Delete Session…');
      const shown = await sessionRow.waitFor({ state: 'visible', timeout: 2_000 }).then(
        () => true,
        () => false,
      );
      await page.keyboard.press('Escape');
      return shown;
    });
    // code-server's web workbench writes extension state to browser storage after a short delay.
    await new Promise((r) => setTimeout(r, 1_000));
    await cs!.reload();
    await eventually('the status bar after the reload', async () => (await cs!.statusBarItemById('oblix.status').textContent())?.includes('openai:gpt-4o-mini'), 60_000);
    await cs!.runCommand('Oblix: Delete Session…');
    await sessionRow.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match((await sessionRow.textContent()) ?? '', /0 messages/);
    await cs!.screenshot('ext-4-session-after-reload');
    await page.keyboard.press('Escape');
    const logs = cs!.readExtensionHostLogs();
    const activated = /Activated in ([\d.]+) ms/.exec(logs);
    if (activated) console.log(`      activate() took ${activated[1]} ms`);
  });
});
