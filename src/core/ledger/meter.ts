// Measures one answer as its batches pass (routing/committed.ts feeds it): the upstream's token
// counts when it gives them, else the characters for an estimate, the time to the first token, and
// how it ended. Cheap on purpose: one pass over each batch's few events, no text kept, only lengths.
import type { ProviderEvent } from '../providers/provider';
import type { Outcome } from './record';

/** What Committed tells its meter: the batches, then how the answer ended, once. */
export interface AnswerMeter {
  batch(events: readonly ProviderEvent[]): void;
  end(outcome: Outcome, error?: string): void;
}

export interface Measured {
  /** Upstream counts, or null when it gave none. */
  tokensIn: number | null;
  tokensOut: number | null;
  /** Characters of answer text and tool-call arguments, for an estimate when the upstream gave no count. */
  chars: number;
  outcome: Outcome;
  error?: string;
}

export class Meter implements AnswerMeter {
  private tokensIn: number | null = null;
  private tokensOut: number | null = null;
  private chars = 0;
  private ended = false;

  constructor(private readonly done: (m: Measured) => void) {}

  batch(events: readonly ProviderEvent[]): void {
    for (const e of events) {
      if (e.type === 'usage') {
        this.tokensIn = e.usage.prompt_tokens;
        this.tokensOut = e.usage.completion_tokens;
      } else if (e.type === 'delta') {
        if (e.content) this.chars += e.content.length;
        if (e.toolCalls) for (const t of e.toolCalls) this.chars += t.function?.arguments?.length ?? 0;
        if (e.native) this.nativeUsage(e.native);
      }
    }
  }

  end(outcome: Outcome, error?: string): void {
    if (this.ended) return;
    this.ended = true;
    this.done({ tokensIn: this.tokensIn, tokensOut: this.tokensOut, chars: this.chars, outcome, ...(error !== undefined && { error }) });
  }

  /** Same-dialect passthrough carries the upstream's events as they came; their usage is in known places. */
  private nativeUsage(ev: { type: string; [key: string]: unknown }): void {
    switch (ev.type) {
      case 'message_start': {
        // Anthropic: input tokens at the start (cache reads and writes are input too).
        const u = (ev.message as { usage?: AnthropicUsage } | undefined)?.usage;
        if (u) this.tokensIn = (u.input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0);
        break;
      }
      case 'message_delta': {
        const u = ev.usage as AnthropicUsage | undefined;
        if (u?.output_tokens !== undefined) this.tokensOut = u.output_tokens;
        break;
      }
      case 'content_block_delta': {
        const d = ev.delta as { text?: string; partial_json?: string; thinking?: string } | undefined;
        this.chars += (d?.text ?? d?.partial_json ?? d?.thinking ?? '').length;
        break;
      }
      case 'response.output_text.delta':
      case 'response.function_call_arguments.delta':
        this.chars += typeof ev.delta === 'string' ? ev.delta.length : 0;
        break;
      case 'response.completed':
      case 'response.incomplete': {
        // OpenAI Responses: the counts arrive with the finished response.
        const u = (ev.response as { usage?: { input_tokens?: number; output_tokens?: number } } | undefined)?.usage;
        if (u?.input_tokens !== undefined) this.tokensIn = u.input_tokens;
        if (u?.output_tokens !== undefined) this.tokensOut = u.output_tokens;
        break;
      }
    }
  }
}

interface AnthropicUsage {
  input_tokens?: number;
  output_tokens?: number;
  cache_read_input_tokens?: number;
  cache_creation_input_tokens?: number;
}
