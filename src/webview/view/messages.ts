// The conversation. Entries are keyed by id and each is redrawn only when it changed, so while an
// answer streams only that answer's Markdown is rendered again, never the whole list.
import { h, icon, setAttrs } from '../dom';
import { renderMarkdownBlocks, type CodeBlock } from '../markdown';
import { answerMeta } from '../meta';
import type { ChatMessageView, FromWebview } from '../protocol';
import { errorInWords } from '../error-words';
import { questionParts, referenceLabel, type CodeReference } from '../reference';
import { entryId, type ChatEntry, type ErrorEntry, type MessageEntry } from '../state';

export interface MessageListHandlers {
  post(message: FromWebview): void;
  retry(errorEntryId: string): void;
}

interface View {
  entry: ChatEntry;
  el: HTMLElement;
  /** The raw code of each `.code-block` of an answer, by its data-code-index. */
  codeBlocks: CodeBlock[];
}

const COPIED_MS = 1500;

export class MessageList {
  readonly el: HTMLElement;
  private views = new Map<string, View>();

  constructor(private readonly handlers: MessageListHandlers) {
    this.el = h('div', {
      id: 'message-list',
      'data-testid': 'message-list',
      class: 'message-list',
      role: 'log',
      'aria-live': 'polite',
      'aria-label': 'Conversation',
    });
    // One listener for every button inside answers: they come and go with each render.
    this.el.addEventListener('click', (e) => this.onClick(e));
  }

  update(entries: ChatEntry[]): void {
    const next = new Map<string, View>();
    let previous: Element | null = null;
    for (const entry of entries) {
      const id = entryId(entry);
      let view = this.views.get(id);
      if (!view || !this.refresh(view, entry)) view = this.create(entry);
      next.set(id, view);
      const expected: Element | null = previous ? previous.nextElementSibling : this.el.firstElementChild;
      if (expected !== view.el) this.el.insertBefore(view.el, expected);
      previous = view.el;
    }
    for (const [id, view] of this.views) if (next.get(id) !== view) view.el.remove();
    this.views = next;
    // While an answer streams the log is busy, so screen readers read the answer once it is whole
    // instead of every delta.
    setAttrs(this.el, { 'aria-busy': entries.some((e) => e.kind === 'message' && e.pending) ? 'true' : undefined });
  }

  /** Brings a view up to date in place; false when it cannot be (another kind), so it is recreated. */
  private refresh(view: View, entry: ChatEntry): boolean {
    const old = view.entry;
    if (old === entry) return true;
    if (old.kind !== 'message' || entry.kind !== 'message' || old.message.role !== entry.message.role) return false;
    view.entry = entry;
    if (entry.message.role === 'user') {
      if (old.message.content !== entry.message.content) fillQuestion(this.contentOf(view), entry.message.content);
    } else {
      this.fillAssistant(view, entry, old.message.content !== entry.message.content || old.pending !== entry.pending || old.waiting !== entry.waiting);
    }
    return true;
  }

  private create(entry: ChatEntry): View {
    if (entry.kind === 'error') return { entry, el: this.errorElement(entry), codeBlocks: [] };
    const { message } = entry;
    const user = message.role === 'user';
    const el = h(
      'div',
      {
        class: `message message-${message.role}`,
        'data-testid': `message-${message.role}`,
        'data-role': message.role,
        'data-entry-id': message.id,
      },
      h('div', { class: 'message-author' }, icon(user ? 'account' : 'sparkle'), h('span', {}, user ? 'You' : 'Oblix')),
      h('div', { class: user ? 'message-content message-question' : 'message-content markdown-body', 'data-testid': 'message-content' }),
    );
    const view: View = { entry, el, codeBlocks: [] };
    if (user) fillQuestion(this.contentOf(view), message.content);
    else this.fillAssistant(view, entry, true);
    return view;
  }

  private contentOf(view: View): HTMLElement {
    return view.el.querySelector<HTMLElement>('.message-content') ?? view.el;
  }

  private fillAssistant(view: View, entry: MessageEntry, contentChanged: boolean): void {
    const { message, pending } = entry;
    const status = pending ? 'streaming' : (message.status ?? 'done');
    setAttrs(view.el, { 'data-status': status });
    if (contentChanged) {
      const content = this.contentOf(view);
      if (pending && message.content === '') {
        view.codeBlocks = [];
        const dot = (): HTMLElement => h('span', { class: 'typing-dot', 'aria-hidden': 'true' });
        const indicator = h('span', { class: 'typing-indicator' }, h('span', { class: 'visually-hidden' }, 'Answering…'), dot(), dot(), dot());
        // A model loading says so, rather than dots alone for seconds.
        content.replaceChildren(...(entry.waiting ? [indicator, h('span', { class: 'waiting-text', 'data-testid': 'waiting-text' }, entry.waiting)] : [indicator]));
      } else {
        const rendered = safeRender(message.content);
        view.codeBlocks = rendered.codeBlocks;
        content.innerHTML = rendered.html; // sanitized by DOMPurify in renderMarkdownBlocks
      }
    }
    view.el.querySelector('.message-error-text')?.remove();
    view.el.querySelector('.error-details')?.remove();
    view.el.querySelector('.message-meta')?.remove();
    if (message.status === 'error' && message.error) {
      const words = errorInWords(message.error, message.errorCode, 'The answer broke off part-way.');
      view.el.append(h('div', { class: 'message-error-text', 'data-testid': 'message-error-text' }, icon('error'), h('span', {}, words.title)), errorDetails(words.detail));
    }
    view.el.append(metaElement(message, pending));
  }

