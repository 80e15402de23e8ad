// One step on the provider's event stream, between the provider and the router: when a request
// declares tools and the model writes its calls as text (text-forms.ts), the client gets structured
// tool calls instead, in whatever dialect it speaks, since every renderer reads these events. Text
// is sent as it comes except what could still be the start of a call (call-start.ts), which is held
// until it is clearly text or the answer ends. A call whose arguments do not fit its tool's schema,
// before anything reached the client, fails over to the next candidate (`invalid_tool_call`); once
// the answer is committed it is passed on as the model made it, and the problem noted.
import { randomBytes } from 'node:crypto';
import type { NativeEvent } from '../dialects/native';
import type { ChatRequest, ToolCallDelta } from '../request';
import type { ProviderEvent } from '../providers/provider';
import { UpstreamError } from '../providers/upstream-error';
import { argumentProblem } from './argument-check';
import { INVALID_CALL_PREFIX, REPAIRED_CALL_PREFIX } from './call-ids';
import { callStart } from './call-start';
import { readToolText, type TextCall } from './text-forms';

export interface RepairOptions {
  providerId: string;
  /** Whether another candidate may answer instead, so that a bad call before the first byte fails over. */
  canFailOver: boolean;
  /** Where repairs and problems are told: the decision's notes. */
  note: (text: string) => void;
}

type Delta = Extract<ProviderEvent, { type: 'delta' }>;

/** Whether this request gets the step: tools declared, the model allowed to call them, one choice. */
export function repairsToolCalls(request: ChatRequest): boolean {
  return !request.prompt && request.n === 1 && request.tool_choice !== 'none' && (request.tools ?? []).some((t) => t.type === 'function');
}

export class ToolRepair implements AsyncIterable<ProviderEvent[]> {
  /**
   * Called on every upstream batch, held or not, until the answer is committed: the router's
   * first-token timeout then bounds the upstream's silence, not the time a held call takes.
   */
  progress: (() => void) | null = null;
  private readonly schemas = new Map<string, unknown>();
  private pending = '';
  private queue: ProviderEvent[] = [];
  private inCall = false;
  private lineStart = true;
  private answerStart = true;
  private sentAny = false;
  /** The last Ollama line seen, when the upstream is Ollama passing its own lines through. */
  private ollamaLine: NativeEvent | null = null;
  /** A passthrough in a dialect whose events this step does not rewrite: everything goes as is. */
  private off = false;

