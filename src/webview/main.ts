// The chat webview's entry: builds the UI once, applies the extension's messages through the
// reducer, and redraws at most once per frame (answers stream in many small deltas).
import type { ToWebview } from './protocol';
import { beginSend, findError, initialState, isBusy, newSessionRequested, queueSend, reduce, selectModel, stopRequested, takeQueued, type ChatState } from './state';
import { vscodeApi } from './vscode-api';
import { h } from './dom';
import { Composer } from './view/composer';
import { EmptyStates } from './view/empty-state';
import { Header } from './view/header';
import { MessageList } from './view/messages';

const vscode = vscodeApi();
let state: ChatState = initialState();

/** How close to the bottom (px) still counts as "at the bottom" for following new content. */
const BOTTOM_SLACK = 32;

const post = vscode.postMessage.bind(vscode);

function send(prompt: string, retryOf?: string): boolean {
  if (isBusy(state) && !retryOf) {
    // An answer streams: the question waits and goes when it ends (one at a time).
    const queued = queueSend(state, prompt);
    if (!queued) return false;
    update(queued);
    return true;
  }
  const result = beginSend(state, prompt, crypto.randomUUID(), retryOf);
  if (!result) return false;
  post(result.post);
  update(result.state, true);
  composer.focus();
  return true;
}

const header = new Header({
  post,
  selectModel(model) {
    const result = selectModel(state, model);
    post(result.post);
    update(result.state);
  },
  newSession() {
    const result = newSessionRequested(state);
    post(result.post);
    update(result.state, true);
  },
  dismissModelNotice: () => update({ ...state, modelNotice: null }),
});
const emptyStates = new EmptyStates(post);
const messages = new MessageList({
  post,
  retry(errorEntryId) {
    const entry = findError(state, errorEntryId);
    if (entry) send(entry.prompt, entry.id);
    else composer.focus(); // the entry's button is gone; keep keyboard users somewhere useful
  },
});
function stop(): void {
  const result = stopRequested(state);
  if (!result) return;
  post(result.post);
  update(result.state);
}

const composer = new Composer(
  {
    send: (text) => send(text),
    stop,
    unqueue() {
      const taken = takeQueued(state);
      if (!taken) return;
      update({ ...taken.state, prefill: { text: taken.prompt, seq: (state.prefill?.seq ?? 0) + 1 } });
    },
    draftChanged: (draft) => vscode.setState({ draft }),
  },
  vscode.getState()?.draft ?? '',
);

const scroller = h('main', { class: 'scroll-area', id: 'scroll-area' }, emptyStates.el, messages.el);
const app = document.getElementById('app') ?? document.body.appendChild(h('div', { id: 'app' }));
app.classList.add('chat');
app.replaceChildren(header.el, scroller, composer.el);

let frame: number | null = null;
let scrollToEnd = false;

/** Takes the new state and schedules one redraw for however many updates arrive before it. */
function update(next: ChatState, forceScroll = false): void {
  state = next;
  scrollToEnd ||= forceScroll;
  frame ??= requestAnimationFrame(render);
}

function render(): void {
  frame = null;
  // The answer ended: the question that waited for it goes now.
  const waiting = !isBusy(state) ? takeQueued(state) : null;
  if (waiting) {
    state = waiting.state;
    const result = beginSend(state, waiting.prompt, crypto.randomUUID());
    if (result) {
      post(result.post);
      state = result.state;
      scrollToEnd = true;
    }
  }
  // Measured before the DOM grows: follow new content only if the reader was already at the end.
  const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= BOTTOM_SLACK;
  header.update(state);
  emptyStates.update(state);
  messages.update(state.entries);
  composer.update(state);
  if (atBottom || scrollToEnd) scroller.scrollTop = scroller.scrollHeight;
  scrollToEnd = false;
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const data = event.data;
  if (typeof data !== 'object' || data === null || typeof (data as { type?: unknown }).type !== 'string') return;
  const message = data as ToWebview;
  // A new session or a full reload of the list starts at its end.
  const jump = message.type === 'state' && message.currentSessionId !== state.currentSessionId;
  update(reduce(state, message), jump || message.type === 'answerStart');
});

// Escape stops the answer wherever the focus is in the view (the composer handles its own).
window.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape' || e.defaultPrevented || !isBusy(state)) return;
  e.preventDefault();
  stop();
});

composer.fit();
render();
post({ type: 'ready' });
composer.focus();
