// Where `oblix serve`, `oblix chat` and the SDK keep their files (sessions, the ledger): the
// `dataDir` field or `--data-dir`, else OBLIX_DATA_DIR, else ~/.oblix. The extension keeps its own
// in VS Code's global storage and never reads this.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function dataDirOf(dataDir: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  const given = dataDir || env.OBLIX_DATA_DIR?.trim();
  return given ? resolve(given) : join(homedir(), '.oblix');
}
