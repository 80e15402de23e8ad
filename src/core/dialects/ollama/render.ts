// Provider events as Ollama's answers: NDJSON lines of `message` (chat) or `response` (generate)
// parts, then one `done: true` line with done_reason, token counts and durations.
import type { Usage } from '../../request';
import type { ProviderEvent } from '../../providers/provider';

export type OllamaShape = 'chat' | 'generate';
type Line = Record<string, unknown>;

export class OllamaRenderer {
  private readonly started = process.hrtime.bigint();
  private readonly calls = new Map<number, { name: string; args: string }>();
  private text = '';
  private thinking = '';
  /** Set once the upstream was Ollama itself: its own lines go out, with only `model` renamed. */
  private native: { last: Line; toolCalls: unknown[] } | null = null;
  private reason: string = 'stop';
  private usage: Usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };

  constructor(
    private readonly shape: OllamaShape,
    private readonly model: string,
  ) {}

  /** Lines for one batch; tool calls are held until the choice finishes, as Ollama sends them whole. */
  next(batch: readonly ProviderEvent[], out: Line[]): void {
    let content = '';
    for (const ev of batch) {
      if (ev.type === 'delta' && ev.native) {
        this.passNative(ev.native, out);
        continue;
      }
      if (this.native) continue; // the upstream's own lines say it all
      if (ev.type === 'usage') {
        this.usage = ev.usage;
        continue;
      }
      if (ev.index !== 0) continue; // Ollama has no `n`
      if (ev.type === 'delta') {
        if (ev.content) content += ev.content;
        for (const t of ev.toolCalls ?? []) {
          const c = this.calls.get(t.index) ?? { name: '', args: '' };
          c.name += t.function?.name ?? '';
          c.args += t.function?.arguments ?? '';
          this.calls.set(t.index, c);
        }
      } else if (ev.type === 'finish') {
        this.reason = ev.reason === 'length' ? 'length' : 'stop';
      }
    }
    if (content) {
      this.text += content;
      out.push(this.part(content));
    }
  }

  /** The closing line(s): held tool calls, then `done: true`. */
  end(out: Line[]): void {
    if (this.native) return; // its `done` line already went out
    if (this.calls.size && this.shape === 'chat') out.push({ ...this.head(), message: { role: 'assistant', content: '', tool_calls: this.toolCalls() }, done: false });
    out.push({ ...this.head(), ...(this.shape === 'chat' ? { message: { role: 'assistant', content: '' } } : { response: '' }), ...this.final() });
  }

  /** The whole answer as one object, for `stream: false`. */
  whole(): Line {
    if (this.native) {
      const { message: _m, response: _r, thinking: _t, ...last } = this.native.last;
      const thinking = this.thinking ? { thinking: this.thinking } : {};
      const toolCalls = this.native.toolCalls.length ? { tool_calls: this.native.toolCalls } : {};
      return {
        ...last,
        model: this.model,
        ...(this.shape === 'chat' ? { message: { role: 'assistant', content: this.text, ...thinking, ...toolCalls } } : { response: this.text, ...thinking }),
      };
    }
    const body =
      this.shape === 'chat' ? { message: { role: 'assistant', content: this.text, ...(this.calls.size ? { tool_calls: this.toolCalls() } : {}) } } : { response: this.text };
    return { ...this.head(), ...body, ...this.final() };
  }

  private passNative(ev: Record<string, unknown>, out: Line[]): void {
    const { type: _type, ...line } = ev;
    const native = (this.native ??= { last: line, toolCalls: [] });
    native.last = line;
    const msg = line.message as { content?: string; thinking?: string; tool_calls?: unknown[] } | undefined;
    this.text += msg?.content ?? (typeof line.response === 'string' ? line.response : '');
    this.thinking += msg?.thinking ?? (typeof line.thinking === 'string' ? line.thinking : '');
    if (msg?.tool_calls) native.toolCalls.push(...msg.tool_calls);
    out.push({ ...line, model: this.model });
  }

  private part(content: string): Line {
    return { ...this.head(), ...(this.shape === 'chat' ? { message: { role: 'assistant', content } } : { response: content }), done: false };
  }

  private head(): Line {
    return { model: this.model, created_at: new Date().toISOString() };
  }

  private final(): Line {
    const ns = Number(process.hrtime.bigint() - this.started);
    return {
      done: true,
      done_reason: this.reason,
      ...(this.shape === 'generate' ? { context: [] } : {}),
      total_duration: ns,
      load_duration: 0,
      prompt_eval_count: this.usage.prompt_tokens,
      prompt_eval_duration: 0,
      eval_count: this.usage.completion_tokens,
      eval_duration: ns,
    };
  }

  private toolCalls(): { function: { name: string; arguments: unknown } }[] {
    return [...this.calls.values()].map((c) => ({ function: { name: c.name, arguments: parseArgs(c.args) } }));
  }
}

function parseArgs(text: string): unknown {
  try {
    return JSON.parse(text === '' ? '{}' : text) as unknown;
  } catch {
    return { input: text }; // never lose what the model wrote
  }
}
