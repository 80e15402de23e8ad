// Fake Anthropic Messages API: real validation, error shapes and SSE event sequence.
import type * as http from 'node:http';
import { FakeServer, applyStop, arr, countPromptTokens, isRecord, num, randomId, splitTokens, str, type Json } from './fake-server';

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

export class FakeAnthropic extends FakeServer {
  models: string[] = ['claude-sonnet-4-5'];
  // When set, requests must send "x-api-key: <apiKey>" or "Authorization: Bearer <apiKey>"
  // (@anthropic-ai/sdk 1.x sends its apiKey as a Bearer token).
  apiKey?: string;
  /** The thinking block's text when a request enables thinking. */
  thought = 'Let me think.';

  constructor(name = 'fake-anthropic') {
    super(name);
  }

  protected errorBody(status: number, message: string): unknown {
    return { type: 'error', error: { type: ERROR_TYPES[status] ?? 'api_error', message } };
  }

  protected async route(req: http.IncomingMessage, res: http.ServerResponse, path: string, body: unknown): Promise<boolean> {
    const key = `${req.method ?? 'GET'} ${path}`;
    if (key !== 'GET /v1/models' && key !== 'POST /v1/messages') return false;
    const keyOk = req.headers['x-api-key'] === this.apiKey || req.headers.authorization === `Bearer ${this.apiKey ?? ''}`;
    if (this.apiKey !== undefined && !keyOk) {
      this.sendError(res, 401, 'invalid x-api-key');
    } else if (!req.headers['anthropic-version']) {
      this.sendError(res, 400, 'anthropic-version: header is required');
    } else if (key === 'GET /v1/models') {
      const data = this.models.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' }));
      this.sendJson(res, 200, { data, has_more: false, first_id: this.models[0] ?? null, last_id: this.models[this.models.length - 1] ?? null });
    } else {
      await this.messages(res, body);
    }
    return true;
  }

  /** The real API's 400 message for a malformed request, or undefined when valid. */
  private invalid(body: unknown): string | undefined {
    if (!isRecord(body)) return 'request body must be a JSON object';
    if (typeof body.model !== 'string') return 'model: Field required';
    if (num(body, 'max_tokens') === undefined) return 'max_tokens: Field required';
    if (!Array.isArray(body.messages)) return 'messages: Field required';
    if (body.messages.some((m) => str(m, 'role') === 'system')) {
      return 'messages: Unexpected role "system". The Messages API accepts a top-level `system` parameter, not "system" as an input message role.';
    }
    return invalidTurns(body.messages);
  }

