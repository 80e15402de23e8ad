// The chat view in a real VS Code (code-server) with a fake Ollama: send and see the streamed answer
// with its model; stop a slow answer; switch sessions; reload and find the history; Ask Oblix with a
// selection; an error inline with Retry and the no-model empty state. Screenshots in dark and light
// themes: test-artifacts/e2e/chat-*.png.
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { FakeOllama } from '../fakes/fake-ollama';
import type { CodeServer } from './code-server';
import { packageExtension, startOllamaOnly, type OllamaOnly } from './ollama-only';

describe('Oblix chat view in code-server', function () {
  this.timeout(300_000);
  const ollama = new FakeOllama();
  const REPLY = 'Here is an answer with `code`:\n\n```python\nprint("hi")\n```\n';
  let cs: CodeServer;
  let setup: OllamaOnly | undefined;
  let chat: FrameLocator;
  let ollamaPort = 0;

  const openChat = async (): Promise<FrameLocator> => {
    // The extension's contributions are registered once its status bar item shows.
    await cs.statusBarItemById('oblix.status').waitFor({ timeout: 60_000 });
    // Right after a window reload the workbench may still be restoring its editor area, which can
    // take the palette's click from under it: one more try then (the command itself is not at fault).
    await cs.runCommand('Oblix: Open Chat').catch(async () => {
      await cs.page.keyboard.press('Escape');
      await cs.runCommand('Oblix: Open Chat');
    });
    const frame = cs.webview(0);
    await frame.locator('#composer-input').waitFor({ state: 'visible', timeout: 60_000 });
    return frame;
  };
  const send = async (text: string): Promise<void> => {
    await chat.locator('#composer-input').fill(text);
    await chat.locator('#composer-input').press('Enter');
  };
  const lastAnswer = () => chat.locator('[data-testid=message-assistant]').last();

  before(async function () {
    this.timeout(180_000);
    packageExtension();
    ollama.reply = REPLY;
    ollamaPort = Number(new URL(await ollama.start()).port);
    setup = await startOllamaOnly({ name: 'chat', ollama, files: { 'sample.py': 'def add(a, b):\n    return a + b\n' } });
    cs = setup.cs;
  });

  after(async function () {
    this.timeout(60_000);
    await setup?.stop();
  });

  it('sends a message and shows the streamed answer with its model, reason and tokens', async () => {
    chat = await openChat();
    await send('Hello there');
    const answer = lastAnswer();
    await answer.and(chat.locator('[data-status=done]')).waitFor({ timeout: 30_000 });
    assert.match((await answer.locator('[data-testid=message-content]').innerText()).trim(), /Here is an answer with code/);
    assert.equal(await answer.locator('pre code.hljs').count(), 1, 'the code block is highlighted');
    assert.match(await answer.locator('[data-testid=meta-model]').innerText(), /ollama:llama3\.2:latest/);
    assert.match(await answer.locator('[data-testid=meta-route]').innerText(), /easy chat, so a small model/); // 'Hello there' under the default prefer: balanced
    assert.match(await answer.locator('[data-testid=meta-tokens]').innerText(), /tokens/);
    await cs.screenshot('chat-1-answer-dark');
  });

  it('stops a slow answer mid-way and keeps its partial text, marked stopped', async () => {
    ollama.reply = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    ollama.faults = { tokenDelayMs: 150 };
    const abortedBefore = ollama.aborted;
    await send('Tell me a long story');
    const answer = lastAnswer();
    await answer.locator('[data-testid=message-content]', { hasText: 'word3' }).waitFor({ timeout: 30_000 });
    await chat.locator('#send-button[data-mode=stop]').click();
    await answer.and(chat.locator('[data-status=stopped]')).waitFor({ timeout: 30_000 });
    const partial = await answer.locator('[data-testid=message-content]').innerText();
    assert.match(partial, /word3/);
    assert.doesNotMatch(partial, /word59/);
    assert.equal(await answer.locator('[data-testid=badge-stopped]').count(), 1);
    const until = Date.now() + 5_000;
    while (ollama.aborted === abortedBefore && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    assert.ok(ollama.aborted > abortedBefore, 'Stop closed the upstream generation');
    await cs.screenshot('chat-2-stopped');
    ollama.faults = {};
    ollama.reply = REPLY;
  });

  it('switches sessions, and finds the history after a window reload', async () => {
    const firstSession = await chat.locator('#session-select').inputValue();
    await chat.locator('#new-session').click();
    await chat.locator('#empty-state-welcome:not([hidden])').waitFor({ timeout: 15_000 });
    await send('Second session question');
    await lastAnswer().and(chat.locator('[data-status=done]')).waitFor({ timeout: 30_000 });
    await chat.locator('#session-select').selectOption(firstSession);
    await chat.locator('[data-testid=message-user]', { hasText: 'Hello there' }).waitFor({ timeout: 15_000 });
    assert.equal(await chat.locator('[data-testid=message-user]', { hasText: 'Second session question' }).count(), 0);
    await new Promise((r) => setTimeout(r, 1_000)); // the web workbench writes state after a short delay
    await cs.reload();
    chat = await openChat();
    await chat.locator('[data-testid=message-user]', { hasText: 'Hello there' }).waitFor({ timeout: 30_000 });
    await chat.locator('[data-testid=message-assistant][data-status=stopped]').waitFor({ timeout: 15_000 });
    assert.equal(await chat.locator('#session-select option').count(), 2);
    await cs.screenshot('chat-3-after-reload');
  });

  it('Ask Oblix About Selection shows the code as a reference chip and answers in the view', async () => {
    await cs.runCommand('View: Show Explorer');
    await cs.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'sample.py' }).click();
    const editor = cs.page.locator('.monaco-editor[data-uri$="sample.py"]').first();
    await editor.waitFor({ timeout: 30_000 });
    await editor.click();
    await cs.page.keyboard.press('Control+A');
    await cs.runCommand('Oblix: Ask Oblix About Selection');
    await cs.inputBox('What does this do?');
    chat = cs.webview(0);
    const question = chat.locator('[data-testid=message-user]', { hasText: 'What does this do?' });
    await question.waitFor({ timeout: 30_000 });
    // The code is a reference chip (file, lines, language), folded; the model still receives it.
    assert.equal(await question.locator('[data-testid=reference-file]').innerText(), 'sample.py:1-2');
    assert.equal(await question.locator('[data-testid=reference-lang]').innerText(), 'python');
    assert.doesNotMatch(await question.innerText(), /```/);
    assert.match((await question.locator('[data-testid=reference-code]').textContent()) ?? '', /def add\(a, b\)/);
    await lastAnswer().and(chat.locator('[data-status=done]')).waitFor({ timeout: 30_000 });
    await cs.screenshot('chat-4-ask-selection');
  });

  it('shows a light theme', async () => {
    await cs.runCommand('Preferences: Color Theme');
    await cs.quickPick('Light Modern');
    await cs.page.locator('.monaco-workbench.vs').first().waitFor({ timeout: 30_000 });
    await new Promise((r) => setTimeout(r, 1_000));
    await cs.screenshot('chat-5-light');
  });

  it('shows an error inline with Retry, then the no-model empty state, when Ollama is gone', async () => {
    await ollama.stop();
    await chat.locator('#new-session').click();
    await send('Are you there?');
    const error = chat.locator('[data-testid=chat-error]');
    await error.waitFor({ timeout: 30_000 }).catch(async (e) => {
      await cs.screenshot('chat-6-no-error-shown');
      throw e;
    });
    assert.match(await error.locator('[data-testid=chat-error-text]').innerText(), /Ollama/);
    assert.equal(await error.locator('[data-testid=retry-button]').count(), 1);
    await cs.screenshot('chat-6-error-retry-light');
    const empty = chat.locator('#empty-state-unavailable:not([hidden])');
    await empty.waitFor({ timeout: 30_000 });
    assert.match((await empty.locator('#availability-problems').textContent()) ?? '', /Ollama is not running/);
    for (const id of ['#action-install-ollama', '#action-pull-model', '#action-set-api-key']) assert.equal(await empty.locator(id).count(), 1, id);
    await cs.screenshot('chat-7-empty-state-light');
  });

  it('leaves the no-model state by itself when Ollama starts again (the view follows the provider state)', async () => {
    await ollama.start(ollamaPort);
    // No click, no new question: the core's change event reaches the view.
    await chat.locator('#empty-state-unavailable').waitFor({ state: 'hidden', timeout: 60_000 });
    await send('Back again?');
    await lastAnswer().and(chat.locator('[data-status=done]')).waitFor({ timeout: 30_000 });
    await cs.screenshot('chat-8-ollama-back');
  });
});
