// Each rule of the webview's sanitiser (PURIFY_CONFIG) on its own, fed HTML directly rather than
// through markdown-it (which already refuses most of these inputs): if the parser ever lets one
// through, the sanitiser is the layer that must still hold.
import assert from 'node:assert/strict';
import createDOMPurify, { type WindowLike } from 'dompurify';
import { JSDOM } from 'jsdom';
import { PURIFY_CONFIG } from '../../src/webview/markdown';

const { window } = new JSDOM('');
const purifier = createDOMPurify(window as unknown as WindowLike);
const sanitize = (html: string): string => purifier.sanitize(html, PURIFY_CONFIG);

/** The attributes of the first element of the sanitised HTML, by name. */
function attrsOf(html: string): Record<string, string> {
  const t = window.document.createElement('template');
  t.innerHTML = sanitize(html);
  const el = t.content.firstElementChild;
  assert.ok(el, `an element survives in ${html}`);
  return Object.fromEntries(Array.from(el.attributes).map((a) => [a.name, a.value]));
}

describe('sanitiser rules (PURIFY_CONFIG)', () => {
  describe('ALLOWED_TAGS: what markdown-it and the code blocks produce, nothing else', () => {
    const allowed = PURIFY_CONFIG.ALLOWED_TAGS as string[];
    for (const tag of allowed) {
      it(`keeps <${tag}>`, () => {
        // Table parts only live inside a table; the parser would drop them elsewhere.
        const html = ['thead', 'tbody', 'tr'].includes(tag)
          ? `<table><${tag}></${tag}></table>`
          : ['th', 'td'].includes(tag)
            ? `<table><tbody><tr><${tag}>x</${tag}></tr></tbody></table>`
            : tag === 'li'
              ? `<ul><li>x</li></ul>`
              : `<${tag}>x</${tag}>`;
        assert.ok(sanitize(html).includes(`<${tag}`), sanitize(html));
      });
    }
    const REMOVED: [string, string][] = [
      ['<script>alert(1)</script>ok', 'ok'],
      ['<style>*{}</style>ok', 'ok'],
      ['<img src="https://x/y.png">ok', 'ok'],
      ['<iframe src="https://x"></iframe>ok', 'ok'],
      ['<object data="x"></object>ok', 'ok'],
      ['<embed src="x">ok', 'ok'],
      ['<form><input value="v"></form>ok', 'ok'],
      ['<svg><circle r="1"></circle></svg>ok', 'ok'],
      ['<math><mi>x</mi></math>ok', 'ok'],
      ['<video src="x"></video>ok', 'ok'],
      // Harmless tags outside the list go too, keeping their text.
      ['<b>bold</b>', 'bold'],
      ['<i>it</i>', 'it'],
      ['<u>u</u>', 'u'],
      ['<font color="red">f</font>', 'f'],
      ['<details><summary>s</summary>d</details>', 'sd'],
      ['<img src=x onerror=alert(1)>', ''],
    ];
    for (const [html, out] of REMOVED) it(`drops the tag in ${html}`, () => assert.equal(sanitize(html), out));
  });

  describe('ALLOWED_ATTR: only the attributes the renderer writes', () => {
    const KEPT: [string, Record<string, string>][] = [
      ['<a href="https://e.x" title="t">x</a>', { href: 'https://e.x', title: 't' }],
      ['<span class="hljs-keyword">x</span>', { class: 'hljs-keyword' }],
      ['<ol start="3"><li>x</li></ol>', { start: '3' }],
      [
        '<button type="button" aria-label="Copy code" data-action="copy" data-testid="code-copy">x</button>',
        { type: 'button', 'aria-label': 'Copy code', 'data-action': 'copy', 'data-testid': 'code-copy' },
      ],
      ['<span aria-hidden="true">x</span>', { 'aria-hidden': 'true' }],
      ['<div data-lang="ts" data-code-index="0">x</div>', { 'data-lang': 'ts', 'data-code-index': '0' }],
    ];
    for (const [html, attrs] of KEPT) it(`keeps ${Object.keys(attrs).join(', ')}`, () => assert.deepEqual(attrsOf(html), attrs));

    const DROPPED: [string, string][] = [
      ['style', '<p style="color:red">x</p>'],
      ['id', '<p id="x">x</p>'],
      ['onclick', '<p onclick="alert(1)">x</p>'],
      ['onmouseover', '<a href="https://e.x" onmouseover="x()">x</a>'],
      ['target', '<a href="https://e.x" target="_blank">x</a>'],
      ['name', '<p name="n">x</p>'],
      ['role', '<div role="button">x</div>'],
      ['src', '<span src="https://e.x">x</span>'],
      ['formaction', '<button formaction="https://e.x">x</button>'],
    ];
    for (const [attr, html] of DROPPED) it(`drops ${attr}`, () => assert.equal(attrsOf(html)[attr], undefined));
  });

  describe('ALLOW_DATA_ATTR and ALLOW_ARIA_ATTR off: only the listed data-* and aria-*', () => {
    it('drops an unlisted data- attribute', () => assert.deepEqual(attrsOf('<div data-foo="1" data-lang="ts">x</div>'), { 'data-lang': 'ts' }));
    it('drops an unlisted aria- attribute', () => assert.deepEqual(attrsOf('<span aria-describedby="x" aria-hidden="true">x</span>'), { 'aria-hidden': 'true' }));
  });

  describe('ADD_URI_SAFE_ATTR: listed plain attributes keep values that are not URLs', () => {
    // Without the list, DOMPurify would hold these to the URL pattern and drop them.
    const VALUES: [string, string][] = [
      ['type', 'button'],
      ['start', '7'],
      ['aria-label', 'Open code in new editor'],
      ['aria-hidden', 'true'],
      ['data-lang', 'c++'],
      ['data-code-index', '12'],
      ['data-action', 'insert'],
      ['data-testid', 'code-open'],
    ];
    for (const [attr, value] of VALUES) {
      it(`${attr}="${value}"`, () => {
        const tag = attr === 'start' ? 'ol' : 'button';
        assert.equal(attrsOf(`<${tag} ${attr}="${value}">x</${tag}>`)[attr], value);
      });
    }
  });

  describe('the link rule (ALLOWED_URI_REGEXP, ALLOW_UNKNOWN_PROTOCOLS off): href is http(s) or mailto only', () => {
    const KEPT = ['https://example.com/x?y=1#z', 'http://localhost:8080', 'HTTPS://EXAMPLE.COM', 'mailto:me@example.com', 'MailTo:me@example.com'];
    for (const href of KEPT) it(`keeps ${href}`, () => assert.equal(attrsOf(`<a href="${href}">x</a>`).href, href));

    const DROPPED = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java&#x09;script:alert(1)',
      '&#106;avascript:alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
      'file:///etc/passwd',
      'command:workbench.action.terminal.new',
      'vscode://settings',
      'ftp://example.com',
      'foo:bar',
      '/relative/path',
      '#anchor',
      '//example.com',
    ];
    for (const href of DROPPED) {
      it(`drops href="${href}", keeps the link text`, () => {
        const out = sanitize(`<a href="${href}">x</a>`);
        assert.equal(out, '<a>x</a>');
      });
    }

    it('title is text, not a link: a value that looks like a script URL stays (it never runs)', () => {
      // `title` is allowed and is not a URL attribute: its text may look like one.
      assert.equal(attrsOf('<a href="https://e.x" title="javascript:alert(1)">x</a>').title, 'javascript:alert(1)');
    });
  });
});
