// `oblix.*` settings (plus keys from SecretStorage or the environment) → the core's OblixConfig.
// The parsing itself is in settings-parse.ts, free of VS Code.
import * as vscode from 'vscode';
import type { KeyStore } from './secrets';
import { parseSettings, type ExtensionSettings } from './settings-parse';

export type { ExtensionSettings } from './settings-parse';

export function readSettings(keys: KeyStore): Promise<ExtensionSettings> {
  const c = vscode.workspace.getConfiguration('oblix');
  return parseSettings((key) => c.get(key), keys);
}

/** Settings named in the log line of a reload (the server itself restarts only when its address or enabled state changes). */
export const SERVER_SETTINGS = ['oblix.server.host', 'oblix.server.port', 'oblix.server.enabled'];
