// Markdown rendering of answers: highlighted code blocks with recoverable raw code, and sanitizing.
import assert from 'node:assert/strict';
import createDOMPurify, { type WindowLike } from 'dompurify';
import { JSDOM } from 'jsdom';
import { PURIFY_CONFIG, renderMarkdown, renderMarkdownBlocks } from '../../src/webview/markdown';

const { window } = new JSDOM('');
const purifier = createDOMPurify(window as unknown as WindowLike);

/** The rendered HTML as a DOM, to query like the webview would. */
function dom(html: string): DocumentFragment {
  const template = window.document.createElement('template');
  template.innerHTML = html;
  return template.content;
}

function render(text: string): { root: DocumentFragment; html: string; codeBlocks: ReturnType<typeof renderMarkdownBlocks>['codeBlocks'] } {
  const rendered = renderMarkdownBlocks(text, purifier);
  return { root: dom(rendered.html), ...rendered };
}

/** No element or attribute that could run script survived. */
function assertNoScript(root: DocumentFragment): void {
  assert.equal(root.querySelectorAll('script, iframe, object, embed, img, style, form, input').length, 0);
  for (const el of Array.from(root.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      assert.ok(!/^on/i.test(attr.name), `event handler ${attr.name} on <${el.tagName}>`);
      assert.notEqual(attr.name, 'style');
      assert.ok(!/^\s*(javascript|vbscript|data):/i.test(attr.value), `${attr.name}="${attr.value}"`);
    }
  }
}

