// The first-five-minutes fixes of the chat page (issue 15), in jsdom with the real bundle and the
// real stylesheet: code references as chips, one background per code block, narrow-panel rules,
// queueing and Escape, the session box while the first answer streams, errors in words, the model
// picker's labels and notice, and the guided path when no model can answer.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { buildBundle, closePages, lastSend, open, question, state, type Page } from './page';

/** VS Code's own webview defaults give every <code> the inline-code look (background and padding). */
const VSCODE_DEFAULT_CODE = 'code { background-color: rgb(200, 200, 200); padding: 1px 3px; border-radius: 4px; }';

function withStyles(page: Page): void {
  for (const css of [VSCODE_DEFAULT_CODE, fs.readFileSync('media/chat.css', 'utf8')]) {
    const style = page.document.createElement('style');
    style.textContent = css;
    page.document.head.append(style);
  }
}

const style = (page: Page, el: Element): CSSStyleDeclaration => page.window.getComputedStyle(el);
const transparent = (value: string): boolean => value === 'transparent' || value === 'rgba(0, 0, 0, 0)';

const SELECTION_QUESTION = 'What does this do?\n\nFrom `src/sample.py` (python, lines 1–2):\n```python\ndef add(a, b):\n    return a + b\n```';

describe('chat page: the first five minutes', () => {
  before(async function () {
    this.timeout(30_000);
    await buildBundle();
  });

  afterEach(closePages);

  it('shows a selection as a reference chip (file, lines, language) with the code folded, never raw fences', async () => {
    const page = open();
    await page.receive(state({ messages: [question('0', SELECTION_QUESTION)] }));
    const bubble = page.$('[data-testid=message-user] [data-testid=message-content]');
    assert.equal(bubble.querySelector('.message-text')?.textContent, 'What does this do?');
    const chip = page.$('[data-testid=reference-chip]');
    assert.equal(chip.tagName, 'DETAILS');
    assert.equal((chip as HTMLDetailsElement).open, false, 'the code is folded');
    assert.equal(page.$('[data-testid=reference-file]').textContent, 'sample.py:1-2');
    assert.equal(page.$('[data-testid=reference-lang]').textContent, 'python');
    assert.match(chip.querySelector('summary')?.getAttribute('aria-label') ?? '', /src\/sample\.py, lines 1 to 2, python/);
    assert.equal(page.$('[data-testid=reference-code]').textContent, 'def add(a, b):\n    return a + b');
    assert.doesNotMatch(bubble.textContent ?? '', /```|From `/);
  });

  it('gives a code block one background: no inline-code style inside <pre>', async () => {
    const page = open();
    withStyles(page);
    await page.receive(state({ messages: [question('0', 'Q'), { id: '1', role: 'assistant', content: 'Use `x`:\n\n```python\nprint(1)\nprint(2)\n```', at: '' }] }));
    const blockCode = page.$('.code-block pre code');
    const inline = page.$('.markdown-body p code');
    assert.ok(transparent(style(page, blockCode).backgroundColor), style(page, blockCode).backgroundColor);
    assert.equal(style(page, blockCode).padding, '0px');
    assert.equal(style(page, blockCode).display, 'block');
    assert.ok(!transparent(style(page, inline).backgroundColor), 'inline code keeps its look');
  });

  it('keeps words whole in table cells, wraps long text in messages and the error card', async () => {
    const page = open();
    withStyles(page);
    await page.receive(state({ messages: [question('0', 'Q'), { id: '1', role: 'assistant', content: '| Language | Reader |\n|---|---|\n| Rust | BufReader::lines |', at: '' }] }));
    const cell = page.$('.markdown-body td');
    assert.equal(style(page, cell).getPropertyValue('overflow-wrap'), 'normal');
    const table = page.$('.markdown-body table');
    assert.equal(style(page, table).display, 'block');
    assert.equal(style(page, table).getPropertyValue('overflow-x'), 'auto', 'a wide table scrolls inside itself');
    assert.equal(style(page, page.$('[data-testid=message-assistant]')).getPropertyValue('overflow-wrap'), 'anywhere');

    page.type('Hi');
    await page.pressEnter();
    const send = lastSend(page);
    const long = 'Ollama at http://127.0.0.1:34285/a/very/long/path/without/any/space/at/all could not be reached (ECONNREFUSED): fetch failed';
    await page.receive({ type: 'answerError', requestId: send.requestId, prompt: 'Hi', error: long });
    const card = page.$('[data-testid=chat-error]');
    assert.equal(style(page, card).getPropertyValue('overflow-wrap'), 'anywhere');
    assert.equal(style(page, card).getPropertyValue('min-width'), '0px');
    assert.equal(style(page, page.$('[data-testid=chat-error-text]')).getPropertyValue('min-width'), '0px', 'the flex item may shrink below its text');
  });

  it('keeps the session picker wide enough for its label, and the meta separators at line ends', async () => {
    const page = open();
    withStyles(page);
    await page.receive(
      state({
        messages: [
          question('0', 'Q'),
          {
            id: '1',
            role: 'assistant',
            content: 'A',
            at: '',
            model: 'ollama:llama3.2',
            route: 'local-preferred',
            routeText: 'local model preferred',
            usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
          },
        ],
      }),
    );
    assert.equal(style(page, page.$('#session-select')).getPropertyValue('min-width'), '110px');
    assert.equal(style(page, page.$('.toolbar-sessions')).getPropertyValue('flex-wrap'), 'wrap', 'the buttons go under the picker');
    const css = fs.readFileSync('media/chat.css', 'utf8');
    assert.doesNotMatch(css, /\.meta-item \+ \.meta-item::before/, 'no separator starts an item (a wrapped line would begin with it)');
    assert.match(css, /\.meta-item:not\(:last-child\)::after/);
    assert.equal(style(page, page.$('[data-testid=meta-model]')).getPropertyValue('white-space'), 'nowrap');
    assert.match(page.$('[data-testid=message-meta]').getAttribute('title') ?? '', /Answered by ollama:llama3\.2\nWhy this model/);
  });

  it('queues a question sent while an answer streams and sends it when the answer ends', async () => {
    const page = open();
    await page.receive(state());
    page.type('First');
    await page.pressEnter();
    const first = lastSend(page);
    await page.receive({ type: 'answerStart', requestId: first.requestId, question: question('0', 'First') });
    page.type('Second');
    await page.pressEnter();
    assert.equal(page.posted().filter((m) => m.type === 'send').length, 1, 'not sent yet');
    assert.equal(page.$('#queued-note').hidden, false);
    assert.match(page.$('#queued-note').textContent ?? '', /Sends when this answer ends:\s*Second/);
    page.type('Third');
    await page.pressEnter();
    assert.equal((page.$('#composer-input') as HTMLTextAreaElement).value, 'Third', 'one question waits at a time; the box keeps the text');
    await page.receive({ type: 'answerEnd', requestId: first.requestId, message: { id: '1', role: 'assistant', content: 'Done', at: '' } });
    const second = lastSend(page);
    assert.equal(second.prompt, 'Second');
    assert.notEqual(second.requestId, first.requestId);
    assert.equal(page.$('#queued-note').hidden, true);
    assert.equal(page.$('#send-button').getAttribute('data-mode'), 'stop');
  });

  it('stops the answer with Escape, in the composer or anywhere in the view', async () => {
    const page = open();
    await page.receive(state());
    page.type('Long story');
    await page.pressEnter();
    const send = lastSend(page);
    await page.receive({ type: 'answerStart', requestId: send.requestId, question: question('0', 'Long story') });
    page.$('#composer-input').dispatchEvent(new page.window.KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    assert.deepEqual(page.posted().at(-1), { type: 'stop', requestId: send.requestId });
    assert.equal(page.$('#send-button').getAttribute('title'), 'Stop (Escape)');
    await page.receive({ type: 'answerEnd', requestId: send.requestId, message: { id: '1', role: 'assistant', content: 'Once', at: '', status: 'stopped' } });

    page.type('Again');
    await page.pressEnter();
    const again = lastSend(page);
    await page.receive({ type: 'answerStart', requestId: again.requestId, question: question('2', 'Again') });
    page.document.body.dispatchEvent(new page.window.KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    assert.deepEqual(page.posted().at(-1), { type: 'stop', requestId: again.requestId });
    const stops = page.posted().filter((m) => m.type === 'stop').length;
    page.document.body.dispatchEvent(new page.window.KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    assert.equal(page.posted().filter((m) => m.type === 'stop').length, stops, 'stop is asked once');
  });

  it('names the session box "New session" while the first answer of a new session streams', async () => {
    const page = open();
    await page.receive(state({ sessions: [], currentSessionId: null }));
    const select = page.$('#session-select') as HTMLSelectElement;
    assert.equal(select.selectedOptions[0]?.textContent, 'No sessions yet');
    page.type('Hello');
    await page.pressEnter();
    const send = lastSend(page);
    await page.receive({ type: 'answerStart', requestId: send.requestId, question: question('s9:0', 'Hello') });
    assert.equal(select.selectedOptions[0]?.textContent, 'New session');
    await page.receive(state({ sessions: [{ id: 's9', title: 'Hello', updatedAt: '2025-03-01T00:00:00.000Z', messageCount: 2 }], currentSessionId: 's9' }));
    assert.equal(select.selectedOptions[0]?.textContent, 'Hello');
  });

  it('says "Ollama isn\'t running" with Retry, the technical text behind Show details', async () => {
    const page = open();
    await page.receive(state());
    page.type('Are you there?');
    await page.pressEnter();
    const send = lastSend(page);
    const raw = 'Ollama at http://127.0.0.1:34285 could not be reached (ECONNREFUSED): fetch failed';
    await page.receive({ type: 'answerError', requestId: send.requestId, prompt: 'Are you there?', error: raw });
    assert.equal(page.$('[data-testid=chat-error-text]').textContent, "Ollama isn't running.");
    assert.match(page.$('[data-testid=chat-error-hint]').textContent ?? '', /Start Ollama/);
    assert.equal(page.$('[data-testid=retry-button]').textContent, 'Retry');
    const details = page.$('[data-testid=error-details]') as HTMLDetailsElement;
    assert.equal(details.open, false);
    assert.equal(details.querySelector('summary')?.textContent, 'Show details');
    assert.equal(details.querySelector('code')?.textContent, raw);
  });

  it('every candidate failing with 500: a sentence, the raw text behind Show details, the question kept with Retry, the icon never squeezed', async () => {
    const page = open();
    withStyles(page);
    await page.receive(state());
    page.type('Summarise this file');
    await page.pressEnter();
    const send = lastSend(page);
    await page.receive({ type: 'answerStart', requestId: send.requestId, question: question('0', 'Summarise this file') });
    const raw =
      'Every candidate model failed. ollama:llama3.2: Ollama at http://127.0.0.1:41234 answered 500: Internal Server Error; openai:gpt-4o-mini: OpenAI answered 500: Internal Server Error';
    await page.receive({ type: 'answerError', requestId: send.requestId, prompt: 'Summarise this file', error: raw, code: 'all_candidates_failed' });
    assert.equal(page.$('[data-testid=chat-error-text]').textContent, 'Every model Oblix tried failed to answer.');
    assert.match(page.$('[data-testid=chat-error-hint]').textContent ?? '', /Retry/);
    assert.equal(page.$('[data-testid=error-details] code').textContent, raw);
    assert.equal((page.$('[data-testid=error-details]') as HTMLDetailsElement).open, false);
    assert.equal(page.$('[data-testid=chat-error-prompt]').textContent, 'Summarise this file', 'what the user sent is kept');
    // A flex item shrinks by default: at 200 px the long title took the icon's width (2 px).
    assert.equal(style(page, page.$('.chat-error-message .codicon')).getPropertyValue('flex-shrink'), '0');
    await page.click('[data-testid=retry-button]');
    assert.equal(lastSend(page).prompt, 'Summarise this file');
  });

  it('an answer that broke off part-way says so in words, its code worded, the raw text behind Show details', async () => {
    const page = open();
    withStyles(page);
    await page.receive(
      state({
        messages: [
          question('0', 'Q'),
          { id: '1', role: 'assistant', content: 'Half', at: '', status: 'error', error: 'llama3.2 went silent for 30000 ms', errorCode: 'idle_timeout' },
          question('2', 'Q2'),
          { id: '3', role: 'assistant', content: 'Part', at: '', status: 'error', error: 'socket hang up' },
        ],
      }),
    );
    const [first, second] = page.$$('[data-testid=message-error-text]');
    assert.equal(first?.textContent, 'The model went silent in the middle of its answer.');
    assert.equal(second?.textContent, 'The answer broke off part-way.');
    assert.deepEqual(
      page.$$('[data-testid=error-details] code').map((c) => c.textContent),
      ['llama3.2 went silent for 30000 ms', 'socket hang up'],
    );
    assert.equal(style(page, page.$('.message-error-text .codicon')).getPropertyValue('flex-shrink'), '0');
  });

  it('labels models without ":latest" and says when the picked model goes away', async () => {
    const page = open();
    await page.receive(state({ models: ['auto', 'ollama:qwen2.5-coder:latest', 'ollama:llama3.2:3b'], selectedModel: 'ollama:qwen2.5-coder:latest' }));
    const select = page.$('#model-select') as HTMLSelectElement;
    assert.deepEqual(
      Array.from(select.options).map((o) => o.textContent),
      ['auto (Oblix chooses)', 'ollama:qwen2.5-coder', 'ollama:llama3.2:3b'],
    );
    assert.equal(select.options[1]?.title, 'ollama:qwen2.5-coder:latest');
    assert.equal(page.$('#model-notice').hidden, true);
    await page.receive({ type: 'availability', availability: { canAnswer: true, problems: [], mode: 'auto' }, models: ['auto', 'openai:gpt-4o-mini'] });
    assert.equal(select.value, 'auto');
    assert.equal(page.$('#model-notice').hidden, false);
    assert.equal(page.$('#model-notice').getAttribute('role'), 'status');
    assert.match(page.$('[data-testid=model-notice-text]').textContent ?? '', /ollama:qwen2\.5-coder is no longer available, so Oblix chooses \(auto\)/);
    page.type('Hi');
    await page.pressEnter();
    assert.equal(lastSend(page).model, 'auto');
    await page.click('#dismiss-model-notice');
    assert.equal(page.$('#model-notice').hidden, true);
  });

  it('guides a first start with nothing to answer: install Ollama, pull a model, or set a key', async () => {
    const page = open();
    await page.receive(state({ availability: { canAnswer: false, problems: ['Ollama is not running at http://127.0.0.1:11434.', 'openai has no API key.'], mode: 'auto' } }));
    assert.equal(page.$('#empty-state-unavailable').hidden, false);
    const steps = page.$$('[data-testid=setup-steps] > li');
    assert.deepEqual(
      steps.map((s) => s.querySelector('.step-title')?.textContent),
      ['Install Ollama', 'Pull a model', 'Or use a cloud model'],
    );
    assert.equal((page.$('[data-testid=setup-details]') as HTMLDetailsElement).open, false, 'the details are folded');
    await page.click('#action-install-ollama');
    await page.click('#action-pull-model');
    await page.click('#action-set-api-key');
    assert.deepEqual(page.posted().slice(1), [
      { type: 'runCommand', command: 'oblix.installOllama' },
      { type: 'runCommand', command: 'oblix.pullModel' },
      { type: 'runCommand', command: 'oblix.setApiKey' },
    ]);
    await page.receive(state({ availability: { canAnswer: false, problems: [], mode: 'cloud-only' } }));
    assert.deepEqual(
      steps.map((s) => s.hidden),
      [true, true, false],
      'cloud-only needs only a key',
    );
  });
});
