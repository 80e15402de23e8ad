// The chat view's state and how messages change it: pure functions, no DOM, so they test in Node.
// The extension owns what is stored; this only mirrors it, plus what is in flight and inline errors.
import type { Availability, ChatMessageView, FromWebview, SessionView, ToWebview } from './protocol';

/** A message of the conversation; `pending` is the assistant answer still streaming. */
export interface MessageEntry {
  kind: 'message';
  message: ChatMessageView;
  pending: boolean;
  /** What a pending answer waits for before its first token (a model loading), shown instead of a silent spinner. */
  waiting?: string;
}

/** A request that failed before any answer: nothing was stored, so Retry resends `prompt`. */
export interface ErrorEntry {
  kind: 'error';
  id: string;
  requestId: string;
  prompt: string;
  error: string;
  /** Oblix's error code, when the error had one. */
  code?: string;
}

export type ChatEntry = MessageEntry | ErrorEntry;

/** The one request in flight. */
export interface InFlight {
  requestId: string;
  /** The session it belongs to: its answer is shown only while that session is the current one. */
  sessionId: string | null;
  /** The question answerStart showed, removed again if the request fails before any answer. */
  questionId: string | null;
  stopRequested: boolean;
}

export interface ChatState {
  /** False until the first `state` message: the UI shows nothing but the composer before. */
  loaded: boolean;
  sessions: SessionView[];
  currentSessionId: string | null;
  entries: ChatEntry[];
  models: string[];
  selectedModel: string;
  availability: Availability;
  inFlight: InFlight | null;
  /** Text for the composer; `seq` changes with each prefill so the UI applies it exactly once. */
  prefill: { text: string; seq: number } | null;
  /** A question sent while an answer streamed: it is sent when that answer ends. */
  queued: string | null;
  /** Said when the picked model went away and `auto` stands in for it. */
  modelNotice: string | null;
}

export function initialState(): ChatState {
  return {
    loaded: false,
    sessions: [],
    currentSessionId: null,
    entries: [],
    models: [],
    selectedModel: 'auto',
    // Assume the best until told: the empty state's warnings must not flash before the first `state`.
    availability: { canAnswer: true, problems: [], mode: 'auto' },
    inFlight: null,
    prefill: null,
    queued: null,
    modelNotice: null,
  };
}

/** A request runs: the Send button is a Stop button and no second request may start. */
export function isBusy(state: ChatState): boolean {
  return state.inFlight !== null;
}

export function pendingId(requestId: string): string {
  return `pending:${requestId}`;
}

function errorId(requestId: string): string {
  return `error:${requestId}`;
}

/** The id an entry is keyed by in the DOM. */
export function entryId(entry: ChatEntry): string {
  return entry.kind === 'message' ? entry.message.id : entry.id;
}

function messageEntry(message: ChatMessageView, pending = false): MessageEntry {
  return { kind: 'message', message, pending };
}

function hasMessage(entries: ChatEntry[], id: string): boolean {
  return entries.some((e) => e.kind === 'message' && e.message.id === id);
}

/** Whether the answer to the request in flight belongs on screen (its session is the one shown). */
function showsInFlight(state: ChatState, requestId: string): boolean {
  return state.inFlight?.requestId === requestId && state.inFlight.sessionId === state.currentSessionId;
}

/** The model picker's words for a model id: `:latest` is noise, `auto` is explained. */
export function modelLabel(model: string): string {
  return model === 'auto' ? 'auto (Oblix chooses)' : model.replace(/:latest$/, '');
}

/**
 * When the picked model was available and is no longer, `auto` answers in its place until it is
 * back (the extension keeps the choice): say so instead of switching silently.
 */
function noticeLostModel(before: ChatState, after: ChatState): ChatState {
  const picked = before.selectedModel;
  if (!before.loaded || picked === 'auto' || !before.models.includes(picked) || after.models.includes(picked)) return after;
  return {
    ...after,
    selectedModel: 'auto',
    modelNotice: `${modelLabel(picked)} is no longer available, so Oblix chooses (auto) until it is back.`,
  };
}

/** Applies one message from the extension. Unknown messages leave the state as it is. */
export function reduce(state: ChatState, message: ToWebview): ChatState {
  const next = reduceMessage(state, message);
  if (message.type !== 'state' && message.type !== 'availability') return next;
  const noticed = noticeLostModel(state, next);
  // The model is back (or another was picked): the notice no longer holds.
  if (noticed === next && next.modelNotice && next.selectedModel !== 'auto') return { ...next, modelNotice: null };
  return noticed;
}

