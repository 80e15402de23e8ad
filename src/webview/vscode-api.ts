// The API VS Code injects into webviews. It may be acquired only once per page, so main.ts does it.
import type { FromWebview } from './protocol';

/** What the webview keeps across being hidden and shown again (the extension keeps the rest). */
export interface WebviewState {
  draft: string;
}

export interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): WebviewState | undefined;
  setState(state: WebviewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export function vscodeApi(): VsCodeApi {
  return acquireVsCodeApi();
}

/** Posts messages from the view modules, which never see the API itself. */
export type Post = (message: FromWebview) => void;
