// The chat view's reducer and the webview's own actions, without a DOM.
import assert from 'node:assert/strict';
import type { Availability, ChatMessageView, ToWebview } from '../../src/webview/protocol';
import {
  beginSend,
  entryId,
  findError,
  initialState,
  isBusy,
  modelOptions,
  newSessionRequested,
  pendingId,
  reduce,
  selectModel,
  sessionsNewestFirst,
  stopRequested,
  type ChatState,
} from '../../src/webview/state';

const ready: Availability = { canAnswer: true, problems: [], mode: 'auto' };

function user(id: string, content: string): ChatMessageView {
  return { id, role: 'user', content, at: '2025-01-01T00:00:00.000Z' };
}

function assistant(id: string, content: string, extra: Partial<ChatMessageView> = {}): ChatMessageView {
  return { id, role: 'assistant', content, at: '2025-01-01T00:00:01.000Z', ...extra };
}

function stateMessage(overrides: Partial<Extract<ToWebview, { type: 'state' }>> = {}): ToWebview {
  return {
    type: 'state',
    sessions: [{ id: 's1', title: 'First', updatedAt: '2025-01-01T00:00:00.000Z', messageCount: 0 }],
    currentSessionId: 's1',
    messages: [],
    models: ['ollama:llama3.2', 'openai:gpt-4o-mini'],
    selectedModel: 'auto',
    availability: ready,
    ...overrides,
  };
}

function apply(state: ChatState, ...messages: ToWebview[]): ChatState {
  return messages.reduce(reduce, state);
}

function loaded(overrides: Partial<Extract<ToWebview, { type: 'state' }>> = {}): ChatState {
  return reduce(initialState(), stateMessage(overrides));
}

/** Sends `prompt` as the UI would and returns the state after the extension's answerStart. */
function sendAndStart(state: ChatState, prompt: string, requestId: string, questionId: string): ChatState {
  const sent = beginSend(state, prompt, requestId);
  assert.ok(sent, 'send accepted');
  return reduce(sent.state, { type: 'answerStart', requestId, question: user(questionId, prompt) });
}

function ids(state: ChatState): string[] {
  return state.entries.map(entryId);
}

