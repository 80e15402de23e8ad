// The Responses API's wire shapes as api.openai.com/v1/responses sends them: the response object, and
// the stream's events in order (created, in_progress, per output item its added / deltas / done,
// completed or incomplete), each with its sequence_number. Only building; fake-openai.ts does the I/O.
import { arr, isRecord, randomId, str, type Json } from './fake-server';

export type WireEvent = Json & { type: string; sequence_number: number };

/** What the fake answers: text tokens, or one tool call (function or custom). */
export interface ResponsesAnswer {
  tokens: string[];
  call?: { name: string; custom: boolean; args: string };
  truncated: boolean;
  inputTokens: number;
}

/** Encrypted reasoning the fake hands out and accepts back: anything else is "could not be verified". */
export const FAKE_ENCRYPTED = 'gAAAA-fake-encrypted-reasoning';

export class ResponsesWire {
  private seq = 0;
  private readonly output: Json[] = [];
  readonly id = randomId('resp_');
  private readonly createdAt = Math.floor(Date.now() / 1000);

  constructor(
    private readonly model: string,
    private readonly body: Json,
    private readonly answer: ResponsesAnswer,
  ) {}

  /** Each step writes some events; the deltas are one step per token so the fake's stream faults apply. */
  steps(emit: (ev: WireEvent) => void): { head: () => void; tokens: Array<() => void>; tail: () => void } {
    const ev = (type: string, fields: Json): void => emit({ type, sequence_number: this.seq++, ...fields });
    const head = (): void => {
      ev('response.created', { response: this.response('in_progress') });
      ev('response.in_progress', { response: this.response('in_progress') });
      for (const item of this.preludeItems()) {
        const index = this.output.length;
        this.output.push(item);
        // The encrypted content comes with the item's done event only.
        const { encrypted_content: _e, ...opening } = item;
        ev('response.output_item.added', { output_index: index, item: item.type === 'reasoning' ? opening : { ...item, status: 'in_progress' } });
        if (item.type === 'web_search_call') {
          for (const phase of ['in_progress', 'searching', 'completed']) ev(`response.web_search_call.${phase}`, { output_index: index, item_id: item.id });
        }
        ev('response.output_item.done', { output_index: index, item });
      }
    };
    const index = (): number => this.output.length;
    const { call } = this.answer;
    if (call) {
      const id = randomId(call.custom ? 'ctc_' : 'fc_');
      const callId = randomId('call_');
      const field = call.custom ? 'input' : 'arguments';
      const third = Math.ceil(call.args.length / 3);
      const pieces = [call.args.slice(0, third), call.args.slice(third, 2 * third), call.args.slice(2 * third)].filter((s) => s !== '');
      const deltaType = call.custom ? 'response.custom_tool_call_input.delta' : 'response.function_call_arguments.delta';
      const doneType = call.custom ? 'response.custom_tool_call_input.done' : 'response.function_call_arguments.done';
      let at = 0;
      return {
        head: () => {
          head();
          at = index();
          this.output.push({ id, type: call.custom ? 'custom_tool_call' : 'function_call', status: 'in_progress', call_id: callId, name: call.name, [field]: '' });
          ev('response.output_item.added', { output_index: at, item: this.output[at] });
        },
        tokens: pieces.map((delta) => () => ev(deltaType, { item_id: id, output_index: at, delta })),
        tail: () => {
          ev(doneType, { item_id: id, output_index: at, [field]: call.args });
          this.output[at] = { ...this.output[at], status: 'completed', [field]: call.args };
          ev('response.output_item.done', { output_index: at, item: this.output[at] });
          this.finish(ev);
        },
      };
    }
    const msgId = randomId('msg_');
    let at = 0;
    const part = (text: string): Json => ({ type: 'output_text', text, annotations: [], logprobs: [] });
    return {
      head: () => {
        head();
        at = index();
        this.output.push({ id: msgId, type: 'message', status: 'in_progress', role: 'assistant', content: [] });
        ev('response.output_item.added', { output_index: at, item: this.output[at] });
        ev('response.content_part.added', { item_id: msgId, output_index: at, content_index: 0, part: part('') });
      },
      tokens: this.answer.tokens.map((delta) => () => ev('response.output_text.delta', { item_id: msgId, output_index: at, content_index: 0, delta, logprobs: [] })),
      tail: () => {
        const text = this.answer.tokens.join('');
        ev('response.output_text.done', { item_id: msgId, output_index: at, content_index: 0, text, logprobs: [] });
        ev('response.content_part.done', { item_id: msgId, output_index: at, content_index: 0, part: part(text) });
        this.output[at] = { id: msgId, type: 'message', status: 'completed', role: 'assistant', content: [part(text)] };
        ev('response.output_item.done', { output_index: at, item: this.output[at] });
        this.finish(ev);
      },
    };
  }

