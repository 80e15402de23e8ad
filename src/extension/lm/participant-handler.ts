// The @oblix chat participant's handler, on plain shapes of VS Code's chat API so it runs in tests:
// a question is answered through Oblix with the model and the routing reason shown; /why shows the
// last decisions, /models each provider's state, /mode switches the routing mode.
import { ROUTING_MODES, type RoutingMode } from '../../core/config/config';
import type { Cancel } from '../../core/support/cancel';
import type { Health } from '../../core/health';
import { validateChatRequest } from '../../core/dialects/openai-chat/parse';
import type { ChatMessage, ChatRequest } from '../../core/request';
import type { Routed } from '../../core/routing/router';
import { routeInWords } from '../../core/routing/route-reason';
import { modelsText, whyText } from './routing-report';
import { errorMessage } from '../../core/errors/error-message';
import { VENDOR } from '../ids';
import { localOnlyReason } from '../local-only-files';

/** Starts the line that names the model under an answer; such lines are left out of the history sent on. */
export const ROUTE_NOTE_PREFIX = '\n\n---\n';
const DECISIONS_SHOWN = 5;

export interface RequestLike {
  prompt: string;
  command: string | undefined;
  /** The model picked in the chat; used when it is one of Oblix's own. */
  model?: { vendor: string; id: string };
  /** Files and selections attached to the question (#file, drag and drop): a Uri or a Location, by their path. */
  references?: readonly { value: unknown }[];
}
export interface RequestTurnLike {
  prompt: string;
  command?: string;
}
export interface ResponseTurnLike {
  response: readonly unknown[];
  command?: string;
}
export interface ContextLike {
  history: readonly (RequestTurnLike | ResponseTurnLike)[];
}
export interface StreamLike {
  markdown(value: string): void;
  progress(value: string): void;
}
export interface TokenLike {
  isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}
export interface ResultLike {
  errorDetails?: { message: string };
  metadata?: { command?: string; model?: string; reason?: string };
}

/** What the handler needs of the extension: the core (null while starting), settings, a mode switch. */
export interface ParticipantDeps {
  oblix(): { chat(request: ChatRequest, signal: Cancel): Promise<Routed>; health(): Health; models(): string[] } | null;
  defaultModel(): string;
  setMode(mode: RoutingMode): Promise<void>;
  newCancel(): Cancel;
  /** Marks a request as running (the status bar animates); call the returned function when it ends. */
  begin(): () => void;
  /** oblix.privacy.localOnlyFiles. */
  localOnlyFiles(): readonly string[];
}

export async function handleParticipantRequest(request: RequestLike, context: ContextLike, stream: StreamLike, token: TokenLike, deps: ParticipantDeps): Promise<ResultLike> {
  const oblix = deps.oblix();
  if (!oblix) return { errorDetails: { message: 'Oblix is still starting; try again in a moment.' } };
  switch (request.command) {
    case 'why':
      stream.markdown(whyText(oblix.health().decisions.slice(0, DECISIONS_SHOWN)));
      return { metadata: { command: 'why' } };
    case 'models':
      stream.markdown(modelsText(oblix.health(), oblix.models()));
      return { metadata: { command: 'models' } };
    case 'mode':
      return switchMode(request.prompt.trim(), oblix.health().mode, stream, deps);
    default:
      return answer(request, context, stream, token, deps, oblix);
  }
}

