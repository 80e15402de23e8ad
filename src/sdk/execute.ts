// One exchange: the turn built from the session's history, the answer streamed, both recorded in
// the session when it ends (with the partial text and status `stopped` when it was stopped). A
// failure before the first token records nothing, so a retry starts clean.
import type { SessionMessage, SessionStore } from '../core/sessions/session';
import type { ChatMessage } from '../core/request';
import type { Engine } from './engine';
import type { ExecuteChunk, ExecuteOptions, ExecuteResult } from './execute-types';

export async function* executeStream(
  engine: Engine,
  sessions: SessionStore & { create(title?: string, id?: string): Promise<unknown> },
  o: ExecuteOptions,
): AsyncGenerator<ExecuteChunk> {
  const asked = [...(o.messages ?? []), ...(o.prompt !== undefined ? [{ role: 'user' as const, content: o.prompt }] : [])];
  if (asked.length === 0 || (o.prompt !== undefined && o.prompt.trim() === '')) throw new TypeError('execute() needs a non-empty prompt, or messages.');
  const session = o.sessionId ? sessions.get(o.sessionId) : undefined;
  const history: ChatMessage[] = (session?.messages ?? []).filter((m) => m.content !== '').map((m) => ({ role: m.role, content: m.content }) as ChatMessage);
  const askedAt = new Date().toISOString();
  const abort = new AbortController();
  const onAbort = (): void => abort.abort();
  if (o.signal?.aborted) abort.abort();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  const started = performance.now();
  let firstAt: number | null = null;
  let text = '';
  let stopped = false;
  try {
    let answer;
    try {
      answer = await engine.answer(
        {
          messages: [...history, ...(asked as ChatMessage[])],
          model: o.model ?? 'auto',
          temperature: o.temperature,
          maxTokens: o.maxTokens,
          ...(o.sessionId && { conversation: o.sessionId }),
        },
        abort.signal,
      );
    } catch (err) {
      if (abort.signal.aborted) throw new Error('Stopped before the first token.', { cause: err });
      throw err;
    }
    let failed: unknown;
    try {
      for await (const piece of answer.text) {
        firstAt ??= performance.now();
        text += piece;
        yield { type: 'text', text: piece, model: answer.model, reason: answer.reason };
      }
    } catch (err) {
      if (abort.signal.aborted) stopped = true;
      else failed = err;
    }
    if (abort.signal.aborted) stopped = true;
    const usage = answer.usage();
    const result: ExecuteResult = {
      text,
      model: answer.model,
      reason: answer.reason,
      ...(answer.why && { why: answer.why }),
      usage,
      timeMs: Math.round(performance.now() - started),
      timeToFirstTokenMs: firstAt === null ? null : Math.round(firstAt - started),
      ...(o.sessionId && { sessionId: o.sessionId }),
      ...(stopped && { status: 'stopped' as const }),
    };
    if (o.sessionId) {
      if (!sessions.get(o.sessionId)) await sessions.create(undefined, o.sessionId);
      for (const m of asked) await sessions.append(o.sessionId, { ...m, at: askedAt });
      const stored: SessionMessage = {
        role: 'assistant',
        content: text,
        at: new Date().toISOString(),
        model: answer.model,
        route: answer.reason,
        ...(answer.why && { why: answer.why }),
        metrics: { timeToFirstTokenMs: result.timeToFirstTokenMs, tokensPerSecond: tokensPerSecond(usage?.completion_tokens, firstAt) },
        ...(usage && { usage }),
        ...(stopped ? { status: 'stopped' as const } : failed !== undefined ? { status: 'error' as const } : {}),
      };
      await sessions.append(o.sessionId, stored);
    }
    if (failed !== undefined) throw failed;
    yield { type: 'done', result };
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    abort.abort(); // a consumer that stopped reading early also stops the upstream
  }
}

function tokensPerSecond(tokens: number | undefined, firstAt: number | null): number | null {
  if (tokens === undefined || firstAt === null) return null;
  const s = (performance.now() - firstAt) / 1000;
  return s > 0 ? Math.round((tokens / s) * 10) / 10 : null;
}