function reduceMessage(state: ChatState, message: ToWebview): ChatState {
  switch (message.type) {
    case 'state': {
      // A request sent with no session yet created one: the session the extension now shows is its.
      const adopting = state.inFlight !== null && state.inFlight.sessionId === null;
      const inFlight = adopting && state.inFlight ? { ...state.inFlight, sessionId: message.currentSessionId } : state.inFlight;
      // Coming from no session at all counts as the same conversation: the extension creates the
      // session on the first send, even one that fails, and its inline error must stay.
      const sameSession = state.loaded && (adopting || state.currentSessionId === null || message.currentSessionId === state.currentSessionId);
      let entries: ChatEntry[] = message.messages.map((m) => messageEntry(m));
      if (sameSession) {
        // The stored list may not hold the question or answer of the request still streaming, and
        // never holds inline errors: keep those, in their order, after the stored messages.
        const stored = entries;
        const kept = state.entries.filter((e) => e.kind === 'error' || e.pending || (e.message.id === inFlight?.questionId && !hasMessage(stored, e.message.id)));
        entries = entries.concat(kept);
      }
      return {
        ...state,
        loaded: true,
        sessions: message.sessions,
        currentSessionId: message.currentSessionId,
        entries,
        models: message.models,
        selectedModel: message.selectedModel,
        availability: message.availability,
        inFlight,
      };
    }
    case 'availability':
      return { ...state, availability: message.availability, models: message.models };
    case 'answerStart': {
      // The extension may start an answer itself (a command): whatever it starts is the one in flight.
      const inFlight: InFlight = {
        requestId: message.requestId,
        sessionId: state.inFlight?.requestId === message.requestId ? state.inFlight.sessionId : state.currentSessionId,
        questionId: message.question.id,
        stopRequested: state.inFlight?.requestId === message.requestId ? state.inFlight.stopRequested : false,
      };
      const next = { ...state, inFlight };
      if (!showsInFlight(next, message.requestId)) return next;
      const entries = state.entries.filter((e) => !(e.kind === 'message' && e.pending));
      if (!hasMessage(entries, message.question.id)) entries.push(messageEntry(message.question));
      entries.push(messageEntry({ id: pendingId(message.requestId), role: 'assistant', content: '', at: message.question.at }, true));
      return { ...next, entries };
    }
    case 'answerDelta': {
      if (!state.inFlight) {
        // The page was reloaded mid-answer (a hidden view is torn down): pick the stream up, so it
        // shows and can be stopped, and so no send is made while the extension is still busy.
        const inFlight: InFlight = { requestId: message.requestId, sessionId: state.currentSessionId, questionId: null, stopRequested: false };
        const pending = messageEntry({ id: pendingId(message.requestId), role: 'assistant', content: '', at: '' }, true);
        return reduce({ ...state, inFlight, entries: [...state.entries, pending] }, message);
      }
      if (!showsInFlight(state, message.requestId)) return state;
      const id = pendingId(message.requestId);
      const entries = state.entries.map((e) =>
        e.kind === 'message' && e.message.id === id
          ? messageEntry(
              {
                ...e.message,
                content: e.message.content + message.text,
                model: message.model,
                route: message.route,
                routeText: message.routeText,
                ...(message.why !== undefined && { why: message.why }),
              },
              true,
            )
          : e,
      );
      return { ...state, entries };
    }
    case 'answerWaiting': {
      if (!showsInFlight(state, message.requestId)) return state;
      const id = pendingId(message.requestId);
      // Until the first token: a delta replaces the entry, and with it the waiting line.
      const entries = state.entries.map((e) => (e.kind === 'message' && e.message.id === id && e.message.content === '' ? { ...e, waiting: message.text } : e));
      return { ...state, entries };
    }
    case 'answerEnd': {
      if (state.inFlight?.requestId !== message.requestId) return state;
      const shown = showsInFlight(state, message.requestId);
      const id = pendingId(message.requestId);
      let entries = state.entries;
      if (shown) {
        // In the pending answer's place; at the end if that was lost (a `state` replaced the list).
        const stored = messageEntry(message.message);
        const others = entries.filter((e) => entryId(e) !== message.message.id);
        const at = others.findIndex((e) => entryId(e) === id);
        entries = at >= 0 ? [...others.slice(0, at), stored, ...others.slice(at + 1)] : [...others, stored];
      }
      return { ...state, entries, inFlight: null };
    }
    case 'answerError': {
      if (state.inFlight?.requestId !== message.requestId) return state;
      let entries = state.entries;
      if (showsInFlight(state, message.requestId)) {
        // Nothing was stored: drop the question shown by answerStart and the empty answer, and show
        // the error with its prompt instead, so Retry does not show the question twice.
        const questionId = state.inFlight.questionId;
        entries = entries.filter((e) => entryId(e) !== pendingId(message.requestId) && entryId(e) !== questionId);
        entries.push({
          kind: 'error',
          id: errorId(message.requestId),
          requestId: message.requestId,
          prompt: message.prompt,
          error: message.error,
          ...(message.code ? { code: message.code } : {}),
        });
      }
      return { ...state, entries, inFlight: null };
    }
    case 'prefill':
      return { ...state, prefill: { text: message.text, seq: (state.prefill?.seq ?? 0) + 1 } };
    case 'queue':
      return queueSend(state, message.text) ?? { ...state, prefill: { text: message.text, seq: (state.prefill?.seq ?? 0) + 1 } };
    default:
      return state;
  }
}