describe('chat state', () => {
  describe('state', () => {
    it('replaces everything with what the extension sent', () => {
      const state = loaded({ messages: [user('0', 'Hi'), assistant('1', 'Hello')], selectedModel: 'ollama:llama3.2' });
      assert.equal(state.loaded, true);
      assert.equal(state.currentSessionId, 's1');
      assert.deepEqual(ids(state), ['0', '1']);
      assert.equal(state.selectedModel, 'ollama:llama3.2');
      assert.deepEqual(state.models, ['ollama:llama3.2', 'openai:gpt-4o-mini']);
      assert.equal(isBusy(state), false);

      const other = reduce(state, stateMessage({ currentSessionId: 's2', messages: [user('0', 'Other')] }));
      assert.deepEqual(
        other.entries.map((e) => (e.kind === 'message' ? e.message.content : e.error)),
        ['Other'],
      );
    });

    it('keeps the answer streaming and inline errors when the same session is sent again', () => {
      let state = loaded();
      state = sendAndStart(state, 'Fails', 'r0', '0');
      state = reduce(state, { type: 'answerError', requestId: 'r0', prompt: 'Fails', error: 'boom' });
      state = sendAndStart(state, 'Q', 'r1', '0');
      state = reduce(state, { type: 'answerDelta', requestId: 'r1', text: 'par', model: 'm', route: 'explicit', routeText: 'chosen by you' });
      // The extension stored the question and re-sent the session (e.g. its title changed).
      state = reduce(state, stateMessage({ messages: [user('0', 'Q')] }));
      assert.deepEqual(ids(state), ['0', 'error:r0', pendingId('r1')]);
      state = reduce(state, { type: 'answerDelta', requestId: 'r1', text: 'tial', model: 'm', route: 'explicit', routeText: 'chosen by you' });
      const pending = state.entries.at(-1);
      assert.ok(pending?.kind === 'message');
      assert.equal(pending.message.content, 'partial');
    });

    it('adopts the session a first request created', () => {
      let state = loaded({ sessions: [], currentSessionId: null });
      state = sendAndStart(state, 'First question', 'r1', '0');
      state = reduce(state, stateMessage({ currentSessionId: 'new', messages: [] }));
      assert.deepEqual(ids(state), ['0', pendingId('r1')]);
      state = reduce(state, { type: 'answerEnd', requestId: 'r1', message: assistant('1', 'Answer') });
      assert.deepEqual(ids(state), ['0', '1']);
    });

    it('keeps the error of a first request whose failed send created the session', () => {
      let state = loaded({ sessions: [], currentSessionId: null });
      state = sendAndStart(state, 'Hi', 'r1', 'new:0');
      state = reduce(state, { type: 'answerError', requestId: 'r1', prompt: 'Hi', error: 'No model can answer.' });
      state = reduce(state, stateMessage({ currentSessionId: 'new', messages: [] }));
      assert.deepEqual(ids(state), ['error:r1']);
    });
  });

  describe('availability', () => {
    it('replaces availability and models only', () => {
      const state = loaded({ messages: [user('0', 'Hi')] });
      const down: Availability = { canAnswer: false, problems: ['Ollama is not running.'], mode: 'local-only' };
      const next = reduce(state, { type: 'availability', availability: down, models: [] });
      assert.deepEqual(next.availability, down);
      assert.deepEqual(next.models, []);
      assert.deepEqual(ids(next), ['0']);
      assert.equal(next.selectedModel, 'auto');
    });
  });

  describe('a request', () => {
    it('posts send with the selected model and turns busy', () => {
      const state = selectModel(loaded(), 'openai:gpt-4o-mini');
      assert.deepEqual(state.post, { type: 'selectModel', model: 'openai:gpt-4o-mini' });
      const sent = beginSend(state.state, 'Hello', 'r1');
      assert.ok(sent);
      assert.deepEqual(sent.post, { type: 'send', requestId: 'r1', prompt: 'Hello', model: 'openai:gpt-4o-mini' });
      assert.equal(isBusy(sent.state), true);
    });

    it('refuses a blank prompt', () => {
      assert.equal(beginSend(loaded(), '  \n', 'r1'), null);
    });

    it('allows one request at a time', () => {
      const sent = beginSend(loaded(), 'One', 'r1');
      assert.ok(sent);
      assert.equal(beginSend(sent.state, 'Two', 'r2'), null);
      const started = reduce(sent.state, { type: 'answerStart', requestId: 'r1', question: user('0', 'One') });
      assert.equal(beginSend(started, 'Two', 'r2'), null);
      const ended = reduce(started, { type: 'answerEnd', requestId: 'r1', message: assistant('1', 'Done') });
      assert.equal(isBusy(ended), false);
      assert.ok(beginSend(ended, 'Two', 'r2'));
    });

    it('answerStart shows the question and an empty answer in progress', () => {
      const state = sendAndStart(loaded({ messages: [user('0', 'Before'), assistant('1', 'Reply')] }), 'Q', 'r1', '2');
      assert.deepEqual(ids(state), ['0', '1', '2', pendingId('r1')]);
      const pending = state.entries.at(-1);
      assert.ok(pending?.kind === 'message');
      assert.equal(pending.pending, true);
      assert.equal(pending.message.role, 'assistant');
      assert.equal(pending.message.content, '');
      assert.equal(state.inFlight?.questionId, '2');
    });

    it('answerDelta appends text and sets model and route on the answer in progress only', () => {
      let state = sendAndStart(loaded({ messages: [user('0', 'Before'), assistant('1', 'Reply')] }), 'Q', 'r1', '2');
      const before = state.entries.slice(0, 3);
      state = apply(
        state,
        { type: 'answerDelta', requestId: 'r1', text: 'Hel', model: 'ollama:llama3.2', route: 'local-preferred', routeText: 'local model preferred' },
        { type: 'answerDelta', requestId: 'r1', text: 'lo', model: 'ollama:llama3.2', route: 'local-preferred', routeText: 'local model preferred' },
        { type: 'answerDelta', requestId: 'other', text: 'ignored', model: 'x', route: 'x', routeText: 'x' },
      );
      const pending = state.entries.at(-1);
      assert.ok(pending?.kind === 'message');
      assert.equal(pending.message.content, 'Hello');
      assert.equal(pending.message.model, 'ollama:llama3.2');
      assert.equal(pending.message.route, 'local-preferred');
      assert.equal(pending.message.routeText, 'local model preferred');
      // The other entries are the same objects, so the view redraws only the answer.
      before.forEach((entry, i) => assert.equal(state.entries[i], entry));
    });

    it('answerWaiting tells what the answer waits for until its first token, which replaces it', () => {
      let state = sendAndStart(loaded(), 'Q', 'r1', '0');
      state = reduce(state, { type: 'answerWaiting', requestId: 'r1', text: 'loading qwen2.5-coder:7b, about 6 s' });
      const waiting = state.entries.at(-1);
      assert.ok(waiting?.kind === 'message' && waiting.pending);
      assert.equal(waiting.waiting, 'loading qwen2.5-coder:7b, about 6 s');
      assert.equal(reduce(state, { type: 'answerWaiting', requestId: 'other', text: 'x' }), state);
      state = reduce(state, { type: 'answerDelta', requestId: 'r1', text: 'A', model: 'm', route: 'explicit', routeText: 'chosen by you' });
      const answering = state.entries.at(-1);
      assert.ok(answering?.kind === 'message');
      assert.equal(answering.waiting, undefined);
    });

    it('answerEnd replaces the answer in progress with the stored message', () => {
      let state = sendAndStart(loaded(), 'Q', 'r1', '0');
      state = reduce(state, { type: 'answerDelta', requestId: 'r1', text: 'A', model: 'm', route: 'explicit', routeText: 'chosen by you' });
      const stored = assistant('1', 'Answer', { model: 'm', usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } });
      state = reduce(state, { type: 'answerEnd', requestId: 'r1', message: stored });
      assert.deepEqual(ids(state), ['0', '1']);
      const last = state.entries.at(-1);
      assert.ok(last?.kind === 'message');
      assert.equal(last.pending, false);
      assert.deepEqual(last.message, stored);
      assert.equal(state.inFlight, null);
      assert.equal(isBusy(state), false);
    });

    it('ignores the end of a request that is not in flight', () => {
      const state = sendAndStart(loaded(), 'Q', 'r1', '0');
      assert.equal(reduce(state, { type: 'answerEnd', requestId: 'r9', message: assistant('1', 'x') }), state);
      assert.equal(reduce(state, { type: 'answerError', requestId: 'r9', prompt: 'x', error: 'x' }), state);
    });
  });

  describe('stop', () => {
    it('posts stop once and keeps the partial answer, marked stopped', () => {
      let state = sendAndStart(loaded(), 'Long', 'r1', '0');
      state = reduce(state, { type: 'answerDelta', requestId: 'r1', text: 'Part', model: 'm', route: 'explicit', routeText: 'chosen by you' });
      const stop = stopRequested(state);
      assert.ok(stop);
      assert.deepEqual(stop.post, { type: 'stop', requestId: 'r1' });
      assert.equal(stop.state.inFlight?.stopRequested, true);
      assert.equal(isBusy(stop.state), true, 'busy until the extension ends the answer');
      assert.equal(stopRequested(stop.state), null, 'a second stop is not posted');

      state = reduce(stop.state, { type: 'answerEnd', requestId: 'r1', message: assistant('1', 'Part', { status: 'stopped' }) });
      const last = state.entries.at(-1);
      assert.ok(last?.kind === 'message');
      assert.equal(last.message.status, 'stopped');
      assert.equal(last.message.content, 'Part');
      assert.equal(isBusy(state), false);
    });

    it('has nothing to stop when idle', () => {
      assert.equal(stopRequested(loaded()), null);
    });

    it('keeps a failure part-way as an answer marked error', () => {
      let state = sendAndStart(loaded(), 'Q', 'r1', '0');
      state = reduce(state, { type: 'answerEnd', requestId: 'r1', message: assistant('1', 'Half', { status: 'error', error: 'upstream closed' }) });
      const last = state.entries.at(-1);
      assert.ok(last?.kind === 'message');
      assert.equal(last.message.status, 'error');
      assert.equal(last.message.error, 'upstream closed');
    });
  });

  describe('answerError and Retry', () => {
    it('drops the answer in progress and the unstored question, and keeps an error entry with the prompt', () => {
      let state = sendAndStart(loaded({ messages: [user('0', 'Earlier'), assistant('1', 'Reply')] }), 'Why?', 'r1', '2');
      state = reduce(state, { type: 'answerError', requestId: 'r1', prompt: 'Why?', error: 'No model can answer.' });
      assert.deepEqual(ids(state), ['0', '1', 'error:r1']);
      const entry = findError(state, 'error:r1');
      assert.ok(entry);
      assert.equal(entry.prompt, 'Why?');
      assert.equal(entry.error, 'No model can answer.');
      assert.equal(isBusy(state), false);
    });

    it('handles an error before answerStart', () => {
      const sent = beginSend(loaded(), 'Q', 'r1');
      assert.ok(sent);
      const state = reduce(sent.state, { type: 'answerError', requestId: 'r1', prompt: 'Q', error: 'bad' });
      assert.deepEqual(ids(state), ['error:r1']);
    });

    it('Retry resends the same prompt and replaces the error entry', () => {
      let state = sendAndStart(loaded(), 'Again?', 'r1', '0');
      state = reduce(state, { type: 'answerError', requestId: 'r1', prompt: 'Again?', error: 'bad' });
      const entry = findError(state, 'error:r1');
      assert.ok(entry);
      const retry = beginSend(state, entry.prompt, 'r2', entry.id);
      assert.ok(retry);
      assert.deepEqual(retry.post, { type: 'send', requestId: 'r2', prompt: 'Again?', model: 'auto' });
      assert.deepEqual(ids(retry.state), []);
      state = reduce(retry.state, { type: 'answerStart', requestId: 'r2', question: user('0', 'Again?') });
      assert.deepEqual(ids(state), ['0', pendingId('r2')]);
    });

    it('Retry is refused while another request runs', () => {
      let state = sendAndStart(loaded(), 'Q', 'r1', '0');
      state = reduce(state, { type: 'answerError', requestId: 'r1', prompt: 'Q', error: 'bad' });
      const other = beginSend(state, 'Other', 'r2');
      assert.ok(other);
      assert.equal(beginSend(other.state, 'Q', 'r3', 'error:r1'), null);
    });
  });

  describe('a question sent right after New session, before the extension answered it', () => {
    it('belongs to the new session: its error shows inline, with the state that brings the id arriving before or after it', () => {
      for (const stateFirst of [true, false]) {
        const fresh = newSessionRequested(loaded({ messages: [user('0', 'Old question')] }));
        assert.deepEqual(fresh.post, { type: 'newSession' });
        assert.deepEqual(ids(fresh.state), [], 'the new session shows empty at once');
        const sent = beginSend(fresh.state, 'Are you there?', 'r1');
        assert.ok(sent);
        const newSession = stateMessage({ currentSessionId: 's2', messages: [] });
        let state = stateFirst ? reduce(sent.state, newSession) : sent.state;
        state = reduce(state, { type: 'answerStart', requestId: 'r1', question: user('0', 'Are you there?') });
        state = reduce(state, { type: 'answerError', requestId: 'r1', prompt: 'Are you there?', error: 'Ollama is not running.' });
        if (!stateFirst) state = reduce(state, newSession);
        assert.deepEqual(ids(state), ['error:r1'], `state ${stateFirst ? 'before' : 'after'} the answer`);
        assert.equal(state.currentSessionId, 's2');
        assert.equal(isBusy(state), false);
      }
    });
  });

  describe('an answer the user switched away from', () => {
    it('is not shown in the other session, and still ends the request', () => {
      let state = sendAndStart(loaded(), 'Q', 'r1', '0');
      state = reduce(state, stateMessage({ currentSessionId: 's2', messages: [user('0', 'Other session')] }));
      state = reduce(state, { type: 'answerDelta', requestId: 'r1', text: 'x', model: 'm', route: 'explicit', routeText: '' });
      assert.deepEqual(ids(state), ['0']);
      assert.equal(isBusy(state), true);
      state = reduce(state, { type: 'answerEnd', requestId: 'r1', message: assistant('1', 'x') });
      assert.deepEqual(ids(state), ['0']);
      assert.equal(isBusy(state), false);
    });
  });

  describe('an answer the extension started itself', () => {
    it('is shown and makes the view busy', () => {
      const state = reduce(loaded(), { type: 'answerStart', requestId: 'ext', question: user('0', 'Explain this') });
      assert.equal(isBusy(state), true);
      assert.deepEqual(ids(state), ['0', pendingId('ext')]);
    });
  });

  describe('a page reloaded while an answer streams', () => {
    it('picks the stream up from its next delta, busy and stoppable', () => {
      let state = loaded({ messages: [user('0', 'Earlier'), assistant('1', 'Reply')] });
      state = reduce(state, { type: 'answerDelta', requestId: 'r1', text: 'more', model: 'm', route: 'explicit', routeText: 'chosen by you' });
      assert.equal(isBusy(state), true);
      assert.deepEqual(ids(state), ['0', '1', pendingId('r1')]);
      assert.deepEqual(stopRequested(state)?.post, { type: 'stop', requestId: 'r1' });
      state = reduce(state, { type: 'answerDelta', requestId: 'r1', text: '!', model: 'm', route: 'explicit', routeText: 'chosen by you' });
      state = reduce(state, { type: 'answerEnd', requestId: 'r1', message: assistant('3', 'whole answer more!') });
      assert.deepEqual(ids(state), ['0', '1', '3']);
      assert.equal(isBusy(state), false);
    });
  });

  describe('prefill', () => {
    it('carries the text with a new sequence number each time', () => {
      const once = reduce(loaded(), { type: 'prefill', text: 'Explain' });
      const twice = reduce(once, { type: 'prefill', text: 'Explain' });
      assert.equal(once.prefill?.text, 'Explain');
      assert.notEqual(once.prefill?.seq, twice.prefill?.seq);
    });
  });

  describe('queue (a command asks while an answer streams)', () => {
    it('waits for the answer to end; a second one, or one with nothing streaming, goes to the composer', () => {
      const busy = beginSend(loaded(), 'First', 'r1');
      assert.ok(busy);
      const queued = reduce(busy.state, { type: 'queue', text: 'About this code' });
      assert.equal(queued.queued, 'About this code');
      assert.equal(queued.prefill, null);
      const second = reduce(queued, { type: 'queue', text: 'Another' });
      assert.equal(second.queued, 'About this code');
      assert.equal(second.prefill?.text, 'Another');
      assert.equal(reduce(loaded(), { type: 'queue', text: 'Idle' }).prefill?.text, 'Idle');
    });
  });

  describe('pickers', () => {
    it('lists sessions newest first', () => {
      const sorted = sessionsNewestFirst([
        { id: 'a', title: 'A', updatedAt: '2025-01-01T00:00:00.000Z', messageCount: 1 },
        { id: 'c', title: 'C', updatedAt: '2025-03-01T00:00:00.000Z', messageCount: 1 },
        { id: 'b', title: 'B', updatedAt: '2025-02-01T00:00:00.000Z', messageCount: 1 },
      ]);
      assert.deepEqual(
        sorted.map((s) => s.id),
        ['c', 'b', 'a'],
      );
    });

    it('offers auto first, then the models, and keeps an unavailable selection visible', () => {
      assert.deepEqual(modelOptions(loaded({ models: ['auto', 'a:1', 'b:2'] })), ['auto', 'a:1', 'b:2']);
      assert.deepEqual(modelOptions(loaded({ models: ['a:1'], selectedModel: 'gone:1' })), ['auto', 'a:1', 'gone:1']);
    });
  });

  it('leaves the state as it is for an unknown message', () => {
    const state = loaded();
    assert.equal(reduce(state, { type: 'nonsense' } as unknown as ToWebview), state);
  });
});