  private async messages(res: http.ServerResponse, body: unknown): Promise<void> {
    const problem = this.invalid(body);
    if (problem !== undefined) return this.sendError(res, 400, problem);
    const model = str(body, 'model') ?? '';
    if (!this.models.includes(model)) return this.sendError(res, 404, `model: ${model}`);
    if (!(await this.applyFaults(res))) return;

    const tool = this.toolCallFor(body);
    const stop = applyStop(this.reply, isRecord(body) ? body.stop_sequences : undefined);
    let tokens = tool ? [] : splitTokens(stop.text);
    const limit = num(body, 'max_tokens') ?? 0;
    const truncated = limit < tokens.length;
    if (truncated) tokens = tokens.slice(0, limit);
    const stopReason = tool ? 'tool_use' : truncated ? 'max_tokens' : stop.matched !== undefined ? 'stop_sequence' : 'end_turn';
    const stopSequence = stopReason === 'stop_sequence' ? stop.matched : null;

    const json = tool ? JSON.stringify(tool.arguments) : '';
    const outputTokens = tool ? Math.max(1, Math.ceil(json.length / 4)) : tokens.length;
    const inputTokens = countPromptTokens(arr(body, 'messages'), isRecord(body) ? body.system : undefined);
    const id = randomId('msg_');
    const toolId = randomId('toolu_');
    // With `thinking` enabled the answer opens with a signed thinking block, as the real API's does.
    const thinking = isRecord(body) && isRecord(body.thinking) && body.thinking.type === 'enabled' ? { type: 'thinking', thinking: this.thought, signature: 'sig-fake-1' } : null;

    if (!isRecord(body) || body.stream !== true) {
      const content = [...(thinking ? [thinking] : []), tool ? { type: 'tool_use', id: toolId, name: tool.name, input: tool.arguments } : { type: 'text', text: tokens.join('') }];
      return this.sendJson(res, 200, {
        id,
        type: 'message',
        role: 'assistant',
        model,
        content,
        stop_reason: stopReason,
        stop_sequence: stopSequence,
        usage: { input_tokens: inputTokens, output_tokens: outputTokens },
      });
    }

    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    const event = (type: string, data: Json): void => void res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
    const message = { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null };
    event('message_start', { message: { ...message, usage: { input_tokens: inputTokens, output_tokens: 1 } } });
    event('ping', {});
    const at = thinking ? 1 : 0;
    if (thinking) {
      event('content_block_start', { index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } });
      event('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking: thinking.thinking } });
      event('content_block_delta', { index: 0, delta: { type: 'signature_delta', signature: thinking.signature } });
      event('content_block_stop', { index: 0 });
    }
    event('content_block_start', {
      index: at,
      content_block: tool ? { type: 'tool_use', id: toolId, name: tool.name, input: {} } : { type: 'text', text: '' },
    });

    // Tool input arrives as partial_json fragments (2-3 pieces), like the real API.
    const third = Math.ceil(json.length / 3);
    const fragments = [json.slice(0, third), json.slice(third, 2 * third), json.slice(2 * third)].filter((s) => s !== '');
    const steps = tool
      ? fragments.map((f) => () => event('content_block_delta', { index: at, delta: { type: 'input_json_delta', partial_json: f } }))
      : tokens.map((t) => () => event('content_block_delta', { index: at, delta: { type: 'text_delta', text: t } }));
    const onError = (msg: string): void => event('error', { error: { type: 'api_error', message: msg } });
    if (!(await this.streamSteps(res, steps, onError))) return;

    event('content_block_stop', { index: at });
    event('message_delta', { delta: { stop_reason: stopReason, stop_sequence: stopSequence }, usage: { output_tokens: outputTokens } });
    event('message_stop', {});
    res.end();
  }
}

/**
 * The turn rules the real API enforces, checked here so a translation bug fails where it happens:
 * roles are user or assistant, the first turn is the user's, roles alternate (Oblix merges neighbours
 * of one role, so a repeat means a merge was lost), tool_use only in assistant turns, tool_result only
 * in user turns and each answering a tool_use of the assistant turn just before.
 */
export function invalidTurns(messages: unknown[]): string | undefined {
  if (messages.length === 0) return 'messages: at least one message is required';
  let prev: string | undefined;
  let prevToolUses = new Set<string>();
  for (const [i, m] of messages.entries()) {
    const role = str(m, 'role');
    if (role !== 'user' && role !== 'assistant') return `messages.${i}.role: Input should be 'user' or 'assistant'`;
    if (i === 0 && role !== 'user') return 'messages: first message must use the "user" role';
    if (role === prev) return `messages.${i}: roles must alternate between "user" and "assistant", but found multiple "${role}" roles in a row`;
    const content = isRecord(m) ? m.content : undefined;
    const blocks = typeof content === 'string' ? [] : Array.isArray(content) ? content : undefined;
    if (blocks === undefined) return `messages.${i}.content: Input should be a valid list or string`;
    if (typeof content === 'string' && content === '' && role === 'user') return `messages.${i}: user messages must have non-empty content`;
    if (Array.isArray(content) && content.length === 0) return `messages.${i}: all messages must have non-empty content except for the optional final assistant message`;
    const uses = new Set<string>();
    for (const [j, b] of blocks.entries()) {
      const type = str(b, 'type');
      if (type === 'text' && (str(b, 'text') ?? '') === '') return `messages.${i}.content.${j}: text content blocks must be non-empty`;
      if (type === 'tool_use') {
        if (role !== 'assistant') return `messages.${i}.content.${j}: tool_use blocks can only be in assistant messages`;
        uses.add(str(b, 'id') ?? '');
      } else if (type === 'tool_result') {
        if (role !== 'user') return `messages.${i}.content.${j}: tool_result blocks can only be in user messages`;
        const id = str(b, 'tool_use_id') ?? '';
        if (!prevToolUses.has(id))
          return `messages.${i}.content.${j}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
      }
    }
    prev = role;
    prevToolUses = uses;
  }
  return undefined;
}
