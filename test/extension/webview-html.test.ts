// Oblix's webviews share one HTML shell: a CSP that lets scripts run only with this page's nonce and
// loads nothing from outside the extension.
import assert from 'node:assert/strict';
import { useFakeVscode } from '../lm/fake-vscode';

useFakeVscode();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the fake 'vscode' is in place
const { webviewHtml } = require('../../src/extension/webview-html') as typeof import('../../src/extension/webview-html');

const webview = { cspSource: 'vscode-resource:', asWebviewUri: (u: { path: string }) => `vscode-resource:${u.path}` };

describe('webview HTML', () => {
  it('allows scripts only with its nonce, styles, fonts and images only from the extension, and links local files', () => {
    const html = webviewHtml(webview as never, { path: '/ext' } as never, {
      title: 'T',
      styles: ['dist/a.css', 'media/b.css'],
      script: 'dist/p.js',
      body: '<main id="app"></main>',
    });
    const csp = /content="([^"]+)"/.exec(html)![1]!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    assert.equal(csp, `default-src 'none'; img-src vscode-resource: data:; style-src vscode-resource:; font-src vscode-resource:; script-src 'nonce-${nonce}'`);
    assert.match(html, new RegExp(`<script nonce="${nonce.replace(/[+/=]/g, '\\$&')}" src="vscode-resource:/ext/dist/p.js"></script>`));
    assert.match(html, /<link href="vscode-resource:\/ext\/dist\/a.css" rel="stylesheet">\n<link href="vscode-resource:\/ext\/media\/b.css" rel="stylesheet">/);
    assert.match(html, /<title>T<\/title>[\s\S]*<main id="app"><\/main>/);
    assert.doesNotMatch(html, /https?:/);
    const again = /'nonce-([^']+)'/.exec(webviewHtml(webview as never, { path: '/ext' } as never, { title: 'T', styles: [], script: 'x.js', body: '' }))![1];
    assert.notEqual(again, nonce, 'a new nonce per page');
  });
});
