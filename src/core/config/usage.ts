// `prices` and `budget`: what the ledger prices answers with and the spend it holds cloud models to.
import type { BudgetLimits } from '../ledger/budget';
import type { Price } from '../ledger/prices';
import { BUDGET_FIELDS, PRICE_FIELDS } from './fields';
import { isRecord, isUnset, type ProblemLog } from './problem';

/** Far above any real price or budget: a bigger number is a typo (cents for dollars...). */
const MAX_USD = 1_000_000;

/** `{"<model id or name>": {"input": USD per million, "output": USD per million}}`; a bad entry is left out. */
export function readPrices(v: unknown, log: ProblemLog): Record<string, Price> | undefined {
  if (isUnset(v)) return undefined;
  if (!isRecord(v)) {
    log.add('prices', 'must be an object of model ids to {"input": USD, "output": USD} per million tokens', 'using the built-in prices');
    return undefined;
  }
  const out: Record<string, Price> = {};
  for (const [id, entry] of Object.entries(v)) {
    const field = `prices.${id}`;
    if (!isRecord(entry)) {
      log.add(field, 'must be an object {"input": USD, "output": USD} per million tokens', 'left out');
      continue;
    }
    log.unknownFields(field, entry, PRICE_FIELDS);
    if (typeof entry.input !== 'number' || typeof entry.output !== 'number') {
      log.add(field, 'needs both "input" and "output", numbers of USD per million tokens', 'left out');
      continue;
    }
    // A wrong number leaves the entry out (fallback -1), never prices the model at a made-up 0.
    const input = log.number(`${field}.input`, entry.input, -1, 0, MAX_USD);
    const output = log.number(`${field}.output`, entry.output, -1, 0, MAX_USD);
    if (input >= 0 && output >= 0) out[id] = { input, output };
  }
  return out;
}

/** `{"dailyUSD": n, "monthlyUSD": n}`, each optional; 0 allows no cloud spend at all. */
export function readBudget(v: unknown, log: ProblemLog): BudgetLimits | undefined {
  if (isUnset(v)) return undefined;
  if (!isRecord(v)) {
    log.add('budget', `must be an object with any of ${BUDGET_FIELDS.join(', ')}`, 'no budget');
    return undefined;
  }
  log.unknownFields('budget', v, BUDGET_FIELDS);
  const out: BudgetLimits = {};
  for (const key of BUDGET_FIELDS) {
    if (isUnset(v[key])) continue;
    const n = log.number(`budget.${key}`, v[key], -1, 0, MAX_USD);
    if (n >= 0) out[key] = n;
  }
  return out;
}
