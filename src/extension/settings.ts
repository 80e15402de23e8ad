// `oblix.*` settings (plus keys from SecretStorage or the environment) → the core's OblixConfig.
// The parsing itself is in settings-parse.ts, free of VS Code; renamed settings in settings-renamed.ts.
import * as vscode from 'vscode';
import { errorMessage } from '../core/errors/error-message';
import type { KeyStore } from './secrets';
import { parseSettings, type ExtensionSettings } from './settings-parse';
import { migrateRenamedSettings, readingOldNames, type SettingsStore } from './settings-renamed';

export type { ExtensionSettings } from './settings-parse';

export function readSettings(keys: KeyStore): Promise<ExtensionSettings> {
  const c = vscode.workspace.getConfiguration('oblix');
  return parseSettings(
    readingOldNames(c, (key) => c.get(key)),
    keys,
  );
}

/** Moves a user's values under old setting names to the new names (on activation); logs what moved, and a failure. */
export async function migrateSettings(log: vscode.LogOutputChannel): Promise<void> {
  const c = vscode.workspace.getConfiguration('oblix');
  const store: SettingsStore = {
    inspect: (key) => c.inspect(key),
    update: (key, value, target) => c.update(key, value, target === 'global' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace),
  };
  try {
    for (const line of await migrateRenamedSettings(store)) log.info(`Settings: ${line}`);
  } catch (err) {
    // The old names are still read, so nothing stops working: say so and go on.
    log.warn(`Settings: could not move renamed settings (their old names still work): ${errorMessage(err)}`);
  }
}

/** Settings named in the log line of a reload (the server itself restarts only when its address or enabled state changes). */
export const SERVER_SETTINGS = ['oblix.server.host', 'oblix.server.port', 'oblix.server.enabled'];
