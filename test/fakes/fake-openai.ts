// Fake OpenAI Chat Completions server: same JSON and SSE chunk shapes as api.openai.com/v1; the
// Responses API too (/v1/responses, shapes in responses-wire.ts).
import type * as http from 'node:http';
import { createHash } from 'node:crypto';
import { FakeServer, applyStop, arr, countPromptTokens, isRecord, num, randomId, splitTokens, str, type Json } from './fake-server';
import { ResponsesWire, invalidResponses, type WireEvent } from './responses-wire';

function errorType(status: number): { type: string; code: string | null } {
  if (status === 401) return { type: 'invalid_request_error', code: 'invalid_api_key' };
  if (status === 404) return { type: 'invalid_request_error', code: 'model_not_found' };
  if (status === 429) return { type: 'requests', code: 'rate_limit_exceeded' };
  if (status >= 500) return { type: 'server_error', code: null };
  return { type: 'invalid_request_error', code: null };
}

export class FakeOpenAI extends FakeServer {
  models: string[] = ['gpt-4o-mini'];
  /** Models that answer legacy /v1/completions and /v1/embeddings. */
  completionModels: string[] = ['gpt-3.5-turbo-instruct'];
  embeddingModels: string[] = ['text-embedding-3-small'];
  apiKey?: string; // when set, requests must send "Authorization: Bearer <apiKey>"
  /** The events of the last /v1/responses stream, as this fake sent them. */
  responsesSent: WireEvent[] = [];

  constructor(name = 'fake-openai') {
    super(name);
  }

  protected errorBody(status: number, message: string): unknown {
    const { type, code } = errorType(status);
    return { error: { message, type, param: this.faults.param ?? null, code } };
  }

