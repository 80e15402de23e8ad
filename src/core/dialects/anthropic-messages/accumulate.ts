// Stream events → the non-stream `message` object, the way the Anthropic SDK folds them, so the JSON
// answer and the stream (translated or passed through) come from one path.
import type { NativeEvent } from '../native';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});

export class MessageAccumulator {
  private message: Json | null = null;
  private readonly content: Json[] = [];
  private readonly partialJson = new Map<number, string>();

  add(ev: NativeEvent): void {
    if (ev.type === 'message_start') {
      this.message = { ...obj(ev.message) };
      return;
    }
    const index = typeof ev.index === 'number' ? ev.index : -1;
    switch (ev.type) {
      case 'content_block_start':
        this.content[index] = { ...obj(ev.content_block) };
        break;
      case 'content_block_delta': {
        const block = this.content[index];
        const d = obj(ev.delta);
        if (!block) break;
        if (d.type === 'text_delta') block.text = String(block.text ?? '') + String(d.text ?? '');
        else if (d.type === 'input_json_delta') this.partialJson.set(index, (this.partialJson.get(index) ?? '') + String(d.partial_json ?? ''));
        else if (d.type === 'thinking_delta') block.thinking = String(block.thinking ?? '') + String(d.thinking ?? '');
        else if (d.type === 'signature_delta') block.signature = d.signature;
        else if (d.type === 'citations_delta') block.citations = [...(Array.isArray(block.citations) ? block.citations : []), d.citation];
        break;
      }
      case 'content_block_stop': {
        const json = this.partialJson.get(index);
        const block = this.content[index];
        if (block && json !== undefined && json !== '') block.input = parsedInput(json);
        break;
      }
      case 'message_delta':
        if (this.message) {
          Object.assign(this.message, obj(ev.delta));
          this.message.usage = { ...obj(this.message.usage), ...Object.fromEntries(Object.entries(obj(ev.usage)).filter(([, v]) => v !== null && v !== undefined)) };
        }
        break;
      default:
        break;
    }
  }

  result(): Json {
    return { ...(this.message ?? {}), content: this.content.filter(Boolean) };
  }
}

/** A tool's input; arguments that are not JSON (a model's slip) are kept as text rather than failing the answer. */
function parsedInput(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return { input: json };
  }
}
