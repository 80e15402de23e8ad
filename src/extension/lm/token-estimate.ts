// provideTokenCount's estimate: the router's own (core/routing/request-features.ts), so VS Code
// budgets prompts the way Oblix will judge them when it routes.
import { estimateMessages } from '../../core/routing/request-features';
import { estimateTokens as estimateText } from '../../core/routing/token-estimate';
import type { MessageLike } from './parts';
import { toOpenAIMessages } from './to-openai';

export function estimateTokens(input: string | MessageLike): number {
  return typeof input === 'string' ? estimateText(input) : estimateMessages(toOpenAIMessages(input));
}