  protected async route(req: http.IncomingMessage, res: http.ServerResponse, path: string, body: unknown): Promise<boolean> {
    const key = `${req.method ?? 'GET'} ${path}`;
    if (!['GET /v1/models', 'POST /v1/chat/completions', 'POST /v1/completions', 'POST /v1/embeddings', 'POST /v1/responses'].includes(key)) return false;
    if (this.apiKey !== undefined && req.headers.authorization !== `Bearer ${this.apiKey}`) {
      this.sendError(res, 401, 'Incorrect API key provided');
    } else if (key === 'GET /v1/models') {
      const data = this.models.map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'fake' }));
      this.sendJson(res, 200, { object: 'list', data });
    } else if (key === 'POST /v1/completions') {
      await this.textCompletions(res, body);
    } else if (key === 'POST /v1/embeddings') {
      await this.embeddings(res, body);
    } else if (key === 'POST /v1/responses') {
      await this.responses(res, body);
    } else {
      await this.completions(res, body);
    }
    return true;
  }

  /** Legacy /v1/completions: `text_completion` objects, streamed as SSE with `data: [DONE]`. */
  private async textCompletions(res: http.ServerResponse, body: unknown): Promise<void> {
    const model = str(body, 'model') ?? '';
    if (!this.completionModels.includes(model)) return this.sendError(res, 404, `The model \`${model}\` does not exist or you do not have access to it.`);
    if (!(await this.applyFaults(res))) return;
    let tokens = splitTokens(applyStop(this.reply, isRecord(body) ? body.stop : undefined).text);
    const limit = num(body, 'max_tokens') ?? 16;
    const truncated = limit < tokens.length;
    if (truncated) tokens = tokens.slice(0, limit);
    const finish = truncated ? 'length' : 'stop';
    const promptTokens = Math.max(1, Math.ceil((str(body, 'prompt') ?? '').length / 4));
    // `n` choices per prompt, like the real API (usage counts every choice's tokens).
    const n = Math.max(1, num(body, 'n') ?? 1);
    const indexes = Array.from({ length: n }, (_, i) => i);
    const usage = { prompt_tokens: promptTokens, completion_tokens: tokens.length * n, total_tokens: promptTokens + tokens.length * n };
    const head = { id: randomId('cmpl-'), object: 'text_completion', created: Math.floor(Date.now() / 1000), model };
    if (!isRecord(body) || body.stream !== true) {
      return this.sendJson(res, 200, { ...head, choices: indexes.map((index) => ({ text: tokens.join(''), index, logprobs: null, finish_reason: finish })), usage });
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8' });
    const send = (data: Json): void => void res.write(`data: ${JSON.stringify(data)}\n\n`);
    // One event per choice and token, as the real API streams them.
    const steps = tokens.flatMap((t) => indexes.map((index) => () => send({ ...head, choices: [{ text: t, index, logprobs: null, finish_reason: null }] })));
    if (!(await this.streamSteps(res, steps, (message) => send({ error: { message, type: 'server_error', param: null, code: null } })))) return;
    for (const index of indexes) send({ ...head, choices: [{ text: '', index, logprobs: null, finish_reason: finish }] });
    if (isRecord(body.stream_options) && body.stream_options.include_usage === true) send({ ...head, choices: [], usage });
    res.write('data: [DONE]\n\n');
    res.end();
  }

  /** /v1/responses: the response object, or its SSE events (`event:` names and `data:` with sequence_number), no [DONE]. */
  private async responses(res: http.ServerResponse, body: unknown): Promise<void> {
    const b = isRecord(body) ? body : {};
    const model = str(b, 'model') ?? '';
    if (!this.models.includes(model)) return this.sendError(res, 404, `The model \`${model}\` does not exist or you do not have access to it.`);
    const problem = invalidResponses(b);
    if (problem) return this.sendJson(res, 400, { error: { message: problem.message, type: 'invalid_request_error', param: problem.param, code: null } });
    if (!(await this.applyFaults(res))) return;
    const tool = this.toolCallFor(b);
    let tokens = tool ? [] : splitTokens(this.reply);
    const limit = num(b, 'max_output_tokens');
    const truncated = limit !== undefined && limit < tokens.length;
    if (truncated) tokens = tokens.slice(0, limit);
    const custom = tool !== undefined && arr(b, 'tools').some((t) => str(t, 'type') === 'custom' && str(t, 'name') === tool.name);
    const call = tool && { name: tool.name, custom, args: custom ? String(tool.arguments.input ?? '') : JSON.stringify(tool.arguments) };
    const input = typeof b.input === 'string' ? b.input : JSON.stringify(b.input);
    const wire = new ResponsesWire(model, b, { tokens, call, truncated, inputTokens: Math.max(1, Math.ceil(((str(b, 'instructions') ?? '') + input).length / 4)) });
    if (b.stream !== true) return this.sendJson(res, 200, wire.whole());
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    const sent: WireEvent[] = (this.responsesSent = []);
    const send = (ev: WireEvent): void => {
      const data = JSON.stringify(ev);
      sent.push(JSON.parse(data) as WireEvent);
      res.write(`event: ${ev.type}\ndata: ${data}\n\n`);
    };
    const steps = wire.steps(send);
    steps.head();
    if (!(await this.streamSteps(res, steps.tokens, (message) => send(wire.failed(message))))) return;
    steps.tail();
    res.end();
  }

  /** /v1/embeddings: a deterministic vector per input (3 numbers, or `dimensions`), floats or base64. */
  private async embeddings(res: http.ServerResponse, body: unknown): Promise<void> {
    const model = str(body, 'model') ?? '';
    if (!this.embeddingModels.includes(model)) return this.sendError(res, 404, `The model \`${model}\` does not exist or you do not have access to it.`);
    if (!(await this.applyFaults(res))) return;
    const input = isRecord(body) ? body.input : undefined;
    const list: unknown[] = typeof input === 'string' ? [input] : Array.isArray(input) ? (input.every((x) => typeof x === 'number') ? [input] : input) : [];
    const dims = num(body, 'dimensions') ?? 3;
    const data = list.map((x, index) => {
      const v = fakeOpenAIVector(model, x, dims);
      return { object: 'embedding', index, embedding: str(body, 'encoding_format') === 'base64' ? Buffer.from(new Float32Array(v).buffer).toString('base64') : v };
    });
    this.sendJson(res, 200, { object: 'list', data, model, usage: { prompt_tokens: list.length, total_tokens: list.length } });
  }

  private async completions(res: http.ServerResponse, body: unknown): Promise<void> {
    const model = str(body, 'model') ?? '';
    if (!this.models.includes(model)) {
      return this.sendError(res, 404, `The model \`${model}\` does not exist or you do not have access to it.`);
    }
    const problem = invalidMessages(arr(body, 'messages'));
    if (problem !== undefined) return this.sendError(res, 400, problem);
    if (!(await this.applyFaults(res))) return;

    const n = Math.max(1, num(body, 'n') ?? 1);
    const tool = this.toolCallFor(body);
    const stop = applyStop(this.reply, isRecord(body) ? body.stop : undefined);
    let tokens = tool ? [] : splitTokens(stop.text);
    const limit = num(body, 'max_completion_tokens') ?? num(body, 'max_tokens');
    const truncated = limit !== undefined && limit < tokens.length;
    if (truncated) tokens = tokens.slice(0, limit);
    const finish = tool ? 'tool_calls' : truncated ? 'length' : 'stop';

    const callId = randomId('call_');
    const args = tool ? JSON.stringify(tool.arguments) : '';
    const completionTokens = tool ? Math.max(1, Math.ceil(args.length / 4)) : tokens.length;
    const promptTokens = countPromptTokens(arr(body, 'messages'));
    const usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens * n, total_tokens: promptTokens + completionTokens * n };
    const id = randomId('chatcmpl-');
    const created = Math.floor(Date.now() / 1000);
    const head = (object: string): Json => ({ id, object, created, model, system_fingerprint: 'fp_fake' });
    const choiceIdx = Array.from({ length: n }, (_, i) => i);

    if (!isRecord(body) || body.stream !== true) {
      const message = tool
        ? { role: 'assistant', content: null, refusal: null, tool_calls: [{ id: callId, type: 'function', function: { name: tool.name, arguments: args } }] }
        : { role: 'assistant', content: tokens.join(''), refusal: null };
      const choices = choiceIdx.map((index) => ({ index, message, logprobs: null, finish_reason: finish }));
      return this.sendJson(res, 200, { ...head('chat.completion'), choices, usage });
    }

    const includeUsage = isRecord(body.stream_options) && body.stream_options.include_usage === true;
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    const send = (data: Json): void => void res.write(`data: ${JSON.stringify(data)}\n\n`);
    const chunk = (choices: Json[], extra: Json = {}): void => send({ ...head('chat.completion.chunk'), choices, ...(includeUsage ? { usage: null } : {}), ...extra });
    const each = (delta: Json, finishReason: string | null = null): void => chunk(choiceIdx.map((index) => ({ index, delta, logprobs: null, finish_reason: finishReason })));

    // Tool arguments arrive as string fragments, like the real API.
    const third = Math.ceil(args.length / 3);
    const fragments = tool ? [args.slice(0, third), args.slice(third, 2 * third), args.slice(2 * third)].filter((s) => s !== '') : [];
    const steps = tool ? fragments.map((f) => () => each({ tool_calls: [{ index: 0, function: { arguments: f } }] })) : tokens.map((t) => () => each({ content: t }));

    if (tool) {
      each({ role: 'assistant', content: null, refusal: null, tool_calls: [{ index: 0, id: callId, type: 'function', function: { name: tool.name, arguments: '' } }] });
    } else {
      each({ role: 'assistant', content: '', refusal: null });
    }
    const onError = (message: string): void => send({ error: { message, type: 'server_error', param: null, code: null } });
    if (!(await this.streamSteps(res, steps, onError))) return;
    each({}, finish);
    if (includeUsage) chunk([], { usage });
    res.write('data: [DONE]\n\n');
    res.end();
  }
}

