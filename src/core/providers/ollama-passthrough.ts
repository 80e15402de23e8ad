// Ollama in, Ollama out: the body an Ollama client sent to /api/chat or /api/generate goes to the
// real Ollama with only `model` replaced, so num_ctx, keep_alive, think, images, templates and the
// rest survive; its NDJSON lines come back as `native` events, with the usual deltas beside them for
// the router (first token, finish, usage).
import type { NativeEvent, NativeRequest } from '../dialects/native';
import type { Cancel } from '../support/cancel';
import { HttpStatusError } from './http-status-error';
import type { ProviderEvent } from './provider';
import { fetchUpstream, TransportError } from './transport-error';

interface Line {
  message?: { content?: string; thinking?: string; tool_calls?: unknown[] };
  response?: string;
  thinking?: string;
  done?: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
  load_duration?: number;
  error?: unknown;
}

export async function* passthroughOllama(
  host: string,
  model: string,
  native: NativeRequest,
  cancel: Cancel,
  headers: Record<string, string>,
  onDone?: (loadNs: number | undefined) => void,
): AsyncGenerator<ProviderEvent[]> {
  const path = native.dialect === 'ollama-generate' ? '/api/generate' : '/api/chat';
  const res = await fetchUpstream(`${host.replace(/\/+$/, '')}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ ...native.body, model, stream: true }),
    signal: cancel.signal,
  });
  if (res.status >= 400) {
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    throw new HttpStatusError(res.status, typeof body === 'object' && body !== null && 'error' in body ? (body as { error: unknown }).error : body, res.headers);
  }
  const reader = res.body?.getReader();
  if (!reader) throw new TransportError('Ollama answered without a body (terminated)', { code: 'ECONNRESET' });
  const decoder = new TextDecoder();
  let pending = '';
  let done = false;
  let toolCalls = 0;
  try {
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      const lines = (pending + decoder.decode(r.value, { stream: true })).split('\n');
      pending = lines.pop() ?? '';
      const batch: ProviderEvent[] = [];
      for (const text of lines) {
        if (text.trim() === '') continue;
        let line: Line;
        try {
          line = JSON.parse(text) as Line;
        } catch {
          throw new Error('Ollama sent a line that is not JSON in the middle of its answer');
        }
        if (line.error !== undefined) {
          // What came before the error in the same read is part of the answer: pass it on first.
          if (batch.length) yield batch;
          throw new Error(typeof line.error === 'string' ? line.error : JSON.stringify(line.error));
        }
        const content = line.message?.content ?? line.response ?? '';
        toolCalls += line.message?.tool_calls?.length ?? 0;
        batch.push({ type: 'delta', index: 0, content: content || undefined, native: { type: 'ollama', ...line } as NativeEvent });
        if (line.done) {
          done = true;
          onDone?.(line.load_duration);
          batch.push({ type: 'finish', index: 0, reason: toolCalls > 0 ? 'tool_calls' : line.done_reason === 'length' ? 'length' : 'stop' });
          const prompt = line.prompt_eval_count ?? 0;
          const completion = line.eval_count ?? 0;
          batch.push({ type: 'usage', usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion } });
        }
      }
      if (batch.length) yield batch;
    }
    if (!done) throw new TransportError('the stream ended before its "done" line (terminated)', { code: 'ECONNRESET' });
  } finally {
    if (!done) void reader.cancel().catch(() => undefined); // the consumer stopped early: close the upstream
  }
}
