// The chat page for tests: the real webview bundle run in jsdom (its own window, no globals touched),
// driven by the extension's messages and by clicks and keys.
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import { JSDOM } from 'jsdom';
import type { ChatMessageView, FromWebview, ToWebview } from '../../src/webview/protocol';

let bundle = '';

/** Builds the webview bundle once per test file (call in `before`). */
export async function buildBundle(): Promise<void> {
  if (bundle) return;
  const result = await build({ entryPoints: ['src/webview/main.ts'], bundle: true, platform: 'browser', format: 'iife', target: 'es2022', write: false, logLevel: 'silent' });
  bundle = result.outputFiles[0]?.text ?? '';
}

/** Closes every page opened (stops each page's animation-frame timer); call in `afterEach`. */
export function closePages(): void {
  for (const dom of opened.splice(0)) dom.window.close();
}
const opened: JSDOM[] = [];

export interface Page {
  window: JSDOM['window'];
  document: Document;
  posted(): FromWebview[];
  receive(message: ToWebview): Promise<void>;
  $(selector: string): HTMLElement;
  $$(selector: string): HTMLElement[];
  click(selector: string): Promise<void>;
  type(text: string): void;
  pressEnter(shift?: boolean): Promise<void>;
}

export function open(draft?: string): Page {
  const dom = new JSDOM('<!DOCTYPE html><html><body class="vscode-dark"><div id="app" data-theme-kind="dark"></div></body></html>', {
    runScripts: 'outside-only',
    pretendToBeVisual: true, // requestAnimationFrame
  });
  opened.push(dom);
  const { window } = dom;
  const posted: unknown[] = [];
  const api = {
    postMessage: (m: unknown) => posted.push(m),
    getState: () => (draft === undefined ? undefined : { draft }),
    setState: () => undefined,
  };
  Object.assign(window, { acquireVsCodeApi: () => api });
  (window as unknown as { eval(code: string): unknown }).eval(bundle);
  const frame = (): Promise<void> => new Promise((resolve) => window.requestAnimationFrame(() => resolve()));
  const $ = (selector: string): HTMLElement => {
    const el = window.document.querySelector<HTMLElement>(selector);
    assert.ok(el, `no ${selector}`);
    return el;
  };
  return {
    window,
    document: window.document,
    // The page's objects come from jsdom's realm: JSON makes them plain objects of this one.
    posted: () => JSON.parse(JSON.stringify(posted)) as FromWebview[],
    async receive(message) {
      window.dispatchEvent(new window.MessageEvent('message', { data: message }));
      await frame();
    },
    $,
    $$: (selector) => Array.from(window.document.querySelectorAll<HTMLElement>(selector)),
    async click(selector) {
      $(selector).dispatchEvent(new window.MouseEvent('click', { bubbles: true, cancelable: true }));
      await frame();
    },
    type(text) {
      const input = $('#composer-input') as HTMLTextAreaElement;
      input.value = text;
      input.dispatchEvent(new window.Event('input', { bubbles: true }));
    },
    async pressEnter(shift = false) {
      $('#composer-input').dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Enter', shiftKey: shift, bubbles: true, cancelable: true }));
      await frame();
    },
  };
}

export const sessions = [
  { id: 's1', title: 'Older', updatedAt: '2025-01-01T00:00:00.000Z', messageCount: 2 },
  { id: 's2', title: 'Newer', updatedAt: '2025-02-01T00:00:00.000Z', messageCount: 0 },
];

export function state(overrides: Partial<Extract<ToWebview, { type: 'state' }>> = {}): ToWebview {
  return {
    type: 'state',
    sessions,
    currentSessionId: 's2',
    messages: [],
    models: ['ollama:llama3.2', 'openai:gpt-4o-mini'],
    selectedModel: 'auto',
    availability: { canAnswer: true, problems: [], mode: 'auto' },
    ...overrides,
  };
}

export const question = (id: string, content: string): ChatMessageView => ({ id, role: 'user', content, at: '2025-02-01T00:00:00.000Z' });

export function lastSend(page: Page): Extract<FromWebview, { type: 'send' }> {
  const send = page
    .posted()
    .filter((m) => m.type === 'send')
    .at(-1);
  assert.ok(send && send.type === 'send', 'a send was posted');
  return send;
}