/** Deterministic, model-specific: the vector this fake gives `input` (a text or a token array). */
export function fakeOpenAIVector(model: string, input: unknown, dims: number): number[] {
  const h = createHash('sha256')
    .update(`${model}|${JSON.stringify(input)}`)
    .digest();
  return Array.from({ length: dims }, (_, i) => (h[i % h.length]! - 128) / 128);
}

const OPENAI_ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'];

/**
 * What api.openai.com rejects in a conversation: unknown roles, a `tool` message that answers no
 * tool call of the assistant message before it, and an assistant's tool calls left unanswered.
 */
export function invalidMessages(messages: unknown[]): string | undefined {
  if (messages.length === 0) return "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.";
  let open: string[] = []; // tool_call ids of the last assistant message not yet answered
  let afterCalls = false; // only tool messages since the last assistant message with tool_calls
  for (const [i, m] of messages.entries()) {
    const role = str(m, 'role') ?? '';
    if (!OPENAI_ROLES.includes(role)) return `Invalid value: '${role}'. Supported values are: ${OPENAI_ROLES.map((r) => `'${r}'`).join(', ')}. (messages[${i}].role)`;
    if (role === 'tool') {
      const id = str(m, 'tool_call_id') ?? '';
      if (!afterCalls || !open.includes(id))
        return `Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'. (messages[${i}], tool_call_id '${id}')`;
      open = open.filter((x) => x !== id);
      continue;
    }
    if (open.length > 0)
      return `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${open.join(', ')}`;
    const calls = role === 'assistant' ? arr(m, 'tool_calls') : [];
    open = calls.map((c) => str(c, 'id') ?? '');
    afterCalls = calls.length > 0;
  }
  if (open.length > 0)
    return `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${open.join(', ')}`;
  return undefined;
}
