// Consent for the editor's own models in a real VS Code 1.104 (code-server 4.104): the stand-in's model
// requires authorization as Copilot's do, so VS Code itself shows its modal "wants to access the
// language models" dialog the first time Oblix sends it a request. Refused: Oblix's chat view says so
// in words, and the next question passes the model over without asking again. After a window reload
// VS Code asks again; allowed: the stand-in answers, and VS Code does not ask again.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { ARTIFACTS_DIR, type CodeServer } from '../e2e/code-server';
import { STANDIN_MODEL, startWithStandIn, type StandInRun } from './standin-run';

describe("Consent for the editor's own models in VS Code 1.104", function () {
  this.timeout(300_000);
  let run: StandInRun | undefined;
  let cs: CodeServer;
  let chat: FrameLocator;
  const dialog = (): Locator => cs.page.locator('.monaco-dialog-box');

  const openChat = async (): Promise<void> => {
    // Right after a window reload the workbench may still be restoring its editor area, which can
    // take the palette from under it: one more try then (as test/e2e/chat.e2e.ts does).
    await cs.runCommand('Oblix: Open Chat').catch(async () => {
      await cs.page.keyboard.press('Escape');
      await cs.runCommand('Oblix: Open Chat');
    });
    chat = cs.webview(0);
    await chat.locator('#composer-input').waitFor({ state: 'visible', timeout: 60_000 });
  };
  const send = async (text: string): Promise<void> => {
    await chat.locator('#composer-input').fill(text);
    await chat.locator('#composer-input').press('Enter');
  };

  /** The error's technical text, behind "Show details"; saved to test-artifacts/e2e for reading. */
  const details = async (error: Locator): Promise<string> => {
    await error.locator('[data-testid=error-details] summary').click();
    const text = await error.locator('[data-testid=error-details] code').innerText();
    fs.appendFileSync(path.join(ARTIFACTS_DIR, 'editor-consent-errors.txt'), `${text}\n\n`);
    return text;
  };

  before(async function () {
    this.timeout(240_000);
    run = await startWithStandIn({ name: 'editor-consent', env: { OBLIX_STANDIN_CONSENT: '1' } });
    cs = run.cs;
  });

  after(async function () {
    this.timeout(60_000);
    await run?.stop();
  });

  it('asks once; refused, the chat view says so in words, and the next question does not ask again', async () => {
    await openChat();
    await send('First question');
    await dialog().waitFor({ timeout: 60_000 });
    const asked = await dialog().innerText();
    fs.writeFileSync(path.join(ARTIFACTS_DIR, 'editor-consent-dialog.txt'), `${asked}\n`);
    await cs.screenshot('editor-consent-1-dialog');
    assert.match(asked, /Oblix/);
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    const error = chat.locator('[data-testid=chat-error]').last();
    await error.waitFor({ timeout: 60_000 });
    await cs.screenshot('editor-consent-2-refused');
    assert.equal(await error.locator('[data-testid=chat-error-text]').innerText(), 'You did not allow Oblix to use that editor model.');
    assert.match(await details(error), /You did not allow Oblix to use vscode:standin\/fast-1 \(VS Code asked for consent\)/);
    assert.equal(run!.requests().length, 0, 'refused: the stand-in got nothing');

    const errorsBefore = await chat.locator('[data-testid=chat-error]').count();
    await send('Second question');
    // Were VS Code asking again, the request would wait on its dialog and no second error would come.
    await chat.locator('[data-testid=chat-error]').nth(errorsBefore).waitFor({ timeout: 60_000 });
    const second = chat.locator('[data-testid=chat-error]').nth(errorsBefore);
    await cs.screenshot('editor-consent-3-passed-over');
    assert.equal(await dialog().count(), 0, 'not asked again');
    // Nothing else can answer (Ollama is stopped): the title says that, the details name the refusal too.
    assert.equal(await second.locator('[data-testid=chat-error-text]').innerText(), "Ollama isn't running.");
    assert.match(await details(second), /You did not allow Oblix to use vscode:standin\/fast-1/);
    assert.equal(run!.requests().length, 0);
  });

  it('after a window reload VS Code asks again; allowed, the stand-in answers and is not asked about again', async () => {
    await cs.reload();
    await cs.statusBarItemById('oblix.status').waitFor({ timeout: 60_000 });
    await openChat();
    await chat.locator('#new-session').click();
    await send('Third question');
    await dialog().waitFor({ timeout: 60_000 });
    await dialog().getByRole('button', { name: 'Allow' }).click();
    const answers = chat.locator('[data-testid=message-assistant]');
    await answers.nth(0).and(chat.locator('[data-status=done]')).waitFor({ timeout: 60_000 });
    await cs.screenshot('editor-consent-4-allowed');
    assert.equal((await answers.nth(0).locator('[data-testid=message-content]').innerText()).trim(), 'Stand-in answer.');
    assert.equal((await answers.nth(0).locator('[data-testid=meta-model]').innerText()).trim(), STANDIN_MODEL);
    assert.equal(run!.requests().length, 1);

    await send('Fourth question');
    await answers.nth(1).and(chat.locator('[data-status=done]')).waitFor({ timeout: 60_000 });
    assert.equal(await dialog().count(), 0, 'not asked again');
    assert.equal((await answers.nth(1).locator('[data-testid=meta-model]').innerText()).trim(), STANDIN_MODEL);
    assert.equal(run!.requests().length, 2);
    assert.match(run!.requests()[1]!, /Fourth question/);
  });
});
