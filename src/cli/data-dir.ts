// Where the CLI keeps its data (the usage ledger): `dataDir` (--data-dir, OBLIX_DATA_DIR), else ~/.oblix.
import os from 'node:os';
import path from 'node:path';
import type { OblixConfig } from '../core/config/config';
import { Ledger } from '../core/ledger/ledger';

export function dataDirOf(config: OblixConfig): string {
  return path.resolve(config.dataDir ?? path.join(os.homedir(), '.oblix'));
}

/** The ledger of `oblix serve` and `oblix usage`: `<data dir>/usage/usage-YYYY-MM.jsonl`. */
export function openLedger(config: OblixConfig): Ledger {
  return new Ledger({
    dir: path.join(dataDirOf(config), 'usage'),
    ...(config.prices && { prices: config.prices }),
    ...(config.budget && { budget: config.budget }),
    onError: (err) => console.error(`oblix: the usage ledger could not be written: ${err.message}`),
  });
}