async function answer(
  request: RequestLike,
  context: ContextLike,
  stream: StreamLike,
  token: TokenLike,
  deps: ParticipantDeps,
  oblix: NonNullable<ReturnType<ParticipantDeps['oblix']>>,
): Promise<ResultLike> {
  if (!request.prompt.trim()) return { errorDetails: { message: 'Ask a question, or use /why, /models or /mode.' } };
  const model = request.model?.vendor === VENDOR ? request.model.id : deps.defaultModel();
  const cancel = deps.newCancel();
  const onCancel = token.onCancellationRequested(() => cancel.abort());
  const end = deps.begin();
  try {
    const chatRequest = validateChatRequest({ model, messages: [...historyMessages(context), { role: 'user', content: request.prompt }] });
    const keepLocal = localOnlyReason(chatRequest.messages, deps.localOnlyFiles(), referencedPaths(request));
    if (keepLocal) chatRequest.keepLocal = keepLocal;
    chatRequest.inEditor = true; // @oblix runs inside the editor: its own models may answer
    chatRequest.caller = { dialect: 'chat-participant', client: '@oblix' };
    stream.progress(model === 'auto' ? 'Choosing a model…' : `Asking ${model}…`);
    const routed = await oblix.chat(chatRequest, cancel);
    for await (const batch of routed.events) {
      for (const ev of batch) if (ev.type === 'delta' && ev.index === 0 && ev.content && !cancel.aborted) stream.markdown(ev.content);
    }
    stream.markdown(`${ROUTE_NOTE_PREFIX}${routeNote(routed)}`);
    return { metadata: { model: routed.id, reason: routed.reason } };
  } catch (err) {
    if (cancel.aborted || token.isCancellationRequested) return {};
    return { errorDetails: { message: errorMessage(err) } };
  } finally {
    onCancel.dispose();
    end();
    cancel.abort();
  }
}

/** Earlier questions and answers of plain turns (not /why, /models, /mode), without the route notes. */
export function historyMessages(context: ContextLike): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const turn of context.history) {
    if (turn.command) continue;
    if ('prompt' in turn) out.push({ role: 'user', content: turn.prompt });
    else {
      const text = turn.response
        .map(markdownOf)
        .filter((t) => !t.startsWith(ROUTE_NOTE_PREFIX))
        .join('');
      if (text) out.push({ role: 'assistant', content: text });
    }
  }
  return out;
}

/** The text of a ChatResponseMarkdownPart (its value is a MarkdownString); '' for other parts. */
function markdownOf(part: unknown): string {
  const v = typeof part === 'object' && part !== null && 'value' in part ? part.value : undefined;
  if (typeof v === 'object' && v !== null && 'value' in v && typeof v.value === 'string') return v.value;
  return '';
}

function routeNote(routed: Routed): string {
  const failed = routed.attempts.length ? `; failed first: ${routed.attempts.map((a) => `\`${a.id}\` (${a.error})`).join(', ')}` : '';
  // In words, as the chat view says it; the code after it is what docs/routing.md lists.
  const why = routeInWords(routed.reason);
  return `Answered by \`${routed.id}\` — ${why === routed.reason ? why : `${why} (${routed.reason})`}${failed}. \`/why\` shows how it was chosen.`;
}

async function switchMode(arg: string, current: RoutingMode, stream: StreamLike, deps: ParticipantDeps): Promise<ResultLike> {
  const list = ROUTING_MODES.map((m) => `\`${m}\``).join(', ');
  if (!arg) {
    stream.markdown(`The routing mode is \`${current}\`. Switch with \`/mode <mode>\`, one of ${list}.`);
    return { metadata: { command: 'mode' } };
  }
  const mode = ROUTING_MODES.find((m) => m === arg);
  if (!mode) return { errorDetails: { message: `'${arg}' is not a routing mode: use one of ${ROUTING_MODES.join(', ')}.` } };
  await deps.setMode(mode);
  stream.markdown(mode === current ? `The routing mode already is \`${mode}\`.` : `Routing mode switched from \`${current}\` to \`${mode}\`.`);
  return { metadata: { command: 'mode' } };
}

/** The paths of the question's references: a Uri (`fsPath`/`path`) or a Location (its `uri`). */
function referencedPaths(request: RequestLike): string[] {
  const paths: string[] = [];
  for (const r of request.references ?? []) {
    const v = r.value as { fsPath?: unknown; path?: unknown; uri?: { fsPath?: unknown; path?: unknown } } | null;
    const uri = v && typeof v === 'object' && v.uri ? v.uri : v;
    const p = uri && typeof uri === 'object' ? (typeof uri.fsPath === 'string' ? uri.fsPath : uri.path) : undefined;
    if (typeof p === 'string') paths.push(p);
  }
  return paths;
}
