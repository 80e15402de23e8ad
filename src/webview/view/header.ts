// The toolbar: session picker and session buttons, and the model picker.
import { h, icon, iconButton, isEnabled, setEnabled } from '../dom';
import type { FromWebview } from '../protocol';
import { modelLabel, modelOptions, sessionsNewestFirst, type ChatState } from '../state';

export interface HeaderHandlers {
  post(message: FromWebview): void;
  selectModel(model: string): void;
  newSession(): void;
  dismissModelNotice(): void;
}

export class Header {
  readonly el: HTMLElement;
  private readonly sessionSelect: HTMLSelectElement;
  private readonly modelSelect: HTMLSelectElement;
  private readonly sessionButtons: HTMLButtonElement[];
  private readonly modelNotice: HTMLElement;
  private readonly modelNoticeText: HTMLElement;
  private sessionsKey = '';
  private modelsKey = '';
  private currentSessionId: string | null = null;

  constructor(handlers: HeaderHandlers) {
    this.sessionSelect = h('select', { id: 'session-select', 'data-testid': 'session-select', class: 'select', 'aria-label': 'Session', title: 'Session' });
    this.modelSelect = h('select', { id: 'model-select', 'data-testid': 'model-select', class: 'select', 'aria-label': 'Model', title: 'Model' });
    const newButton = iconButton('new-session', 'add', 'New session');
    const rename = iconButton('rename-session', 'edit', 'Rename session');
    const remove = iconButton('delete-session', 'trash', 'Delete session');
    const exportButton = iconButton('export-session', 'export', 'Export session');
    this.sessionButtons = [rename, remove, exportButton];

    this.sessionSelect.addEventListener('change', () => {
      if (this.sessionSelect.value) handlers.post({ type: 'switchSession', sessionId: this.sessionSelect.value });
    });
    this.modelSelect.addEventListener('change', () => handlers.selectModel(this.modelSelect.value));
    newButton.addEventListener('click', () => handlers.newSession());
    // These act on the session shown; with none they stay focusable but do nothing.
    const onSession = (button: HTMLButtonElement, type: 'renameSession' | 'deleteSession' | 'exportSession'): void => {
      button.addEventListener('click', () => {
        if (isEnabled(button) && this.currentSessionId) handlers.post({ type, sessionId: this.currentSessionId });
      });
    };
    onSession(rename, 'renameSession');
    onSession(remove, 'deleteSession');
    onSession(exportButton, 'exportSession');

    this.modelNoticeText = h('span', { 'data-testid': 'model-notice-text' });
    const dismiss = iconButton('dismiss-model-notice', 'close', 'Dismiss');
    dismiss.addEventListener('click', () => handlers.dismissModelNotice());
    this.modelNotice = h(
      'div',
      { class: 'model-notice', id: 'model-notice', 'data-testid': 'model-notice', role: 'status', hidden: true },
      icon('info'),
      this.modelNoticeText,
      dismiss,
    );

    this.el = h(
      'header',
      { class: 'toolbar', id: 'toolbar' },
      h(
        'div',
        { class: 'toolbar-group toolbar-sessions', role: 'toolbar', 'aria-label': 'Sessions' },
        h('label', { for: 'session-select', class: 'visually-hidden' }, 'Session'),
        this.sessionSelect,
        newButton,
        rename,
        remove,
        exportButton,
      ),
      h('div', { class: 'toolbar-group toolbar-model' }, h('label', { for: 'model-select', class: 'visually-hidden' }, 'Model'), this.modelSelect),
      this.modelNotice,
    );
  }

  update(state: ChatState): void {
    this.currentSessionId = state.currentSessionId;
    const sessions = sessionsNewestFirst(state.sessions);
    // Rebuild the options only when the list changed: rebuilding closes an open dropdown.
    const sessionsKey = JSON.stringify([sessions.map((s) => [s.id, s.title]), this.startingSession(state)]);
    if (sessionsKey !== this.sessionsKey) {
      this.sessionsKey = sessionsKey;
      const options = sessions.map((s) => new Option(s.title || 'Untitled session', s.id));
      // The first question creates the session: while it is answered, that is what the box shows.
      if (options.length === 0) options.push(new Option(this.startingSession(state) ? 'New session' : 'No sessions yet', ''));
      this.sessionSelect.replaceChildren(...options);
    }
    this.sessionSelect.value = state.currentSessionId ?? '';
    if (this.sessionSelect.selectedIndex < 0 && state.currentSessionId === null) {
      // A current session of none while others exist: show a placeholder rather than a wrong title.
      this.sessionSelect.prepend(new Option(this.startingSession(state) ? 'New session' : 'No session', '', true, true));
      this.sessionsKey = '';
    }
    for (const button of this.sessionButtons) setEnabled(button, state.currentSessionId !== null);

    const models = modelOptions(state);
    const modelsKey = JSON.stringify(models);
    if (modelsKey !== this.modelsKey) {
      this.modelsKey = modelsKey;
      this.modelSelect.replaceChildren(
        ...models.map((m) => {
          const option = new Option(state.models.includes(m) || m === 'auto' ? modelLabel(m) : `${modelLabel(m)} (unavailable)`, m);
          option.title = m;
          return option;
        }),
      );
    }
    this.modelSelect.value = state.selectedModel;
    this.modelSelect.title = `Model: ${state.selectedModel}`;
    this.modelNotice.hidden = state.modelNotice === null;
    this.modelNoticeText.textContent = state.modelNotice ?? '';
  }

  /** A conversation is on screen but its session is not stored yet. */
  private startingSession(state: ChatState): boolean {
    return state.currentSessionId === null && (state.inFlight !== null || state.entries.length > 0);
  }
}
