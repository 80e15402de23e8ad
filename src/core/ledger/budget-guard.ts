// A spent cloud budget stops cloud answers: `auto` keeps only local candidates (reason
// `budget-spent`), so autocomplete and background calls still answer; an explicit cloud id is
// refused. A pure step on the policy's plan, like the secret guard.
import { OblixError } from '../errors/oblix-error';
import type { Candidate, Plan } from '../routing/policy';
import type { PeriodState } from './budget';

export function keepWithinBudget(plan: Plan, spent: PeriodState, isLocal: (id: string) => boolean): Plan {
  const local: Candidate[] = [];
  const passedOver = [...plan.passedOver];
  for (const c of plan.candidates) {
    if (isLocal(c.id)) local.push(c);
    else passedOver.push({ id: c.id, code: 'budget-spent', detail: `${c.id} is a cloud model and the ${spent.period} budget is spent` });
  }
  if (local.length === 0) throw budgetExceeded(spent, 'no local model can serve this request');
  if (local.length === plan.candidates.length) return plan; // nothing changed: the reason stays the policy's
  const [first, ...rest] = local;
  return { candidates: [{ ...first!, reason: 'budget-spent' }, ...rest], passedOver };
}

/**
 * 402 `budget_exceeded`. 402, not 403: it is the status for "out of money" (Anthropic's
 * `billing_error`, what OpenRouter sends when credit runs out), so clients show it as such; and
 * like 403 the OpenAI and Anthropic SDKs do not retry it (they retry 408, 409, 429 and 5xx), which
 * matters: sent again, the request would be refused again until the budget resets.
 */
export function budgetExceeded(s: PeriodState, why: string): OblixError {
  const field = s.period === 'daily' ? 'dailyUSD' : 'monthlyUSD';
  return OblixError.of(
    'budget_exceeded',
    `The ${s.period} cloud budget is spent ($${s.spentUSD.toFixed(2)} of $${s.limitUSD.toFixed(2)}) and ${why}. It resets at ${new Date(s.resetsAt).toISOString()}. Use a local model or 'auto' until then, or raise budget.${field} (oblix.budget.${field} in VS Code).`,
    { param: 'model' },
  );
}
