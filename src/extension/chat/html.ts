// The chat webview's HTML: the shared shell (webview-html.ts) with the chat's styles and script.
import type * as vscode from 'vscode';
import { webviewHtml } from '../webview-html';

export function chatHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewHtml(webview, extensionUri, {
    title: 'Oblix Chat',
    styles: ['dist/codicons/codicon.css', 'media/chat.css'],
    script: 'dist/webview.js',
    body: '<div id="app"></div>',
  });
}
