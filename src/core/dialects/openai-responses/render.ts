// Provider events → the Responses API's stream events, each with its sequence_number: response.created
// and .in_progress, then per output item (a message, a function_call or a custom_tool_call) its
// added / deltas / done events, and response.completed with usage — or response.failed when the
// committed model fails. The final response object is the non-stream answer too. An upstream that
// spoke Responses itself (passthrough) has its events sent on as they came, with only the `model` of
// their response object set to the model Oblix shows.
import { randomBytes } from 'node:crypto';
import type { ErrorCode } from '../../errors/error-codes';
import type { FinishReason, Usage } from '../../request';
import type { ProviderEvent } from '../../providers/provider';
import type { NamedEvent } from '../../http/event-stream';
import type { NativeEvent } from '../native';
import { NativeOutput } from './native-output';

type Json = Record<string, unknown>;
export type ResponsesEvent = NamedEvent & Json;

interface OpenItem {
  outputIndex: number;
  id: string;
  kind: 'message' | 'function_call' | 'custom_tool_call';
  /** Text so far (message) or the arguments so far (calls). */
  text: string;
  toolIndex?: number;
  callId?: string;
  name?: string;
}

const hex = (): string => randomBytes(12).toString('hex');

export class ResponsesRenderer {
  private seq = 0;
  private started = false;
  private readonly output: Json[] = [];
  private open: OpenItem | null = null;
  private finish: FinishReason | null = null;
  private usage: Usage | null = null;
  /** Set once the upstream spoke Responses itself: what it sent, for a failure after commit. */
  private native: NativeOutput | null = null;
  private readonly createdAt = Math.floor(Date.now() / 1000);
  readonly id = `resp_${hex()}`;

  constructor(
    private readonly model: string,
    private readonly customTools: ReadonlySet<string>,
    private readonly echo: Json,
  ) {}

  next(ev: ProviderEvent, out: ResponsesEvent[]): void {
    if (ev.type === 'delta' && ev.native) {
      (this.native ??= new NativeOutput()).add(ev.native);
      out.push(this.renamed(ev.native));
      return;
    }
    if (this.native) return; // the upstream's own events say it all (the finish here only marks the answer whole)
    this.begin(out);
    if (ev.type === 'usage') {
      this.usage = ev.usage;
      return;
    }
    if (ev.index !== 0) return; // one answer per response
    if (ev.type === 'finish') {
      this.finish ??= ev.reason;
      return;
    }
    const text = (ev.content ?? '') + (ev.refusal ?? '');
    if (text) {
      const item = this.open?.kind === 'message' ? this.open : this.openMessage(out);
      item.text += text;
      out.push(this.event('response.output_text.delta', { item_id: item.id, output_index: item.outputIndex, content_index: 0, delta: text, logprobs: [] }));
    }
    for (const t of ev.toolCalls ?? []) {
      let item = this.open;
      if (item?.kind === 'message' || item?.toolIndex !== t.index) {
        if (!t.id && !t.function?.name) continue; // a stray fragment of a call already closed
        item = this.openCall(out, t.index, t.id ?? `call_${hex()}`, t.function?.name ?? '');
      }
      const delta = t.function?.arguments;
      if (!delta) continue;
      item.text += delta;
      // A custom tool's input is the `input` field of the JSON arguments: told whole when the call closes.
      if (item.kind === 'function_call') out.push(this.event('response.function_call_arguments.delta', { item_id: item.id, output_index: item.outputIndex, delta }));
    }
  }

  /** The closing events of a clean finish, ending with response.completed (or .incomplete at the token limit). */
  end(out: ResponsesEvent[]): void {
    if (this.native) return; // its response.completed already went out
    this.begin(out);
    this.close(out);
    const incomplete = this.finish === 'length' || this.finish === 'content_filter';
    const response = this.response(incomplete ? 'incomplete' : 'completed');
    if (incomplete) response.incomplete_details = { reason: this.finish === 'length' ? 'max_output_tokens' : 'content_filter' };
    out.push(this.event(incomplete ? 'response.incomplete' : 'response.completed', { response }));
  }

  /** The committed model failed: response.failed, never a clean completion, carrying the output already sent. */
  fail(message: string, out: ResponsesEvent[]): void {
    const code: ErrorCode = 'server_error';
    if (this.native) {
      out.push(this.native.failed(this.model, { code, message }) as ResponsesEvent);
      return;
    }
    this.begin(out);
    const response = this.response('failed');
    response.error = { code, message };
    if (this.open) response.output = (response.output as Json[]).map((o, i) => (i === this.open?.outputIndex ? this.partial(this.open) : o));
    out.push(this.event('response.failed', { response }));
  }

