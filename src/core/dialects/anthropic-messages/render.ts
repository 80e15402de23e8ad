// Provider events → the Messages API's stream events: message_start, ping, a content block per text
// run or tool call (start, deltas, stop), message_delta with stop_reason and usage, message_stop.
// An upstream that spoke Messages itself (passthrough) has its events sent on as they came, with
// only `model` in message_start set to the model Oblix shows.
import type { FinishReason, Usage } from '../../request';
import type { ProviderEvent } from '../../providers/provider';
import type { NativeEvent } from '../native';

export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'refusal';

export class MessagesRenderer {
  private started = false;
  private native = false;
  /** Index of the open content block, and what it is. */
  private open: { index: number; kind: 'text' | 'tool'; tool?: number } | null = null;
  private blocks = 0;
  private stop: StopReason | null = null;
  private usage: Usage | null = null;

  constructor(
    private readonly id: string,
    private readonly model: string,
  ) {}

  /** The events for one provider event. */
  next(ev: ProviderEvent, out: NativeEvent[]): void {
    if (ev.type === 'delta' && ev.native) {
      this.native = true;
      out.push(ev.native.type === 'message_start' ? this.renamed(ev.native) : ev.native);
      return;
    }
    if (this.native) return; // the upstream's own events say it all (the finish here only marks the answer whole)
    if (ev.type !== 'usage' && ev.index !== 0) return; // Messages has one answer per request
    this.begin(out);
    if (ev.type === 'usage') {
      this.usage = ev.usage;
    } else if (ev.type === 'finish') {
      this.stop ??= stopReason(ev.reason);
    } else {
      const text = (ev.content ?? '') + (ev.refusal ?? '');
      if (text) {
        if (this.open?.kind !== 'text') this.openBlock(out, 'text', { type: 'text', text: '' });
        out.push({ type: 'content_block_delta', index: this.open!.index, delta: { type: 'text_delta', text } });
      }
      for (const t of ev.toolCalls ?? []) {
        if (this.open?.kind !== 'tool' || this.open.tool !== t.index) {
          if (!t.id && !t.function?.name) continue; // a fragment of a call already closed: nothing sane to do with it
          this.openBlock(out, 'tool', { type: 'tool_use', id: t.id ?? `toolu_${this.id}_${t.index}`, name: t.function?.name ?? '', input: {} }, t.index);
        }
        const json = t.function?.arguments;
        if (json) out.push({ type: 'content_block_delta', index: this.open!.index, delta: { type: 'input_json_delta', partial_json: json } });
      }
    }
  }

  /** The closing events of a clean finish (none after a passthrough: the upstream sent its own). */
  end(out: NativeEvent[]): void {
    if (this.native) return;
    this.begin(out);
    this.closeBlock(out);
    const usage = this.usage ?? { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
    out.push({
      type: 'message_delta',
      delta: { stop_reason: this.stop ?? 'end_turn', stop_sequence: null },
      usage: { input_tokens: usage.prompt_tokens, output_tokens: usage.completion_tokens },
    });
    out.push({ type: 'message_stop' });
  }

  private begin(out: NativeEvent[]): void {
    if (this.started) return;
    this.started = true;
    out.push({
      type: 'message_start',
      message: {
        id: this.id,
        type: 'message',
        role: 'assistant',
        model: this.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 0, output_tokens: 0 },
      },
    });
    out.push({ type: 'ping' });
  }

  private openBlock(out: NativeEvent[], kind: 'text' | 'tool', contentBlock: Record<string, unknown>, tool?: number): void {
    this.closeBlock(out);
    this.open = { index: this.blocks++, kind, tool };
    out.push({ type: 'content_block_start', index: this.open.index, content_block: contentBlock });
  }

  private closeBlock(out: NativeEvent[]): void {
    if (!this.open) return;
    out.push({ type: 'content_block_stop', index: this.open.index });
    this.open = null;
  }

  private renamed(start: NativeEvent): NativeEvent {
    const message = typeof start.message === 'object' && start.message !== null ? start.message : {};
    return { ...start, message: { ...message, model: this.model } };
  }
}

export function stopReason(r: FinishReason): StopReason {
  switch (r) {
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    default:
      return 'end_turn';
  }
}
