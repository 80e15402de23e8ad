// The one HTML shell of Oblix's webviews: a strict Content-Security-Policy with a nonce (scripts only
// with it, styles, images and fonts only from the extension), local files only, no CDN.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export interface WebviewPage {
  title: string;
  /** Style sheets, as paths under the extension's folder (`dist/…`, `media/…`). */
  styles: readonly string[];
  /** The page's script, a path under the extension's folder. */
  script: string;
  /** What the body holds before the script runs. */
  body: string;
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage): string {
  const nonce = randomBytes(16).toString('base64');
  const uri = (p: string): vscode.Uri => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...p.split('/')));
  const csp = ["default-src 'none'", `img-src ${webview.cspSource} data:`, `style-src ${webview.cspSource}`, `font-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join(
    '; ',
  );
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${page.styles.map((s) => `<link href="${uri(s)}" rel="stylesheet">`).join('\n')}
<title>${page.title}</title>
</head>
<body>
${page.body}
<script nonce="${nonce}" src="${uri(page.script)}"></script>
</body>
</html>`;
}
