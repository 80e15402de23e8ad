// One exchange through the in-process core, the engine behind the API's execute() and the chat view:
// the request built from the session's history, the answer streamed, both recorded in the session.
import type { Caller } from '../core/ledger/record';
import { validateChatRequest } from '../core/dialects/openai-chat/parse';
import type { ChatMessage, Usage } from '../core/request';
import type { SessionMessage } from '../core/sessions/session';
import type { OblixService } from './service';
import { errorCode, errorMessage } from '../core/errors/error-message';
import { DEFAULT_LOCAL_ONLY_FILES, localOnlyReason } from './local-only-files';

export interface ExecuteOptions {
  prompt: string;
  /** Earlier turns to send before the prompt (in addition to the session's history). */
  messages?: ChatMessage[];
  model?: string;
  temperature?: number;
  maxTokens?: number;
  stream?: boolean;
  sessionId?: string;
  signal?: AbortSignal;
  /** Told when the model about to be tried is a cold local one: its id and the estimated load time (ms). */
  onLoading?: (id: string, loadMs: number) => void;
}

export interface ExecuteResult {
  response: string;
  sessionId: string;
  model: string;
  route: string;
  usage: Usage | null;
  metrics: { timeToFirstTokenMs: number | null; totalMs: number; tokensPerSecond: number | null };
  /** Set when the answer stopped part-way (aborted or failed after it began). */
  status?: 'stopped' | 'error';
  error?: string;
  /** The error's code (Oblix's `error.code`), when it had one. */
  errorCode?: string;
}

export type ExecuteEvent =
  | { type: 'delta'; text: string; model: string; route: string; why?: string }
  /** `stored` is the assistant message as written to the session. */
  | { type: 'done'; result: ExecuteResult; stored: SessionMessage };

/** What an exchange needs of the service: the core, the sessions, the default model, the busy mark. */
export type ExchangeHost = Pick<OblixService, 'oblix' | 'sessions' | 'defaultModel' | 'begin'> & Partial<Pick<OblixService, 'localOnlyFiles'>>;

/**
 * Runs one exchange through the in-process core (no HTTP hop) and records it in the session when
 * it ends: the question and the answer, with the partial text if it was stopped or failed.
 * A failure before the first token throws and records nothing, so a retry starts clean.
 */
/** Who the ledger says asked: another extension through execute(), unless the chat view says it is. */
export const EXECUTE_CALLER: Caller = { dialect: 'extension-api', client: 'execute' };

export async function* executeStream(service: ExchangeHost, options: ExecuteOptions, caller: Caller = EXECUTE_CALLER): AsyncGenerator<ExecuteEvent> {
  const oblix = service.oblix;
  if (!oblix) throw new Error('Oblix is still starting; try again in a moment.');
  if (typeof options.prompt !== 'string' || options.prompt.trim() === '') throw new Error('execute() needs a non-empty prompt.');
  const sessions = service.sessions;
  const existing = options.sessionId ? sessions.get(options.sessionId) : undefined;
  if (options.sessionId && !existing) throw new Error(`No session with id ${options.sessionId}.`);
  const history = (existing?.messages ?? []).filter((m) => m.content !== '').map((m) => ({ role: m.role, content: m.content }) as ChatMessage);
  // Validated before a new session is made, so a bad request leaves no empty session behind.
  const request = validateChatRequest({
    model: options.model ?? service.defaultModel,
    messages: [...history, ...(options.messages ?? []), { role: 'user', content: options.prompt }],
    temperature: options.temperature,
    max_tokens: options.maxTokens,
  });
  const session = existing ?? (await sessions.create());
  // The session is the conversation: its turns stick to the model that answered it (routing/stickiness.ts).
  request.conversation = session.id;
  request.inEditor = true; // the chat view, Ask Oblix and execute() run inside the editor: its own models may answer
  request.caller = caller;
  const keepLocal = localOnlyReason(request.messages, service.localOnlyFiles ?? DEFAULT_LOCAL_ONLY_FILES);
  if (keepLocal) request.keepLocal = keepLocal;
  const askedAt = new Date().toISOString();
  const abort = new AbortController();
  const onAbort = (): void => abort.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const end = service.begin();
  const started = performance.now();
  let firstAt: number | null = null;
  let text = '';
  let usage: Usage | null = null;
  let status: ExecuteResult['status'];
  let error: string | undefined;
  let code: string | undefined;
  let routed;
  try {
    try {
      const onLoading = options.onLoading;
      routed = await oblix.chat(
        request,
        abort.signal,
        onLoading &&
          ((id) => {
            const ms = oblix.loadEstimate(id);
            if (ms !== null) onLoading(id, ms);
          }),
      );
    } catch (err) {
      if (abort.signal.aborted) return;
      throw err;
    }
    try {
      for await (const batch of routed.events) {
        for (const ev of batch) {
          if (ev.type === 'usage') usage = ev.usage;
          if (ev.type !== 'delta' || ev.index !== 0 || !ev.content) continue;
          firstAt ??= performance.now();
          text += ev.content;
          yield { type: 'delta', text: ev.content, model: routed.id, route: routed.reason, ...(routed.why && { why: routed.why }) };
        }
      }
    } catch (err) {
      status = abort.signal.aborted ? 'stopped' : 'error';
      if (status === 'error') {
        error = errorMessage(err);
        code = errorCode(err);
      }
    }
  } finally {
    end();
    options.signal?.removeEventListener('abort', onAbort);
    abort.abort(); // a consumer that stopped reading early also stops the upstream
  }
  const now = performance.now();
  const genSeconds = firstAt !== null ? (now - firstAt) / 1000 : 0;
  const result: ExecuteResult = {
    response: text,
    sessionId: session.id,
    model: routed.id,
    route: routed.reason,
    usage,
    metrics: {
      timeToFirstTokenMs: firstAt !== null ? Math.round(firstAt - started) : null,
      totalMs: Math.round(now - started),
      tokensPerSecond: usage && genSeconds > 0 ? Math.round((usage.completion_tokens / genSeconds) * 10) / 10 : null,
    },
    ...(status ? { status } : {}),
    ...(error ? { error } : {}),
    ...(code ? { errorCode: code } : {}),
  };
  await sessions.append(session.id, { role: 'user', content: options.prompt, at: askedAt });
  const answer: SessionMessage = {
    role: 'assistant',
    content: text,
    at: new Date().toISOString(),
    model: routed.id,
    route: routed.reason,
    ...(routed.why && { why: routed.why }),
    metrics: result.metrics,
    ...(usage ? { usage } : {}),
    ...(status ? { status } : {}),
  };
  await sessions.append(session.id, answer);
  yield { type: 'done', result, stored: answer };
}
