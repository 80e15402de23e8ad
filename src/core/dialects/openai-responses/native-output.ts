// What a passed-through Responses stream has said so far, kept so that a failure after commit can
// send a response.failed that carries the output the client already got (not `output: []`), with the
// upstream's own response id and the next sequence number.
import type { NativeEvent } from '../native';

type Json = Record<string, unknown>;

const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export class NativeOutput {
  private response: Json = {};
  private readonly output: Json[] = [];
  private lastSeq = -1;

  add(ev: NativeEvent): void {
    if (typeof ev.sequence_number === 'number') this.lastSeq = Math.max(this.lastSeq, ev.sequence_number);
    if (isJson(ev.response)) this.response = ev.response;
    const at = typeof ev.output_index === 'number' ? ev.output_index : -1;
    if ((ev.type === 'response.output_item.added' || ev.type === 'response.output_item.done') && isJson(ev.item)) {
      this.output[at] = structuredClone(ev.item);
      return;
    }
    const item = this.output[at];
    if (!item || typeof ev.delta !== 'string') return;
    if (ev.type === 'response.output_text.delta' || ev.type === 'response.refusal.delta') {
      const content = Array.isArray(item.content) ? (item.content as Json[]) : (item.content = []);
      const ci = typeof ev.content_index === 'number' ? ev.content_index : 0;
      const part = (content[ci] ??= ev.type === 'response.output_text.delta' ? { type: 'output_text', text: '', annotations: [] } : { type: 'refusal', refusal: '' });
      const field = part.type === 'refusal' ? 'refusal' : 'text';
      part[field] = `${typeof part[field] === 'string' ? part[field] : ''}${ev.delta}`;
    } else if (ev.type === 'response.function_call_arguments.delta') {
      item.arguments = `${typeof item.arguments === 'string' ? item.arguments : ''}${ev.delta}`;
    } else if (ev.type === 'response.custom_tool_call_input.delta') {
      item.input = `${typeof item.input === 'string' ? item.input : ''}${ev.delta}`;
    }
  }

  /** response.failed with everything sent so far; items still open are marked incomplete. */
  failed(model: string, error: Json): NativeEvent {
    const output = this.output.filter(isJson).map((o) => (o.status === 'in_progress' ? { ...o, status: 'incomplete' } : o));
    const response = { ...this.response, model, status: 'failed', error, output, usage: null };
    return { type: 'response.failed', sequence_number: this.lastSeq + 1, response };
  }
}