  /** The response.failed event of a model that broke mid-answer. */
  failed(message: string): WireEvent {
    const response = this.response('failed');
    response.error = { code: 'server_error', message };
    return { type: 'response.failed', sequence_number: this.seq++, response };
  }

  /** The whole response object (the non-stream answer): every step run with a no-op emitter. */
  whole(): Json {
    const s = this.steps(() => undefined);
    s.head();
    for (const t of s.tokens) t();
    s.tail();
    return this.response(this.answer.truncated ? 'incomplete' : 'completed');
  }

  private finish(ev: (type: string, fields: Json) => void): void {
    const status = this.answer.truncated ? 'incomplete' : 'completed';
    ev(`response.${status}`, { response: this.response(status) });
  }

  /** Reasoning (when asked for) and a web search (when the hosted tool is offered) come before the answer. */
  private preludeItems(): Json[] {
    const items: Json[] = [];
    if (isRecord(this.body.reasoning)) {
      const encrypted = arr(this.body, 'include').includes('reasoning.encrypted_content');
      items.push({ id: randomId('rs_'), type: 'reasoning', summary: [], ...(encrypted ? { encrypted_content: FAKE_ENCRYPTED } : {}) });
    }
    if (arr(this.body, 'tools').some((t) => str(t, 'type') === 'web_search' || str(t, 'type') === 'web_search_preview')) {
      items.push({ id: randomId('ws_'), type: 'web_search_call', status: 'completed', action: { type: 'search', query: 'fake query' } });
    }
    return items;
  }

  private response(status: string): Json {
    const b = this.body;
    const done = status !== 'in_progress';
    const outputTokens = this.answer.call ? Math.max(1, Math.ceil(this.answer.call.args.length / 4)) : this.answer.tokens.length;
    return {
      id: this.id,
      object: 'response',
      created_at: this.createdAt,
      status,
      error: null,
      incomplete_details: status === 'incomplete' ? { reason: 'max_output_tokens' } : null,
      instructions: b.instructions ?? null,
      max_output_tokens: b.max_output_tokens ?? null,
      model: this.model,
      output: done ? this.output.map((o) => ({ ...o })) : [],
      parallel_tool_calls: b.parallel_tool_calls ?? true,
      previous_response_id: null,
      prompt_cache_key: b.prompt_cache_key ?? null,
      reasoning: isRecord(b.reasoning) ? b.reasoning : { effort: null, summary: null },
      store: b.store ?? true,
      temperature: b.temperature ?? 1,
      text: isRecord(b.text) ? b.text : { format: { type: 'text' } },
      tool_choice: b.tool_choice ?? 'auto',
      tools: arr(b, 'tools'),
      top_p: b.top_p ?? 1,
      truncation: 'disabled',
      usage: done
        ? {
            input_tokens: this.answer.inputTokens,
            input_tokens_details: { cached_tokens: 0 },
            output_tokens: outputTokens,
            output_tokens_details: { reasoning_tokens: 0 },
            total_tokens: this.answer.inputTokens + outputTokens,
          }
        : null,
      user: null,
      metadata: isRecord(b.metadata) ? b.metadata : {},
    };
  }
}

/** The real API's 400 for a malformed Responses body, or undefined when valid. */
export function invalidResponses(body: Json): { message: string; param: string } | undefined {
  const input = body.input;
  if (typeof input !== 'string' && !Array.isArray(input)) return { message: "Missing required parameter: 'input'.", param: 'input' };
  for (const [i, item] of (Array.isArray(input) ? input : []).entries()) {
    if (str(item, 'type') === 'reasoning' && isRecord(item) && item.encrypted_content !== undefined && item.encrypted_content !== FAKE_ENCRYPTED) {
      return { message: `The encrypted content for item ${str(item, 'id') ?? ''} could not be verified.`, param: `input[${i}]` };
    }
  }
  return undefined;
}
