// Markdown → sanitized HTML for assistant answers. markdown-it parses (raw HTML off), highlight.js
// colours code, DOMPurify has the last word: an answer is untrusted text from a model.
import MarkdownIt from 'markdown-it';
import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';
import { highlightCode, vscodeLanguageId } from './highlight';

/** One fenced or indented code block of an answer, kept raw for the Copy / Insert / Open buttons. */
export interface CodeBlock {
  code: string;
  /** The fence's language tag as written (sanitized), '' when none. */
  lang: string;
  /** A VS Code language id for "Open in new editor" ('plaintext' when unknown). */
  language: string;
}

export interface RenderedMarkdown {
  html: string;
  /** Indexed by the `data-code-index` of each `.code-block` in `html`. */
  codeBlocks: CodeBlock[];
}

/** markdown-it hands this to the renderer rules, which collect each block's raw code into it. */
interface RenderEnv extends MarkdownIt.Env {
  codeBlocks: CodeBlock[];
}

function codeBlocksOf(env: MarkdownIt.Env | undefined): CodeBlock[] {
  const list: unknown = env?.codeBlocks;
  return Array.isArray(list) ? (list as CodeBlock[]) : [];
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
// Images would be remote resources the CSP blocks anyway: show them as links instead.
md.disable('image');

const { escapeHtml, unescapeAll } = md.utils;

/** The action buttons of a code block; `data-action` is what main.ts dispatches on. */
const CODE_ACTIONS: ReadonlyArray<{ action: string; icon: string; label: string; title: string }> = [
  { action: 'copy', icon: 'copy', label: 'Copy code', title: 'Copy' },
  { action: 'insert', icon: 'insert', label: 'Insert code at cursor', title: 'Insert at Cursor' },
  { action: 'open', icon: 'go-to-file', label: 'Open code in new editor', title: 'Open in New Editor' },
];

/** Keeps a fence's language tag to characters that are safe in a class name and an attribute. */
function cleanLang(info: string): string {
  const first = unescapeAll(info).trim().split(/\s+/)[0] ?? '';
  return first
    .replace(/[^\w+#.-]/g, '')
    .slice(0, 32)
    .toLowerCase();
}

function renderCodeBlock(code: string, lang: string, codeBlocks: CodeBlock[]): string {
  const index = codeBlocks.push({ code, lang, language: vscodeLanguageId(lang) }) - 1;
  const highlighted = highlightCode(code, lang) ?? escapeHtml(code);
  const langClass = lang ? ` language-${lang}` : '';
  const buttons = CODE_ACTIONS.map(
    (a) =>
      `<button type="button" class="code-action" data-action="${a.action}" data-testid="code-${a.action}" ` +
      `aria-label="${a.label}" title="${a.title}"><span class="codicon codicon-${a.icon}" aria-hidden="true"></span></button>`,
  ).join('');
  return (
    `<div class="code-block" data-lang="${lang || 'text'}" data-code-index="${index}">` +
    `<div class="code-actions"><span class="code-lang">${lang || 'text'}</span>${buttons}</div>` +
    `<pre><code class="hljs${langClass}">${highlighted}</code></pre></div>\n`
  );
}

md.renderer.rules.fence = (tokens, idx, _options, env) => {
  const token = tokens[idx];
  return token ? renderCodeBlock(token.content, cleanLang(token.info), codeBlocksOf(env)) : '';
};
md.renderer.rules.code_block = (tokens, idx, _options, env) => {
  const token = tokens[idx];
  return token ? renderCodeBlock(token.content, '', codeBlocksOf(env)) : '';
};

// Table alignment arrives as style="text-align:…", which the CSP and the sanitizer drop: use classes.
md.core.ruler.push('align_classes', (state) => {
  for (const token of state.tokens) {
    if (token.type !== 'th_open' && token.type !== 'td_open') continue;
    const align = /text-align:(left|center|right)/.exec(String(token.attrGet('style') ?? ''))?.[1];
    token.attrs = align ? [['class', `align-${align}`]] : null;
  }
});

/** Only what markdown-it (with html: false) and renderCodeBlock produce; everything else goes. */
export const PURIFY_CONFIG: Config = {
  ALLOWED_TAGS: [
    'a',
    'p',
    'br',
    'hr',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'strong',
    'em',
    's',
    'del',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'span',
    'div',
    'button',
  ],
  ALLOWED_ATTR: ['href', 'title', 'class', 'start', 'type', 'aria-label', 'aria-hidden', 'data-lang', 'data-code-index', 'data-action', 'data-testid'],
  // DOMPurify checks every attribute not listed as URI-safe against ALLOWED_URI_REGEXP, so the
  // non-URL ones are listed here and only href is held to the strict web/mail pattern below.
  ADD_URI_SAFE_ATTR: ['start', 'type', 'aria-label', 'aria-hidden', 'data-lang', 'data-code-index', 'data-action', 'data-testid'],
  ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
};

let defaultPurifier: Purifier | undefined;

/** The purifier of the page's own window; tests pass one made from a jsdom window instead. */
function pagePurifier(): Purifier {
  if (defaultPurifier) return defaultPurifier;
  if (DOMPurify.isSupported) return (defaultPurifier = DOMPurify);
  if (typeof window === 'undefined') throw new Error('renderMarkdown needs a DOM: pass a DOMPurify instance');
  return (defaultPurifier = DOMPurify(window));
}

/** Renders Markdown and returns the sanitized HTML with the raw code of each block. */
export function renderMarkdownBlocks(text: string, purifier: Purifier = pagePurifier()): RenderedMarkdown {
  const env: RenderEnv = { codeBlocks: [] };
  const raw = md.render(text, env);
  return { html: purifier.sanitize(raw, PURIFY_CONFIG), codeBlocks: env.codeBlocks };
}

/** Renders Markdown to sanitized HTML (the code of each block: see renderMarkdownBlocks). */
export function renderMarkdown(text: string, purifier?: Purifier): string {
  return renderMarkdownBlocks(text, purifier).html;
}
