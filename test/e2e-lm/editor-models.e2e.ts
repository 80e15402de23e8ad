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
import * as fs from 'node:fs';
import * as path from 'node:path';
import OpenAI from 'openai';
import type { FrameLocator } from 'playwright-core';
import { ARTIFACTS_DIR, type CodeServer } from '../e2e/code-server';
import { STANDIN_MODEL, eventually, startWithStandIn, type StandInRun } from './standin-run';

interface StandInOut {
  steps: string[];
  error?: string;
  auto?: string;
  execute?: { response: string; model: string; route: string; status?: string; error?: string };
}

describe("The editor's own models as candidates in VS Code 1.104", function () {
  this.timeout(300_000);
  let run: StandInRun | undefined;
  let cs: CodeServer | undefined;
  const standInRequests = (): string[] => run!.requests();
  const client = (): OpenAI => new OpenAI({ baseURL: `http://127.0.0.1:${run!.port}/v1`, apiKey: 'unused', maxRetries: 0 });

  before(async function () {
    this.timeout(240_000);
    run = await startWithStandIn({ name: 'editor-models' });
    cs = run.cs;
  });

  after(async function () {
    this.timeout(60_000);
    await run?.stop();
  });

  it('Oblix Auto and execute() answer from the stand-in and name it', async () => {
    await cs!.runCommand('Oblix Stand-in: Ask Oblix From The Stand-in');
    const out = await eventually<StandInOut>(
      'the stand-in to write its result',
      () => (fs.existsSync(run!.outFile) ? (JSON.parse(fs.readFileSync(run!.outFile, 'utf8')) as StandInOut) : null),
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
    // The note's last words: VS Code renders a response word by word, so its start is not its end.
    await response
      .filter({ hasText: /shows how it was chosen/ })
      .waitFor({ timeout: 90_000 })
      .catch(async (err: Error) => {
        await cs!.screenshot('editor-models-3-chat-no-answer');
        throw err;
      });
    await cs!.screenshot('editor-models-3-chat-participant');
    const text = await response.innerText();
    fs.writeFileSync(path.join(ARTIFACTS_DIR, 'editor-models-participant.txt'), `${text}\n`);
    assert.match(text, /Stand-in answer\./);
    assert.match(text, /Answered by vscode:standin\/fast-1 — no small model can serve, so a strong one \(no-small-model\)\./);
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
