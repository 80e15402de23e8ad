// Settings renamed when the settings were grouped into titled sections (server, routing, models and
// providers, privacy, chat). A user's value under an old name keeps working: it is read while the
// new name is unset, and on activation it moves to the new name at the same target (user or
// workspace settings). No vscode import, so a fake configuration can test it.
import type { SettingReader } from './settings-parse';

/** Old name → new name, both after `oblix.`. */
export const RENAMED_SETTINGS: Readonly<Record<string, string>> = {
  defaultModel: 'chat.defaultModel',
};

/** VS Code's configuration targets a user sets values at (a folder-level value of these window-scoped settings has no effect). */
export type SettingTarget = 'global' | 'workspace';

/** The values set at each target, as vscode.WorkspaceConfiguration.inspect returns them. */
export interface SetValues {
  globalValue?: unknown;
  workspaceValue?: unknown;
}

/** What the migration needs of vscode.WorkspaceConfiguration (for the `oblix` section). */
export interface SettingsStore {
  inspect(key: string): SetValues | undefined;
  update(key: string, value: unknown, target: SettingTarget): PromiseLike<void>;
}

const FIELD_OF: Readonly<Record<SettingTarget, keyof SetValues>> = { global: 'globalValue', workspace: 'workspaceValue' };
const OLD_NAME_OF: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(RENAMED_SETTINGS).map(([from, to]) => [to, from]));

function isSet(values: SetValues | undefined): boolean {
  return values?.globalValue !== undefined || values?.workspaceValue !== undefined;
}

/** `read`, except that a renamed setting the user has not set is read under its old name when that one is set. */
export function readingOldNames(store: Pick<SettingsStore, 'inspect'>, read: SettingReader): SettingReader {
  return (key) => {
    const old = OLD_NAME_OF[key];
    return old !== undefined && !isSet(store.inspect(key)) && isSet(store.inspect(old)) ? read(old) : read(key);
  };
}

/**
 * Moves each value set under an old name to the new name at the same target, then unsets the old
 * one. A value already set under the new name there wins: the old one, which had no effect, is only
 * unset. Returns what was done, in words, for the log.
 */
export async function migrateRenamedSettings(store: SettingsStore): Promise<string[]> {
  const done: string[] = [];
  for (const [from, to] of Object.entries(RENAMED_SETTINGS)) {
    for (const [target, field] of Object.entries(FIELD_OF) as [SettingTarget, keyof SetValues][]) {
      const value = store.inspect(from)?.[field];
      if (value === undefined) continue;
      const kept = store.inspect(to)?.[field] !== undefined;
      if (!kept) await store.update(to, value, target);
      await store.update(from, undefined, target);
      done.push(kept ? `oblix.${from} removed from ${target} settings (oblix.${to} is set there)` : `oblix.${from} moved to oblix.${to} in ${target} settings`);
    }
  }
  return done;
}
