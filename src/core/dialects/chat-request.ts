// The internal request a dialect builds: chat-completions shape with the defaults a request that
// named nothing would get, so a translated request looks to the router like any other.
import type { ChatMessage, ChatRequest } from '../request';

export function chatRequest(model: string, messages: ChatMessage[], stream: boolean, fields: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model,
    // Before any alias: what the client asked for, a routing signal (routing/task-kind.ts).
    requestedModel: model,
    messages,
    // Both the Messages and the Responses API default to temperature 1; not in `explicit` unless sent.
    temperature: 1,
    top_p: 1,
    n: 1,
    stream,
    includeUsage: true,
    maxTokens: null,
    maxTokensParam: null,
    presence_penalty: 0,
    frequency_penalty: 0,
    logit_bias: null,
    user: null,
    stop: null,
    seed: null,
    response_format: null,
    tools: null,
    tool_choice: null,
    explicit: new Set(),
    extra: {},
    ...fields,
  };
}
