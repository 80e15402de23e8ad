// The line under each answer: which model served it, why, the tokens and the time.
import type { ExecuteResult } from '../../sdk/execute-types';

export function answerFooter(r: Pick<ExecuteResult, 'model' | 'reason' | 'usage' | 'timeMs' | 'status'>): string {
  const tokens = r.usage ? `${r.usage.prompt_tokens} in, ${r.usage.completion_tokens} out` : 'tokens not told';
  const parts = [r.model, r.reason || 'no reason given', tokens, `${(r.timeMs / 1000).toFixed(1)} s`];
  if (r.status === 'stopped') parts.push('stopped');
  return parts.join(' · ');
}
