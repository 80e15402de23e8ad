// The chat page itself: the real webview bundle run in jsdom, driven by the extension's messages
// and by clicks and keys. Pins the selectors the E2E tests use.
import assert from 'node:assert/strict';
import { buildBundle, closePages, lastSend, open, question, state } from './page';
describe('chat view page', () => {
  before(async function () {
    this.timeout(30_000);
    await buildBundle();
  });

  afterEach(closePages);

  it('posts ready and lays out the labelled controls', () => {
    const page = open();
    assert.deepEqual(page.posted(), [{ type: 'ready' }]);
    assert.equal(page.$('#message-list').getAttribute('role'), 'log');
    assert.equal(page.$('#message-list').getAttribute('aria-live'), 'polite');
    for (const [selector, label] of [
      ['#session-select', 'Session'],
      ['#model-select', 'Model'],
      ['#new-session', 'New session'],
      ['#rename-session', 'Rename session'],
      ['#delete-session', 'Delete session'],
      ['#export-session', 'Export session'],
      ['#composer-input', 'Message Oblix'],
      ['#send-button', 'Send'],
    ] as const) {
      assert.equal(page.$(selector).getAttribute('aria-label'), label, selector);
      assert.equal(page.$(selector).getAttribute('data-testid'), selector.slice(1), selector);
    }
    assert.equal(page.document.querySelector('[style]'), null, 'no inline styles (CSP)');
    assert.equal(page.document.activeElement, page.$('#composer-input'));
  });

  it('restores the draft kept while the view was hidden', () => {
    assert.equal((open('half a question').$('#composer-input') as HTMLTextAreaElement).value, 'half a question');
  });

  it('fills the pickers and posts the session and model actions', async () => {
    const page = open();
    await page.receive(state({ selectedModel: 'openai:gpt-4o-mini' }));
    const sessionSelect = page.$('#session-select') as HTMLSelectElement;
    assert.deepEqual(
      Array.from(sessionSelect.options).map((o) => [o.value, o.text]),
      [
        ['s2', 'Newer'],
        ['s1', 'Older'],
      ],
    );
    assert.equal(sessionSelect.value, 's2');
    const modelSelect = page.$('#model-select') as HTMLSelectElement;
    assert.deepEqual(
      Array.from(modelSelect.options).map((o) => o.value),
      ['auto', 'ollama:llama3.2', 'openai:gpt-4o-mini'],
    );
    assert.equal(modelSelect.value, 'openai:gpt-4o-mini');

    sessionSelect.value = 's1';
    sessionSelect.dispatchEvent(new page.window.Event('change'));
    modelSelect.value = 'ollama:llama3.2';
    modelSelect.dispatchEvent(new page.window.Event('change'));
    await page.click('#rename-session');
    await page.click('#delete-session');
    await page.click('#export-session');
    // A new session has no id until the extension sends it: the session buttons wait for it
    // rather than act on the session shown before.
    await page.click('#new-session');
    await page.click('#rename-session');
    assert.deepEqual(page.posted().slice(1), [
      { type: 'switchSession', sessionId: 's1' },
      { type: 'selectModel', model: 'ollama:llama3.2' },
      { type: 'renameSession', sessionId: 's2' },
      { type: 'deleteSession', sessionId: 's2' },
      { type: 'exportSession', sessionId: 's2' },
      { type: 'newSession' },
    ]);
  });

  it('shows what to do when nothing can answer, with the command buttons', async () => {
    const page = open();
    await page.receive(state({ availability: { canAnswer: false, problems: ['Ollama is not running.', 'No cloud provider has an API key.'], mode: 'local-only' } }));
    assert.equal(page.$('#empty-state-unavailable').hidden, false);
    assert.equal(page.$('#empty-state-welcome').hidden, true);
    assert.deepEqual(
      page.$$('#availability-problems li').map((li) => li.textContent),
      ['Ollama is not running.', 'No cloud provider has an API key.'],
    );
    await page.click('#action-set-api-key');
    await page.click('#action-switch-mode');
    await page.click('#action-show-log');
    assert.deepEqual(page.posted().slice(1), [
      { type: 'runCommand', command: 'oblix.setApiKey' },
      { type: 'runCommand', command: 'oblix.switchMode' },
      { type: 'runCommand', command: 'oblix.showLog' },
    ]);
    await page.receive({ type: 'availability', availability: { canAnswer: true, problems: [], mode: 'auto' }, models: ['ollama:llama3.2'] });
    assert.equal(page.$('#empty-state-unavailable').hidden, true);
    assert.equal(page.$('#empty-state-welcome').hidden, false);
    assert.equal(page.$('[data-testid=welcome-mode]').textContent, 'auto');
  });

  it('sends on Enter, streams the answer into one element, stops, and shows the meta line', async () => {
    const page = open();
    await page.receive(state());
    page.type('line one');
    await page.pressEnter(true); // Shift+Enter: a new line, not a send
    assert.equal(page.posted().length, 1);
    page.type('What is <b>2+2</b>?');
    await page.pressEnter();
    const send = lastSend(page);
    assert.equal(send.prompt, 'What is <b>2+2</b>?');
    assert.equal(send.model, 'auto');
    assert.match(send.requestId, /^[0-9a-f-]{36}$/);
    assert.equal((page.$('#composer-input') as HTMLTextAreaElement).value, '');
    assert.equal(page.document.activeElement, page.$('#composer-input'));
    assert.equal(page.$('#send-button').getAttribute('data-mode'), 'stop');
    assert.equal(page.$('#send-button').getAttribute('aria-label'), 'Stop');
    assert.ok(page.$('#send-button .codicon').classList.contains('codicon-debug-stop'));

    // A second Enter while busy queues the question (it goes when the answer ends); Edit takes it back.
    page.type('next');
    await page.pressEnter();
    assert.equal(page.posted().filter((m) => m.type === 'send').length, 1);
    assert.equal((page.$('#composer-input') as HTMLTextAreaElement).value, '');
    assert.equal(page.$('#queued-note').hidden, false);
    assert.equal(page.$('[data-testid=queued-text]').textContent, 'next');
    await page.click('#unqueue');
    assert.equal((page.$('#composer-input') as HTMLTextAreaElement).value, 'next');
    assert.equal(page.$('#queued-note').hidden, true);

    await page.receive({ type: 'answerStart', requestId: send.requestId, question: question('0', send.prompt) });
    const userMessage = page.$('[data-testid=message-user]');
    assert.equal(userMessage.querySelector('[data-testid=message-content]')?.textContent, 'What is <b>2+2</b>?');
    assert.equal(userMessage.querySelector('b'), null, 'user text is text, not HTML');
    const answer = page.$('[data-testid=message-assistant]');
    assert.equal(answer.getAttribute('data-status'), 'streaming');
    assert.equal(page.$('#message-list').getAttribute('aria-busy'), 'true', 'read out once whole, not per delta');
    await page.receive({
      type: 'answerDelta',
      requestId: send.requestId,
      text: 'It is **4',
      model: 'ollama:llama3.2',
      route: 'local-preferred',
      routeText: 'local model preferred',
    });
    await page.receive({ type: 'answerDelta', requestId: send.requestId, text: '**.', model: 'ollama:llama3.2', route: 'local-preferred', routeText: 'local model preferred' });
    assert.equal(page.$('[data-testid=message-assistant]'), answer, 'the same element is updated');
    assert.equal(answer.querySelector('strong')?.textContent, '4');
    assert.equal(userMessage.isConnected, true);

    await page.click('#send-button');
    assert.deepEqual(page.posted().at(-1), { type: 'stop', requestId: send.requestId });
    await page.receive({
      type: 'answerEnd',
      requestId: send.requestId,
      message: {
        id: '1',
        role: 'assistant',
        content: 'It is **4**.',
        at: '2025-02-01T00:00:02.000Z',
        model: 'ollama:llama3.2',
        route: 'local-preferred',
        routeText: 'local model preferred',
        usage: { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 },
        timeToFirstTokenMs: 250,
        tokensPerSecond: 20,
        status: 'stopped',
      },
    });
    const stored = page.$('[data-testid=message-assistant]');
    assert.equal(stored.getAttribute('data-status'), 'stopped');
    assert.equal(stored.getAttribute('data-entry-id'), '1');
    assert.equal(stored.querySelector('[data-testid=badge-stopped]')?.textContent, 'stopped');
    assert.deepEqual(
      Array.from(stored.querySelectorAll('[data-testid=message-meta] .meta-item')).map((e) => [e.getAttribute('data-testid'), e.textContent]),
      [
        ['meta-model', 'ollama:llama3.2'],
        ['meta-route', 'local model preferred'],
        ['meta-tokens', '4 tokens (13 total)'],
        ['meta-ttft', 'first token 250 ms'],
        ['meta-tps', '20.0 tokens/s'],
      ],
    );
    assert.equal(page.$('#send-button').getAttribute('data-mode'), 'send');
    assert.equal(page.$('#message-list').hasAttribute('aria-busy'), false);
    assert.equal(page.$('#empty-state-welcome').hidden, true);
  });

  it('marks an answer that failed part-way', async () => {
    const page = open();
    await page.receive(state({ messages: [question('0', 'Q'), { id: '1', role: 'assistant', content: 'Half', at: '', status: 'error', error: 'upstream closed' }] }));
    const answer = page.$('[data-testid=message-assistant]');
    assert.equal(answer.getAttribute('data-status'), 'error');
    assert.equal(answer.querySelector('[data-testid=badge-error]')?.textContent, 'error');
    assert.equal(answer.querySelector('[data-testid=message-error-text]')?.textContent, 'The answer broke off part-way.');
    assert.equal(answer.querySelector('[data-testid=error-details] code')?.textContent, 'upstream closed');
    assert.equal(answer.querySelector('[data-testid=message-content]')?.textContent?.trim(), 'Half');
  });

  it('shows an error before any answer inline, and Retry resends the prompt', async () => {
    const page = open();
    await page.receive(state());
    page.type('Hello?');
    await page.pressEnter();
    const first = lastSend(page);
    await page.receive({ type: 'answerStart', requestId: first.requestId, question: question('0', 'Hello?') });
    await page.receive({ type: 'answerError', requestId: first.requestId, prompt: 'Hello?', error: 'No model can answer.' });
    assert.equal(page.$$('[data-testid=message-user]').length, 0, 'the unstored question is gone');
    assert.equal(page.$('[data-testid=chat-error-text]').textContent, 'No model can answer yet.');
    assert.equal(page.$('[data-testid=error-details] code').textContent, 'No model can answer.');
    assert.equal(page.$('[data-testid=chat-error-prompt]').textContent, 'Hello?');
    assert.equal(page.$('[data-testid=retry-button]').getAttribute('aria-label'), 'Retry');
    await page.click('[data-testid=retry-button]');
    const retry = lastSend(page);
    assert.equal(retry.prompt, 'Hello?');
    assert.notEqual(retry.requestId, first.requestId);
    assert.equal(page.$$('[data-testid=chat-error]').length, 0);
    assert.equal(page.document.activeElement, page.$('#composer-input'));
  });

  it('posts the raw code of a block from its buttons', async () => {
    const page = open();
    const code = 'if (a < b && c) {\n  print("<x>");\n}\n';
    await page.receive(
      state({ messages: [question('0', 'Q'), { id: '1', role: 'assistant', content: `One:\n\n\`\`\`js\n${code}\`\`\`\n\nTwo:\n\n\`\`\`py\nprint(1)\n\`\`\``, at: '' }] }),
    );
    const blocks = page.$$('[data-testid=message-assistant] .code-block');
    assert.equal(blocks.length, 2);
    assert.ok(blocks[0]?.querySelector('code.hljs.language-js .hljs-keyword'));
    await page.click('.code-block[data-code-index="0"] [data-testid=code-copy]');
    await page.click('.code-block[data-code-index="0"] [data-testid=code-insert]');
    await page.click('.code-block[data-code-index="1"] [data-testid=code-open]');
    assert.deepEqual(page.posted().slice(1), [
      { type: 'copyCode', code },
      { type: 'insertCode', code },
      { type: 'openCode', code: 'print(1)\n', language: 'python' },
    ]);
  });

  it('puts prefilled text in the composer', async () => {
    const page = open();
    await page.receive(state());
    await page.receive({ type: 'prefill', text: 'Explain this code' });
    assert.equal((page.$('#composer-input') as HTMLTextAreaElement).value, 'Explain this code');
    assert.equal(page.document.activeElement, page.$('#composer-input'));
  });
});
