// The toolbar: session picker and session buttons, and the model picker.
import { h, iconButton, isEnabled, setEnabled } from '../dom';
import type { FromWebview } from '../protocol';
import { modelOptions, sessionsNewestFirst, type ChatState } from '../state';

export interface HeaderHandlers {
  post(message: FromWebview): void;
  selectModel(model: string): void;
}

export class Header {
  readonly el: HTMLElement;
  private readonly sessionSelect: HTMLSelectElement;
  private readonly modelSelect: HTMLSelectElement;
  private readonly sessionButtons: HTMLButtonElement[];
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
    newButton.addEventListener('click', () => handlers.post({ type: 'newSession' }));
    // These act on the session shown; with none they stay focusable but do nothing.
    const onSession = (button: HTMLButtonElement, type: 'renameSession' | 'deleteSession' | 'exportSession'): void => {
      button.addEventListener('click', () => {
        if (isEnabled(button) && this.currentSessionId) handlers.post({ type, sessionId: this.currentSessionId });
      });
    };
    onSession(rename, 'renameSession');
    onSession(remove, 'deleteSession');
    onSession(exportButton, 'exportSession');

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
      h(
        'div',
        { class: 'toolbar-group toolbar-model' },
        h('label', { for: 'model-select', class: 'visually-hidden' }, 'Model'),
        this.modelSelect,
      ),
    );
  }

  update(state: ChatState): void {
    this.currentSessionId = state.currentSessionId;
    const sessions = sessionsNewestFirst(state.sessions);
    // Rebuild the options only when the list changed: rebuilding closes an open dropdown.
    const sessionsKey = JSON.stringify(sessions.map((s) => [s.id, s.title]));
    if (sessionsKey !== this.sessionsKey) {
      this.sessionsKey = sessionsKey;
      const options = sessions.map((s) => new Option(s.title || 'Untitled session', s.id));
      if (options.length === 0) options.push(new Option('No sessions yet', ''));
      this.sessionSelect.replaceChildren(...options);
    }
    this.sessionSelect.value = state.currentSessionId ?? '';
    if (this.sessionSelect.selectedIndex < 0 && state.currentSessionId === null) {
      // A current session of none while others exist: show a placeholder rather than a wrong title.
      this.sessionSelect.prepend(new Option('No session', '', true, true));
      this.sessionsKey = '';
    }
    for (const button of this.sessionButtons) setEnabled(button, state.currentSessionId !== null);

    const models = modelOptions(state);
    const modelsKey = JSON.stringify(models);
    if (modelsKey !== this.modelsKey) {
      this.modelsKey = modelsKey;
      this.modelSelect.replaceChildren(
        ...models.map((m) => new Option(m === 'auto' ? 'auto (Oblix chooses)' : state.models.includes(m) ? m : `${m} (unavailable)`, m)),
      );
    }
    this.modelSelect.value = state.selectedModel;
  }
}