  private errorElement(entry: ErrorEntry): HTMLElement {
    const words = errorInWords(entry.error, entry.code);
    return h(
      'div',
      { class: 'chat-error', 'data-testid': 'chat-error', 'data-entry-id': entry.id, role: 'alert' },
      h('div', { class: 'chat-error-message' }, icon('error'), h('span', { 'data-testid': 'chat-error-text' }, words.title)),
      words.hint ? h('p', { class: 'chat-error-hint', 'data-testid': 'chat-error-hint' }, words.hint) : null,
      h('blockquote', { class: 'chat-error-prompt', 'data-testid': 'chat-error-prompt' }, entry.prompt),
      h(
        'button',
        { type: 'button', class: 'button retry-button', 'data-testid': 'retry-button', 'data-action': 'retry', 'aria-label': 'Retry' },
        icon('refresh'),
        h('span', {}, 'Retry'),
      ),
      errorDetails(words.detail),
    );
  }

  private onClick(event: MouseEvent): void {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const button = target.closest<HTMLElement>('button[data-action]');
    const entryEl = button?.closest<HTMLElement>('[data-entry-id]');
    const id = entryEl?.dataset.entryId;
    if (!button || id === undefined) return;
    const action = button.dataset.action;
    if (action === 'retry') {
      this.handlers.retry(id);
      return;
    }
    const index = Number(button.closest<HTMLElement>('.code-block')?.dataset.codeIndex);
    const block = this.views.get(id)?.codeBlocks[index];
    if (!block) return;
    if (action === 'copy') {
      this.handlers.post({ type: 'copyCode', code: block.code });
      showCopied(button);
    } else if (action === 'insert') {
      this.handlers.post({ type: 'insertCode', code: block.code });
    } else if (action === 'open') {
      this.handlers.post({ type: 'openCode', code: block.code, language: block.language });
    }
  }
}

/** A failure in rendering must not lose the answer: fall back to the plain text. */
function safeRender(text: string): { html: string; codeBlocks: CodeBlock[] } {
  try {
    return renderMarkdownBlocks(text);
  } catch {
    const p = document.createElement('p');
    p.className = 'message-text';
    p.textContent = text;
    return { html: p.outerHTML, codeBlocks: [] };
  }
}

/** The question as text, with each code reference as a chip whose code unfolds (a <details>). */
function fillQuestion(content: HTMLElement, text: string): void {
  content.replaceChildren(...questionParts(text).map((part) => (part.kind === 'text' ? h('div', { class: 'message-text' }, part.text) : referenceChip(part.reference))));
}

function referenceChip(r: CodeReference): HTMLElement {
  const label = referenceLabel(r);
  const lines = r.endLine > r.startLine ? `lines ${r.startLine} to ${r.endLine}` : `line ${r.startLine}`;
  return h(
    'details',
    { class: 'reference', 'data-testid': 'reference-chip', title: `${r.file}, ${lines}${r.language ? ` (${r.language})` : ''}` },
    h(
      'summary',
      { class: 'reference-summary', 'aria-label': `Code from ${r.file}, ${lines}${r.language ? `, ${r.language}` : ''}` },
      icon('file-code'),
      h('span', { class: 'reference-file', 'data-testid': 'reference-file' }, label),
      r.language ? h('span', { class: 'reference-lang', 'data-testid': 'reference-lang' }, r.language) : null,
    ),
    h('div', { class: 'code-block reference-code' }, h('pre', {}, h('code', { 'data-testid': 'reference-code' }, r.code))),
  );
}

/** The original error text, folded: for the curious and for bug reports. */
function errorDetails(detail: string): HTMLElement {
  return h('details', { class: 'error-details', 'data-testid': 'error-details' }, h('summary', {}, 'Show details'), h('code', { class: 'error-detail-text' }, detail));
}

function metaElement(message: ChatMessageView, pending: boolean): HTMLElement {
  const items = answerMeta(message);
  const meta = h('div', { class: 'message-meta', 'data-testid': 'message-meta', title: items.map((i) => i.title).join('\n') || undefined });
  if (message.status === 'stopped') meta.append(h('span', { class: 'badge badge-stopped', 'data-testid': 'badge-stopped' }, 'stopped'));
  if (message.status === 'error') meta.append(h('span', { class: 'badge badge-error', 'data-testid': 'badge-error' }, 'error'));
  for (const item of items) {
    meta.append(h('span', { class: `meta-item meta-${item.kind}`, 'data-testid': `meta-${item.kind}`, title: item.title }, item.text));
  }
  if (pending) meta.append(h('span', { class: 'meta-item meta-streaming' }, icon('loading', 'codicon-modifier-spin'), h('span', {}, 'Answering…')));
  return meta;
}

/** The Copy button shows a check for a moment, and says so to screen readers. */
function showCopied(button: HTMLElement): void {
  const glyph = button.querySelector('.codicon');
  glyph?.classList.replace('codicon-copy', 'codicon-check');
  button.setAttribute('aria-label', 'Copied');
  setTimeout(() => {
    glyph?.classList.replace('codicon-check', 'codicon-copy');
    button.setAttribute('aria-label', 'Copy code');
  }, COPIED_MS);
}
