// Where Oblix runs in a remote window (Remote-SSH, WSL, dev containers, Codespaces), in words for the
// status bar: `127.0.0.1` in the endpoint's address and in oblix.ollama.host means that machine. No
// vscode import, so it is tested without VS Code.

/** vscode.ExtensionKind.Workspace: the extension runs in the remote extension host. */
export const EXTENSION_KIND_WORKSPACE = 2;

/**
 * `remoteName`: vscode.env.remoteName (undefined in a local window); `kind`: the running extension's
 * vscode.ExtensionKind. Null in a local window, where there is only one machine to speak of.
 */
export function whereOblixRuns(remoteName: string | undefined, kind: number): string | null {
  if (!remoteName) return null;
  return kind === EXTENSION_KIND_WORKSPACE
    ? `Oblix runs on the remote (${remoteName}): its endpoint and 127.0.0.1 in oblix.ollama.host are that machine's.`
    : `Oblix runs on your machine, beside this ${remoteName} window: its endpoint and 127.0.0.1 in oblix.ollama.host are your machine's.`;
}
