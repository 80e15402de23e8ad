// Builds a non-stream `chat.completion` from the same provider events the stream path uses,
// so both paths share one translation per provider.
import type { ProviderEvent } from '../../providers/provider';
import type { ResponseMeta } from './render';
import type { ChatCompletion, FinishReason, Usage } from '../../request';

interface Acc {
  content: string;
  hasContent: boolean;
  refusal: string | null;
  tools: { id: string; name: string; arguments: string }[];
  finish: FinishReason | null;
}

export class CompletionAssembler {
  private readonly choices: Acc[] = [];
  private usage: Usage | null = null;

  constructor(private readonly meta: ResponseMeta) {
    for (let i = 0; i < meta.n; i++) this.choices.push({ content: '', hasContent: false, refusal: null, tools: [], finish: null });
  }

  add(event: ProviderEvent): void {
    if (event.type === 'usage') {
      this.usage = event.usage;
      return;
    }
    const acc = this.choices[event.index];
    if (!acc) return;
    if (event.type === 'finish') {
      acc.finish ??= event.reason;
      return;
    }
    if (event.content !== undefined) {
      acc.content += event.content;
      acc.hasContent = true;
    }
    if (event.refusal !== undefined) acc.refusal = (acc.refusal ?? '') + event.refusal;
    for (const t of event.toolCalls ?? []) {
      const slot = (acc.tools[t.index] ??= { id: '', name: '', arguments: '' });
      if (t.id) slot.id = t.id;
      if (t.function?.name) slot.name += t.function.name;
      if (t.function?.arguments) slot.arguments += t.function.arguments;
    }
  }

  result(): ChatCompletion {
    const completion: ChatCompletion = {
      id: this.meta.id,
      object: 'chat.completion',
      created: this.meta.created,
      model: this.meta.model,
      choices: this.choices.map((acc, index) => {
        const tools = acc.tools.filter(Boolean);
        const message: ChatCompletion.Choice['message'] = {
          role: 'assistant',
          content: acc.hasContent || tools.length === 0 ? acc.content : null,
          refusal: acc.refusal,
        };
        if (tools.length > 0) message.tool_calls = tools.map((t) => ({ id: t.id, type: 'function', function: { name: t.name, arguments: t.arguments } }));
        return { index, message, finish_reason: acc.finish ?? 'stop', logprobs: null };
      }),
    };
    if (this.usage) completion.usage = this.usage;
    return completion;
  }
}
