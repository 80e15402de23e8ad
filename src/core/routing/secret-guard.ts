// A prompt that carries a credential never reaches a cloud model: a pure step on the policy's plan
// (after the candidates are ordered, before stickiness), and the check an explicit cloud id passes.
import { OblixError } from '../errors/oblix-error';
import type { Candidate, Plan } from './policy';

/**
 * Only local candidates remain, the first with reason `secret-kept-local`; the cloud ones are
 * passed over with the rule that matched (never the secret). With no local one left, the refusal.
 */
export function keepSecretLocal(plan: Plan, rule: string, isLocal: (id: string) => boolean): Plan {
  const local: Candidate[] = [];
  const passedOver = [...plan.passedOver];
  for (const c of plan.candidates) {
    if (isLocal(c.id)) local.push(c);
    else passedOver.push({ id: c.id, code: 'secret-kept-local', detail: `${c.id} is a cloud model and the prompt carries a credential (rule ${rule})` });
  }
  if (local.length === 0) throw secretRefused(rule, 'no local model can serve it');
  const [first, ...rest] = local;
  return { candidates: [{ ...first!, reason: 'secret-kept-local' }, ...rest], passedOver };
}

/**
 * 403 `secret_in_prompt`: the request is well formed but may not go where it could be served. Not a
 * 400 (nothing in it is invalid), nor 408/409/429/5xx, which the OpenAI and Anthropic SDKs retry:
 * sent again, the same prompt would be refused again.
 */
export function secretRefused(rule: string, why: string): OblixError {
  return OblixError.of(
    'secret_in_prompt',
    `The prompt carries a credential (rule ${rule}) and ${why}: Oblix does not send credentials to a cloud model. Remove the credential, serve it with a local model, or set privacy.secrets to "allow".`,
  );
}