  constructor(
    private readonly source: AsyncIterable<ProviderEvent[]>,
    request: ChatRequest,
    private readonly o: RepairOptions,
  ) {
    for (const t of request.tools ?? []) if (t.type === 'function') this.schemas.set(t.function.name, t.function.parameters ?? { type: 'object' });
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<ProviderEvent[]> {
    for await (const batch of this.source) {
      this.progress?.();
      const out: ProviderEvent[] = [];
      for (const ev of batch) this.take(ev, out);
      if (out.length) {
        this.sentAny = true;
        yield out;
      }
    }
    // Ended without a finish (the router reports that as a cut answer): what was held is text.
    if (this.queue.length) {
      const out: ProviderEvent[] = [];
      this.release(out, this.pending.length);
      yield out;
    }
  }

  private take(ev: ProviderEvent, out: ProviderEvent[]): void {
    if (!this.off && ev.type === 'delta' && ev.native) {
      if (ev.native.type === 'ollama') this.ollamaLine = ev.native;
      else {
        this.off = true;
        this.release(out, this.pending.length);
      }
    }
    if (this.off || (ev.type !== 'usage' && ev.index !== 0)) {
      out.push(ev);
      return;
    }
    const content = ev.type === 'delta' ? ev.content : undefined;
    if (!content && this.queue.length === 0) {
      out.push(ev);
      return;
    }
    this.queue.push(ev);
    if (content) {
      this.pending += content;
      if (!this.inCall) this.decide(out);
    }
    if (ev.type === 'finish' && this.queue.length) this.settle(out, ev.reason);
  }

  /** Sends what cannot start a call; from a call's start on, holds the rest of the answer. */
  private decide(out: ProviderEvent[]): void {
    const start = callStart(this.pending, this.lineStart, this.answerStart);
    if (start.kind === 'text') {
      this.release(out, this.pending.length);
      return;
    }
    this.release(out, start.at);
    this.lineStart = true; // `at` is where a line's text begins
    this.inCall = start.kind === 'call';
  }

  /** The answer ended while text was held: structured calls, text, or (before the first byte) a failover. */
  private settle(out: ProviderEvent[], reason: string): void {
    const text = this.pending;
    const found = this.inCall ? readToolText(text, new Set(this.schemas.keys())) : null;
    this.inCall = false;
    if (!found) {
      this.release(out, text.length);
      return;
    }
    if (reason === 'length') {
      this.o.note(`tool-repair: a ${found.form} tool call written as text was cut by the length limit; passed on as text`);
      this.release(out, text.length);
      return;
    }
    const problem = found.kind === 'broken' ? found.problem : firstProblem(found.calls, this.schemas);
    if (problem !== null && !this.sentAny && this.o.canFailOver) {
      throw new UpstreamError(
        this.o.providerId,
        502,
        `invalid-tool-call: ${this.o.providerId} wrote a ${found.form} tool call as text, and ${problem}`,
        false,
        'invalid_tool_call',
      );
    }
    if (found.kind === 'broken') {
      this.o.note(`invalid-tool-call: a ${found.form} tool call written as text, passed on as text: ${problem}`);
      this.release(out, text.length);
      return;
    }
    this.o.note(
      problem === null
        ? `tool-repair: ${found.calls.length} ${found.form} tool call(s) written as text, sent as tool calls`
        : `invalid-tool-call: a ${found.form} tool call passed on as the model made it: ${problem}`,
    );
    this.emitCalls(out, found.calls, problem === null ? REPAIRED_CALL_PREFIX : INVALID_CALL_PREFIX);
  }

  private emitCalls(out: ProviderEvent[], calls: TextCall[], prefix: string): void {
    const toolCalls: ToolCallDelta[] = calls.map((c, index) => ({
      index,
      id: `${prefix}${randomBytes(9).toString('hex')}`,
      type: 'function',
      function: { name: c.name, arguments: c.arguments },
    }));
    const line = this.ollamaLine;
    const native: NativeEvent | undefined = line
      ? {
          type: 'ollama',
          model: line.model,
          created_at: new Date().toISOString(),
          message: { role: 'assistant', content: '', tool_calls: calls.map((c) => ({ function: { name: c.name, arguments: parsedOr(c.arguments) } })) },
          done: false,
        }
      : undefined;
    out.push({ type: 'delta', index: 0, toolCalls, ...(native && { native }) });
    // What was held besides the call's text: Ollama's closing line, the finish, the usage.
    for (const ev of this.queue) {
      if (ev.type === 'finish') out.push({ ...ev, reason: 'tool_calls' });
      else if (ev.type === 'usage') out.push(ev);
      else if (ev.native) {
        if (ev.native.done === true || thinkingOf(ev.native)) out.push(withContent(ev, ''));
      } else if (ev.toolCalls || ev.refusal) out.push({ ...ev, content: undefined });
    }
    this.queue = [];
    this.pending = '';
  }

  /** Sends the first `n` characters held, and the events between them, splitting an event across the line. */
  private release(out: ProviderEvent[], n: number): void {
    const sent = this.pending.slice(0, n);
    let left = n;
    while (this.queue.length) {
      const ev = this.queue[0]!;
      const c = ev.type === 'delta' ? (ev.content ?? '') : '';
      if (c.length <= left) {
        out.push(ev);
        this.queue.shift();
        left -= c.length;
        continue;
      }
      if (left > 0) {
        const d = ev as Delta;
        out.push(withContent(d, c.slice(0, left)));
        this.queue[0] = withContent(d, c.slice(left), true);
      }
      break;
    }
    this.pending = this.pending.slice(n);
    if (sent) {
      this.lineStart = sent.endsWith('\n');
      if (this.answerStart && sent.trim()) this.answerStart = false;
    }
  }
}

function firstProblem(calls: TextCall[], schemas: ReadonlyMap<string, unknown>): string | null {
  for (const c of calls) {
    const p = argumentProblem(c.arguments, schemas.get(c.name));
    if (p) return `the call to '${c.name}': ${p}`;
  }
  return null;
}

/** A delta with other text; for an Ollama line its message text too. `rest`: the second part of a split, whose thinking went with the first. */
function withContent(ev: Delta, content: string, rest = false): Delta {
  const copy: Delta = { ...ev, content: content || undefined };
  const n = ev.native;
  if (n && typeof n.message === 'object' && n.message !== null) {
    const { thinking, ...message } = n.message as Record<string, unknown>;
    copy.native = { ...n, message: { ...message, content, ...(thinking !== undefined && !rest && { thinking }) } };
  } else if (n && typeof n.response === 'string') {
    const { thinking, ...line } = n;
    copy.native = { ...line, response: content, ...(thinking !== undefined && !rest && { thinking }) } as NativeEvent;
  }
  return copy;
}

function thinkingOf(line: NativeEvent): boolean {
  const m = line.message as { thinking?: unknown } | undefined;
  return Boolean(m?.thinking ?? line.thinking);
}

function parsedOr(args: string): unknown {
  try {
    return JSON.parse(args);
  } catch {
    return args;
  }
}
