// The question box and its Send / Stop button. The box stays usable while an answer streams, so
// the next question can be written; only sending waits for the answer to end.
import { h, icon, setAttrs, setEnabled } from '../dom';
import { isBusy, type ChatState } from '../state';

export interface ComposerHandlers {
  /** Sends the text, or queues it while an answer streams; false when refused, so the text stays. */
  send(text: string): boolean;
  stop(): void;
  /** Takes the queued question back into the box. */
  unqueue(): void;
  /** The text changed: kept as a draft across the view being hidden. */
  draftChanged(text: string): void;
}

const MAX_ROWS = 8;

export class Composer {
  readonly el: HTMLElement;
  readonly input: HTMLTextAreaElement;
  private readonly button: HTMLButtonElement;
  private readonly buttonIcon: HTMLSpanElement;
  private busy = false;
  private readonly queuedNote: HTMLElement;
  private readonly queuedText: HTMLElement;
  private prefillSeq = 0;

  constructor(
    private readonly handlers: ComposerHandlers,
    draft: string,
  ) {
    this.input = h('textarea', {
      id: 'composer-input',
      'data-testid': 'composer-input',
      class: 'composer-input',
      rows: 1,
      placeholder: 'Ask Oblix…',
      'aria-label': 'Message Oblix',
      'aria-describedby': 'composer-hint',
    });
    this.input.value = draft;
    this.buttonIcon = icon('send');
    this.button = h('button', { type: 'button', id: 'send-button', 'data-testid': 'send-button', class: 'icon-button send-button' }, this.buttonIcon);
    this.setMode(false, false);

    this.input.addEventListener('keydown', (e) => {
      // isComposing: Enter that confirms an IME composition is not a send.
      if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey && !e.isComposing) {
        e.preventDefault();
        this.submit();
      } else if (e.key === 'Escape' && this.busy) {
        e.preventDefault();
        handlers.stop();
      }
    });
    this.input.addEventListener('input', () => {
      this.fit();
      handlers.draftChanged(this.input.value);
    });
    this.button.addEventListener('click', () => {
      if (this.busy) handlers.stop();
      else this.submit();
    });

    this.queuedText = h('span', { class: 'queued-text', 'data-testid': 'queued-text' });
    const unqueue = h('button', { type: 'button', class: 'link-button', id: 'unqueue', 'data-testid': 'unqueue', 'aria-label': 'Edit the waiting question' }, 'Edit');
    unqueue.addEventListener('click', () => handlers.unqueue());
    this.queuedNote = h(
      'div',
      { class: 'queued-note', id: 'queued-note', 'data-testid': 'queued-note', role: 'status', hidden: true },
      icon('clock'),
      h('span', { class: 'queued-label' }, 'Sends when this answer ends:'),
      this.queuedText,
      unqueue,
    );

    this.el = h(
      'div',
      { class: 'composer-area' },
      this.queuedNote,
      h(
        'div',
        { class: 'composer', id: 'composer' },
        h('label', { for: 'composer-input', class: 'visually-hidden' }, 'Message Oblix'),
        h(
          'span',
          { id: 'composer-hint', class: 'visually-hidden' },
          'Enter sends, Shift+Enter starts a new line. While Oblix answers, Enter queues the question and Escape stops the answer.',
        ),
        this.input,
        this.button,
      ),
    );
  }

  update(state: ChatState): void {
    this.setMode(isBusy(state), state.inFlight?.stopRequested ?? false);
    this.queuedNote.hidden = state.queued === null;
    this.queuedText.textContent = state.queued ?? '';
    if (state.prefill && state.prefill.seq !== this.prefillSeq) {
      this.prefillSeq = state.prefill.seq;
      this.setText(state.prefill.text);
      this.focus();
    }
  }

  focus(): void {
    this.input.focus();
    const end = this.input.value.length;
    this.input.setSelectionRange(end, end);
  }

  /** Grows the box with its text up to MAX_ROWS (by `rows`: inline heights would need unsafe-inline). */
  fit(): void {
    this.input.rows = 1;
    while (this.input.rows < MAX_ROWS && this.input.scrollHeight > this.input.clientHeight) this.input.rows += 1;
  }

  private setText(text: string): void {
    this.input.value = text;
    this.fit();
    this.handlers.draftChanged(text);
  }

  private submit(): void {
    const text = this.input.value;
    if (text.trim() === '') return;
    if (this.handlers.send(text)) this.setText('');
  }

  private setMode(busy: boolean, stopping: boolean): void {
    this.busy = busy;
    const label = busy ? (stopping ? 'Stopping…' : 'Stop') : 'Send';
    setAttrs(this.button, { 'aria-label': label, title: busy ? (stopping ? label : 'Stop (Escape)') : 'Send (Enter)', 'data-mode': busy ? 'stop' : 'send' });
    this.buttonIcon.className = `codicon codicon-${busy ? 'debug-stop' : 'send'}`;
    setEnabled(this.button, !stopping);
  }
}
