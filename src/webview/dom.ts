// A tiny element builder. Text always goes in through text nodes and attributes through
// setAttribute, never through innerHTML; and never `style`: the CSP blocks inline styles.
export type Attrs = Record<string, string | number | boolean | undefined>;
export type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return el;
}

/** Sets attributes; `false` or `undefined` removes one, `true` sets it empty. */
export function setAttrs(el: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === undefined) el.removeAttribute(name);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
}

/** A codicon, hidden from screen readers: the control around it carries the label. */
export function icon(name: string, extra = ''): HTMLSpanElement {
  return h('span', { class: `codicon codicon-${name}${extra ? ` ${extra}` : ''}`, 'aria-hidden': 'true' });
}

/** A toolbar button showing only an icon, labelled for screen readers and as a tooltip. */
export function iconButton(id: string, iconName: string, label: string): HTMLButtonElement {
  return h('button', { type: 'button', id, class: 'icon-button', 'data-testid': id, 'aria-label': label, title: label }, icon(iconName));
}

/** A button that reads as disabled but stays focusable (so keyboard users still find it). */
export function setEnabled(button: HTMLElement, enabled: boolean): void {
  setAttrs(button, { 'aria-disabled': enabled ? undefined : 'true' });
}

export function isEnabled(button: HTMLElement): boolean {
  return button.getAttribute('aria-disabled') !== 'true';
}