/** The result of a webview action: the new state and the message to post, or null when refused. */
export interface ActionResult<M extends FromWebview> {
  state: ChatState;
  post: M;
}

/**
 * Starts sending `prompt` unless a request already runs or the prompt is blank. `retryOf` is the
 * id of the error entry being retried, which the new attempt replaces.
 */
export function beginSend(state: ChatState, prompt: string, requestId: string, retryOf?: string): ActionResult<Extract<FromWebview, { type: 'send' }>> | null {
  if (isBusy(state) || prompt.trim() === '') return null;
  const entries = retryOf ? state.entries.filter((e) => entryId(e) !== retryOf) : state.entries;
  return {
    state: {
      ...state,
      entries,
      inFlight: { requestId, sessionId: state.currentSessionId, questionId: null, stopRequested: false },
    },
    post: { type: 'send', requestId, prompt, model: state.selectedModel },
  };
}

/**
 * The user asked for a new session: the view shows it empty at once, with no id yet, so a question
 * typed before the extension answers belongs to it (the `state` that brings its id adopts the
 * request) instead of being dropped, with its answer or error, as a request from another session.
 */
export function newSessionRequested(state: ChatState): ActionResult<Extract<FromWebview, { type: 'newSession' }>> {
  return {
    state: { ...state, currentSessionId: null, entries: [] },
    post: { type: 'newSession' },
  };
}

/** Keeps a question sent while an answer streams, to send when it ends; null when one already waits. */
export function queueSend(state: ChatState, prompt: string): ChatState | null {
  if (!isBusy(state) || state.queued !== null || prompt.trim() === '') return null;
  return { ...state, queued: prompt };
}

/** The waiting question, taken out of the queue (to send, or back to the composer). */
export function takeQueued(state: ChatState): { state: ChatState; prompt: string } | null {
  return state.queued === null ? null : { state: { ...state, queued: null }, prompt: state.queued };
}

/** Asks the extension to stop the request in flight (once); the answer ends with answerEnd. */
export function stopRequested(state: ChatState): ActionResult<Extract<FromWebview, { type: 'stop' }>> | null {
  if (!state.inFlight || state.inFlight.stopRequested) return null;
  return {
    state: { ...state, inFlight: { ...state.inFlight, stopRequested: true } },
    post: { type: 'stop', requestId: state.inFlight.requestId },
  };
}

/** Picks the model for the next requests, at once (the extension confirms with its next `state`). */
export function selectModel(state: ChatState, model: string): ActionResult<Extract<FromWebview, { type: 'selectModel' }>> {
  return { state: { ...state, selectedModel: model, modelNotice: null }, post: { type: 'selectModel', model } };
}

/** The error entry to retry, by id. */
export function findError(state: ChatState, id: string): ErrorEntry | undefined {
  return state.entries.find((e): e is ErrorEntry => e.kind === 'error' && e.id === id);
}

/** Sessions newest first, for the session picker. */
export function sessionsNewestFirst(sessions: SessionView[]): SessionView[] {
  return [...sessions].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
}

/** `auto` first, then the models, then the selected one if it is not among them (it stays visible). */
export function modelOptions(state: ChatState): string[] {
  const options = ['auto', ...state.models.filter((m) => m !== 'auto')];
  if (!options.includes(state.selectedModel)) options.push(state.selectedModel);
  return options;
}