  /** The whole response as it stands (the non-stream answer after end()). */
  response(status: string): Json {
    const u = this.usage;
    return {
      id: this.id,
      object: 'response',
      created_at: this.createdAt,
      status,
      error: null,
      incomplete_details: null,
      model: this.model,
      output: this.output.map((o) => ({ ...o })),
      previous_response_id: null,
      truncation: 'disabled',
      ...this.echo,
      usage:
        status === 'in_progress' || !u
          ? null
          : {
              input_tokens: u.prompt_tokens,
              input_tokens_details: { cached_tokens: 0 },
              output_tokens: u.completion_tokens,
              output_tokens_details: { reasoning_tokens: 0 },
              total_tokens: u.total_tokens,
            },
    };
  }

  /** The open item as far as it went: the text or arguments already streamed, status incomplete. */
  private partial(item: OpenItem): Json {
    if (item.kind === 'message')
      return { id: item.id, type: 'message', status: 'incomplete', role: 'assistant', content: [{ type: 'output_text', text: item.text, annotations: [], logprobs: [] }] };
    if (item.kind === 'function_call') return { id: item.id, type: 'function_call', status: 'incomplete', call_id: item.callId, name: item.name, arguments: item.text };
    return { id: item.id, type: 'custom_tool_call', status: 'incomplete', call_id: item.callId, name: item.name, input: customInput(item.text) };
  }

  /** An upstream event with the model Oblix shows in its response object. */
  private renamed(ev: NativeEvent): ResponsesEvent {
    const response = ev.response;
    if (typeof response !== 'object' || response === null) return ev as ResponsesEvent;
    return { ...ev, response: { ...response, model: this.model } } as ResponsesEvent;
  }

  private begin(out: ResponsesEvent[]): void {
    if (this.started) return;
    this.started = true;
    out.push(this.event('response.created', { response: this.response('in_progress') }));
    out.push(this.event('response.in_progress', { response: this.response('in_progress') }));
  }

  private openMessage(out: ResponsesEvent[]): OpenItem {
    this.close(out);
    const item: OpenItem = { outputIndex: this.output.length, id: `msg_${hex()}`, kind: 'message', text: '' };
    this.open = item;
    const added = { id: item.id, type: 'message', status: 'in_progress', role: 'assistant', content: [] };
    this.output.push(added);
    out.push(this.event('response.output_item.added', { output_index: item.outputIndex, item: added }));
    out.push(
      this.event('response.content_part.added', {
        item_id: item.id,
        output_index: item.outputIndex,
        content_index: 0,
        part: { type: 'output_text', text: '', annotations: [], logprobs: [] },
      }),
    );
    return item;
  }

  private openCall(out: ResponsesEvent[], toolIndex: number, callId: string, name: string): OpenItem {
    this.close(out);
    const kind = this.customTools.has(name) ? 'custom_tool_call' : 'function_call';
    const item: OpenItem = { outputIndex: this.output.length, id: `${kind === 'function_call' ? 'fc' : 'ctc'}_${hex()}`, kind, text: '', toolIndex, callId, name };
    this.open = item;
    const added =
      kind === 'function_call'
        ? { id: item.id, type: kind, status: 'in_progress', call_id: callId, name, arguments: '' }
        : { id: item.id, type: kind, status: 'in_progress', call_id: callId, name, input: '' };
    this.output.push(added);
    out.push(this.event('response.output_item.added', { output_index: item.outputIndex, item: added }));
    return item;
  }

  private close(out: ResponsesEvent[]): void {
    const item = this.open;
    if (!item) return;
    this.open = null;
    const at = { item_id: item.id, output_index: item.outputIndex };
    let done: Json;
    if (item.kind === 'message') {
      const part = { type: 'output_text', text: item.text, annotations: [], logprobs: [] };
      out.push(this.event('response.output_text.done', { ...at, content_index: 0, text: item.text, logprobs: [] }));
      out.push(this.event('response.content_part.done', { ...at, content_index: 0, part }));
      done = { id: item.id, type: 'message', status: 'completed', role: 'assistant', content: [part] };
    } else if (item.kind === 'function_call') {
      out.push(this.event('response.function_call_arguments.done', { ...at, name: item.name, arguments: item.text }));
      done = { id: item.id, type: 'function_call', status: 'completed', call_id: item.callId, name: item.name, arguments: item.text };
    } else {
      const input = customInput(item.text);
      out.push(this.event('response.custom_tool_call_input.delta', { ...at, delta: input }));
      out.push(this.event('response.custom_tool_call_input.done', { ...at, input }));
      done = { id: item.id, type: 'custom_tool_call', status: 'completed', call_id: item.callId, name: item.name, input };
    }
    this.output[item.outputIndex] = done;
    out.push(this.event('response.output_item.done', { output_index: item.outputIndex, item: done }));
  }

  private event(type: string, fields: Json): ResponsesEvent {
    return { type, sequence_number: this.seq++, ...fields };
  }
}

/** The free-form input a model gave a custom tool through its one-string-argument function. */
export function customInput(args: string): string {
  try {
    const v: unknown = JSON.parse(args);
    if (typeof v === 'object' && v !== null && typeof (v as Json).input === 'string') return (v as Json).input as string;
  } catch {
    // not JSON: the model wrote the input itself
  }
  return args;
}
