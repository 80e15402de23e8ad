// Tries candidates in order until one produces its first event; from then on the answer is
// committed to that model. Failures before the first event that another model could avoid
// (unreachable, 404, 429, 5xx, first-token timeout) move on to the next candidate.
import { Cancel, type CancelSignal } from '../support/cancel';
import { SYSTEM_CLOCK, type Clock, type TimerHandle } from '../support/clock';
import { OblixError } from '../errors/oblix-error';
import type { ChatRequest } from '../request';
import type { Provider, ProviderEvent } from '../providers/provider';
import { isAbort, UpstreamError } from '../providers/upstream-error';
import { Committed } from './committed';
import type { Connectivity } from './connectivity';
import { failureKind } from './failure-kind';
import { parseModelId } from './model-id';
import type { Candidate } from './policy';
import { failoverFrom, type RouteReason } from './route-reason';
import { errorMessage } from '../errors/error-message';
import type { AnswerMeter } from '../ledger/meter';
import { repairsToolCalls, ToolRepair } from '../tool-repair/repair-stream';

export interface Attempt {
  id: string;
  error: string;
}

export interface Routed {
  id: string;
  reason: RouteReason;
  provider: Provider;
  ignoredParams: string[];
  attempts: Attempt[];
  /** For `auto`: the request's kind, difficulty and the preference in words (set by the facade, shown beside the reason). */
  why?: string;
  /** A cloud budget past 80 %, in words, for the `x-oblix-budget` header (set by the facade). */
  budget?: string;
  /** The whole answer in batches, starting with the one that committed it; its end is reported to the provider's health. */
  events: AsyncIterable<ProviderEvent[]>;
}

export interface RouterTimeouts {
  /** How long a candidate may take to produce its first event before the next one is tried. */
  firstTokenMs: number;
  /** Longest silence between events once committed; 0 turns it off. */
  idleMs: number;
}

export class Router {
  constructor(
    private readonly providers: ReadonlyMap<string, Provider>,
    private readonly connectivity: Connectivity,
    private readonly timeouts: RouterTimeouts,
    /** Time and timers (the first-token and idle timeouts); tests step a manual one. */
    private readonly clock: Clock = SYSTEM_CLOCK,
  ) {}

  /** `firstTokenMs` overrides the configured first-token timeout (autocomplete has its own, shorter one). */
  /**
   * `notes`: where what happened besides the choice is told (the decision's notes), also after the answer began. `onTry` hears each
   * candidate as it is tried. `meter`: told the answer's batches and end, for the usage ledger.
   */
  async route(
    request: ChatRequest,
    candidates: Candidate[],
    signal: CancelSignal,
    firstTokenMs = this.timeouts.firstTokenMs,
    notes: string[] = [],
    onTry?: (id: string) => void,
    meter?: AnswerMeter,
  ): Promise<Routed> {
    const attempts: Attempt[] = [];
    const unreachable: string[] = [];
    for (let i = 0; i < candidates.length; i++) {
      const cand = candidates[i]!;
      const ref = parseModelId(cand.id);
      const provider = ref && this.providers.get(ref.providerId);
      if (!ref || !provider)
        throw OblixError.of('model_not_found', `The model '${cand.id}' does not exist: no provider '${ref?.providerId ?? cand.id}' is configured.`, { param: 'model' });
      if (signal.aborted) throw stopped(signal);
      const attempt = new Cancel();
      const onAbort = (): void => attempt.abort();
      signal.addEventListener('abort', onAbort, { once: true });
      let iterator: AsyncIterator<ProviderEvent[]> | undefined;
      onTry?.(cand.id);
      try {
        // Inside the try: building the upstream body may refuse the request (a 400) synchronously.
        // A prompt to continue goes to `complete`; the policy only offered providers that have it.
        const call = {
          model: ref.model,
          request,
          cancel: attempt,
          ...(cand.numCtx !== undefined && { numCtx: cand.numCtx }),
          ...(cand.answerRoom !== undefined && { answerRoom: cand.answerRoom }),
        };
        const raw = request.prompt && provider.complete ? provider.complete(call) : provider.chat(call);
        // Tool calls a model wrote as text become tool calls (src/core/tool-repair); it may hold text back.
        const repair = repairsToolCalls(request)
          ? new ToolRepair(raw, request, { providerId: provider.id, canFailOver: i < candidates.length - 1, note: (n) => notes.push(n) })
          : null;
        iterator = (repair ?? raw)[Symbol.asyncIterator]();
        const first = await this.firstEvent(iterator, attempt, firstTokenMs, repair);
        const reason = attempts.length > 0 ? failoverFrom(attempts[0]!.id) : cand.reason;
        const events = new Committed(first, iterator, {
          providerId: provider.id,
          connectivity: this.connectivity,
          signal,
          attempt,
          choices: request.n,
          idleTimeoutMs: this.timeouts.idleMs,
          clock: this.clock,
          cleanup: () => signal.removeEventListener('abort', onAbort),
          ...(meter && { meter }),
        });
        return { id: cand.id, reason, provider, ignoredParams: provider.ignoredParams(request), attempts, events };
      } catch (err) {
        signal.removeEventListener('abort', onAbort);
        attempt.abort();
        void iterator?.return?.(undefined);
        if (signal.aborted) throw stopped(signal);
        if (isAbort(err, signal)) throw err;
        const upstream = err instanceof UpstreamError ? err : null;
        const kind = upstream && failureKind(upstream);
        if (kind) this.connectivity.failed(provider.id, kind, upstream.message, upstream.retryAfter);
        const last = i === candidates.length - 1;
        if (last || !(upstream?.failover ?? false)) {
          if (attempts.length === 0) throw err;
          const all = [...attempts, { id: cand.id, error: errorText(err) }];
          const allUnreachable = unreachable.length === all.length - 1 && (upstream?.unreachable ?? false);
          throw new OblixError(
            upstream?.status ?? 502,
            `Every candidate model failed. ${all.map((a) => `${a.id}: ${a.error}`).join(' | ')}`,
            undefined,
            null,
            allUnreachable ? 'upstream_unreachable' : (upstream?.code ?? 'all_candidates_failed'),
          );
        }
        attempts.push({ id: cand.id, error: errorText(err) });
        if (upstream?.unreachable) unreachable.push(cand.id);
      }
    }
    throw OblixError.of('no_model_available', 'No model can answer this request.');
  }

  /** `held`: a step that may hold the first tokens back (tool repair); each upstream batch it sees restarts the clock. */
  private async firstEvent(iterator: AsyncIterator<ProviderEvent[]>, attempt: Cancel, firstTokenMs: number, held?: ToolRepair | null): Promise<IteratorResult<ProviderEvent[]>> {
    let timer: TimerHandle | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = this.clock.setTimeout(() => {
        attempt.abort();
        reject(new UpstreamError('router', 504, `no first token within ${firstTokenMs} ms`, false, 'first_token_timeout'));
      }, firstTokenMs);
    });
    if (held) held.progress = () => timer?.refresh();
    try {
      return await Promise.race([iterator.next(), timeout]);
    } finally {
      if (held) held.progress = null;
      this.clock.clearTimeout(timer);
    }
  }
}

/** The caller's stop before an answer began: the client left (an abort), or the server is shutting down (a 503). */
function stopped(signal: CancelSignal): Error {
  if (signal.reason === 'shutdown') {
    return OblixError.of('server_shutting_down', 'Oblix is shutting down: try again in a moment.');
  }
  return Object.assign(new Error('The client went away before an answer began.'), { name: 'AbortError' });
}

function errorText(err: unknown): string {
  return errorMessage(err);
}
