// The CLI's usage ledger, in its data dir (config/data-dir.ts: --data-dir or dataDir, else OBLIX_DATA_DIR, else ~/.oblix).
import path from 'node:path';
import type { OblixConfig } from '../core/config/config';
import { dataDirOf } from '../core/config/data-dir';
import { Ledger } from '../core/ledger/ledger';

/** The ledger of `oblix serve` and `oblix usage`: `<data dir>/usage/usage-YYYY-MM.jsonl`. */
export function openLedger(config: OblixConfig): Ledger {
  return new Ledger({
    dir: path.join(dataDirOf(config.dataDir, process.env), 'usage'),
    ...(config.prices && { prices: config.prices }),
    ...(config.budget && { budget: config.budget }),
    onError: (err) => console.error(`oblix: the usage ledger could not be written: ${err.message}`),
  });
}
