// Anthropic's Messages API: errors in Anthropic's shape.
import type { Dialect } from '../dialect';
import { handleCountTokens } from './count-tokens';
import { sendAnthropicError } from './errors';
import { handleMessages } from './handler';

export const anthropicMessages: Dialect = {
  routes: { '/v1/messages': { POST: handleMessages }, '/v1/messages/count_tokens': { POST: handleCountTokens } },
  sendError: sendAnthropicError,
};
