// Turns provider events into `chat.completion.chunk` objects exactly as OpenAI streams them:
// one id, the role on each choice's first delta, finish_reason once per choice, and (with
// include_usage) `usage: null` on every chunk plus a last chunk with empty `choices` and the usage.
import type { ProviderEvent } from '../../providers/provider';
import type { ChatCompletionChunk, Usage } from '../../request';

export interface ResponseMeta {
  id: string;
  created: number;
  /** What the client sees in `model`: `auto (selected: <id>)` or the explicit id. */
  model: string;
  n: number;
  includeUsage: boolean;
}

export class ChunkMaker {
  private readonly finished = new Set<number>();
  private usage: Usage | null = null;

  constructor(private readonly meta: ResponseMeta) {}

  /** The opening chunks: each choice's role delta. */
  opening(): ChatCompletionChunk[] {
    const out: ChatCompletionChunk[] = [];
    for (let i = 0; i < this.meta.n; i++) out.push(this.chunk([{ index: i, delta: { role: 'assistant', content: '' }, finish_reason: null, logprobs: null }]));
    return out;
  }

  /** The chunk for one event, or null when the event carries nothing the client should see yet. */
  next(event: ProviderEvent): ChatCompletionChunk | null {
    if (event.type === 'usage') {
      this.usage = event.usage;
      return null;
    }
    if (this.finished.has(event.index)) return null; // an upstream that repeats itself is not passed on
    if (event.type === 'finish') {
      this.finished.add(event.index);
      return this.chunk([{ index: event.index, delta: {}, finish_reason: event.reason, logprobs: null }]);
    }
    const delta: ChatCompletionChunk.Choice.Delta = {};
    if (event.content !== undefined) delta.content = event.content;
    if (event.toolCalls) delta.tool_calls = event.toolCalls;
    if (event.refusal !== undefined) delta.refusal = event.refusal;
    return this.chunk([{ index: event.index, delta, finish_reason: null, logprobs: null }]);
  }

  /** Closing chunks: a finish for any choice the upstream left open, then the usage chunk if asked for. */
  closing(): ChatCompletionChunk[] {
    const out: ChatCompletionChunk[] = [];
    for (let i = 0; i < this.meta.n; i++) {
      if (!this.finished.has(i)) out.push(this.next({ type: 'finish', index: i, reason: 'stop' }) as ChatCompletionChunk);
    }
    if (this.meta.includeUsage) {
      out.push({ ...this.base(), choices: [], usage: this.usage ?? { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 } });
    }
    return out;
  }

  private base(): Omit<ChatCompletionChunk, 'choices'> {
    return { id: this.meta.id, object: 'chat.completion.chunk', created: this.meta.created, model: this.meta.model };
  }

  private chunk(choices: ChatCompletionChunk.Choice[]): ChatCompletionChunk {
    const c: ChatCompletionChunk = { ...this.base(), choices };
    if (this.meta.includeUsage) c.usage = null;
    return c;
  }
}