describe('renderMarkdown', () => {
  it('renders Markdown', () => {
    const { root } = render('# Title\n\nSome **bold** and `code`.\n\n- one\n- two');
    assert.equal(root.querySelector('h1')?.textContent, 'Title');
    assert.equal(root.querySelector('strong')?.textContent, 'bold');
    assert.equal(root.querySelector('p code')?.textContent, 'code');
    assert.equal(root.querySelectorAll('ul li').length, 2);
  });

  it('returns the same HTML as renderMarkdownBlocks', () => {
    assert.equal(renderMarkdown('*hi*', purifier), renderMarkdownBlocks('*hi*', purifier).html);
  });

  it('shows raw HTML as text instead of running it', () => {
    const { root, html } = render('Hi <script>alert(1)</script> <img src=x onerror="alert(2)"> <b onclick="x()">b</b>');
    assertNoScript(root);
    assert.equal(root.querySelectorAll('b').length, 0);
    assert.match(root.textContent ?? '', /<script>alert\(1\)<\/script>/);
    assert.doesNotMatch(html, /<script/i);
  });

  it('drops javascript:, vbscript: and data: links but keeps web and mail links', () => {
    const { root } = render(
      '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](vbscript:msgbox) [d](data:text/html;base64,PHNjcmlwdD4=) ' +
        '[web](https://example.com/x) [mail](mailto:me@example.com)',
    );
    assertNoScript(root);
    const hrefs = Array.from(root.querySelectorAll('a')).map((a) => a.getAttribute('href'));
    assert.deepEqual(hrefs, ['https://example.com/x', 'mailto:me@example.com']);
  });

  it('links bare URLs', () => {
    const { root } = render('See https://example.com/docs for more.');
    assert.equal(root.querySelector('a')?.getAttribute('href'), 'https://example.com/docs');
  });

  it('shows images as links, never as remote <img>', () => {
    const { root } = render('![logo](https://example.com/logo.png)');
    assert.equal(root.querySelectorAll('img').length, 0);
    assert.equal(root.querySelector('a')?.getAttribute('href'), 'https://example.com/logo.png');
  });

  it('aligns table cells with classes, not inline styles', () => {
    const { root } = render('| a | b |\n|:-:|--:|\n| 1 | 2 |');
    assertNoScript(root);
    assert.equal(root.querySelector('th')?.className, 'align-center');
    assert.equal(root.querySelectorAll('td')[1]?.className, 'align-right');
  });

  describe('code blocks', () => {
    const code = 'const greeting: string = "<b>hi</b>" && 1 < 2;\nfunction f() { return `x`; }\n';

    it('highlights and wraps them with labelled action buttons', () => {
      const { root } = render(`Look:\n\n\`\`\`ts\n${code}\`\`\`\n`);
      const block = root.querySelector('.code-block');
      assert.ok(block);
      assert.equal(block.getAttribute('data-lang'), 'ts');
      assert.equal(block.getAttribute('data-code-index'), '0');
      const codeEl = block.querySelector('pre > code');
      assert.ok(codeEl);
      assert.ok(codeEl.classList.contains('hljs'));
      assert.ok(codeEl.classList.contains('language-ts'));
      assert.ok(codeEl.querySelector('.hljs-keyword'), 'keywords are highlighted');
      assert.ok(codeEl.querySelector('.hljs-string'), 'strings are highlighted');
      assert.equal(codeEl.textContent, code, 'the highlighted text is the code, escaped, not parsed');
      assert.equal(codeEl.querySelectorAll('b').length, 0);

      const buttons = Array.from(block.querySelectorAll('.code-actions button'));
      assert.deepEqual(
        buttons.map((b) => [b.getAttribute('type'), b.getAttribute('data-action'), b.getAttribute('data-testid'), b.getAttribute('aria-label')]),
        [
          ['button', 'copy', 'code-copy', 'Copy code'],
          ['button', 'insert', 'code-insert', 'Insert code at cursor'],
          ['button', 'open', 'code-open', 'Open code in new editor'],
        ],
      );
      assert.deepEqual(
        buttons.map((b) => b.querySelector('.codicon')?.className),
        ['codicon codicon-copy', 'codicon codicon-insert', 'codicon codicon-go-to-file'],
      );
      assert.ok(buttons.every((b) => b.querySelector('.codicon')?.getAttribute('aria-hidden') === 'true'));
    });

    it('keeps the raw code of each block by index', () => {
      const { root, codeBlocks } = render(`\`\`\`ts\n${code}\`\`\`\n\ntext\n\n\`\`\`python\nprint("a < b")\n\`\`\`\n\n    indented <code>\n`);
      assert.deepEqual(codeBlocks, [
        { code, lang: 'ts', language: 'typescript' },
        { code: 'print("a < b")\n', lang: 'python', language: 'python' },
        { code: 'indented <code>\n', lang: '', language: 'plaintext' },
      ]);
      const blocks = Array.from(root.querySelectorAll('.code-block'));
      assert.deepEqual(
        blocks.map((b) => b.getAttribute('data-code-index')),
        ['0', '1', '2'],
      );
      blocks.forEach((b, i) => assert.equal(b.querySelector('code')?.textContent, codeBlocks[i]?.code));
      assert.equal(blocks[2]?.getAttribute('data-lang'), 'text');
    });

    it('highlights through language aliases and leaves unknown languages plain', () => {
      for (const lang of ['js', 'py', 'sh', 'html', 'yml', 'rs', 'golang', 'cs', 'c++', 'diff', 'sql', 'json', 'css', 'java', 'c', 'md']) {
        const { root } = render(`\`\`\`${lang}\nx = 1 # "s"\n\`\`\``);
        assert.ok(root.querySelector('code.hljs'), lang);
      }
      const { root, codeBlocks } = render('```brainfuck\n++[>+<-]\n```');
      assert.equal(root.querySelector('code')?.querySelectorAll('span').length, 0);
      assert.equal(root.querySelector('code')?.textContent, '++[>+<-]\n');
      assert.equal(codeBlocks[0]?.language, 'brainfuck');
    });

    it('labels a block by its language in lower case, a block without one as text, with nothing between the buttons', () => {
      const tagged = render('```Python\nprint(1)\n```').root.querySelector('.code-block');
      assert.equal(tagged?.getAttribute('data-lang'), 'python');
      assert.equal(tagged?.querySelector('.code-lang')?.textContent, 'python');
      assert.equal(tagged?.querySelector('pre > code')?.className, 'hljs language-python');
      const plain = render('```\nplain words\n```').root.querySelector('.code-block');
      assert.equal(plain?.getAttribute('data-lang'), 'text');
      assert.equal(plain?.querySelector('.code-lang')?.textContent, 'text');
      assert.equal(plain?.querySelector('pre > code')?.className, 'hljs');
      // The action bar holds the label and the three buttons and no text of its own.
      assert.equal(plain?.querySelector('.code-actions')?.textContent, 'text');
    });

    it('keeps at most 32 characters of a language tag', () => {
      const { codeBlocks } = render(`\`\`\`${'a'.repeat(40)}\nx\n\`\`\``);
      assert.equal(codeBlocks[0]?.lang, 'a'.repeat(32));
    });

    it('cannot be broken out of through the fence info', () => {
      const { root, codeBlocks } = render('```ts"><img src=x onerror=alert(1)> extra\nx\n```');
      assertNoScript(root);
      assert.equal(codeBlocks[0]?.lang, 'tsimg', 'only the first word, only safe characters');
      assert.equal(root.querySelectorAll('.code-block').length, 1);
    });
  });

  it('needs a DOM: without one and without a purifier it says so', () => {
    assert.throws(() => renderMarkdown('x'), /needs a DOM/);
  });

  it("uses the page's own window when there is one and no purifier is given", () => {
    const g = globalThis as { window?: unknown };
    g.window = window;
    try {
      assert.equal(renderMarkdown('**hi** <script>x</script>'), '<p><strong>hi</strong> &lt;script&gt;x&lt;/script&gt;</p>\n');
    } finally {
      delete g.window;
    }
  });

  it('keeps the number an ordered list starts at, and leaves a table without alignment plain', () => {
    assert.equal(render('3. three\n4. four').root.querySelector('ol')?.getAttribute('start'), '3');
    const { root } = render('| a | b |\n|---|:--|\n| 1 | 2 |');
    assert.deepEqual(
      Array.from(root.querySelectorAll('th, td')).map((c) => c.className),
      ['', 'align-left', '', 'align-left'],
    );
  });
});

describe('PURIFY_CONFIG', () => {
  it('strips script, handlers, styles and unsafe URLs from HTML however it got there', () => {
    const dirty =
      '<a href="javascript:alert(1)">a</a><a href=" java\tscript:alert(1)">b</a><a href="https://ok.example/">c</a>' +
      '<img src=x onerror=alert(1)><script>alert(1)</script><svg onload=alert(1)></svg>' +
      '<button type="button" onclick="x()" data-action="copy" data-evil="1" aria-label="Copy code">b</button>' +
      '<div style="color:red" class="code-block" data-code-index="3">s</div><iframe src="https://x"></iframe>' +
      '<form action="https://x"><input></form><math><mi xlink:href="javascript:alert(1)">m</mi></math>';
    const root = dom(purifier.sanitize(dirty, PURIFY_CONFIG));
    assertNoScript(root);
    assert.equal(root.querySelectorAll('svg, math, iframe, form').length, 0);
    assert.deepEqual(
      Array.from(root.querySelectorAll('a')).map((a) => a.getAttribute('href')),
      [null, null, 'https://ok.example/'],
    );
    const button = root.querySelector('button');
    assert.equal(button?.getAttribute('data-action'), 'copy');
    assert.equal(button?.getAttribute('aria-label'), 'Copy code');
    assert.equal(button?.hasAttribute('data-evil'), false);
    assert.equal(root.querySelector('div')?.getAttribute('data-code-index'), '3');
  });
});
