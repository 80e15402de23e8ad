// A model the client named (not `auto`): its catalog entry, refused when the mode or the endpoint may
// not use it, and its candidate, with a window raised when the default one would cut the prompt.
import type { RoutingMode } from '../config/config';
import { OblixError } from '../errors/oblix-error';
import type { Provider } from '../providers/provider';
import type { ChatRequest } from '../request';
import type { ModelEntry } from './catalog';
import { defaultWindow, fitContext } from './context-window';
import { hiddenFrom } from './editor-gate';
import type { ModelFact } from './model-facts';
import type { ModelNames } from './model-names';
import type { Candidate } from './policy';
import { requestFeatures } from './request-features';

export interface ExplicitSources {
  names: Pick<ModelNames, 'explicit'>;
  entry(id: string): ModelEntry | null | undefined;
  provider(id: string): Provider | undefined;
  fact(e: ModelEntry): ModelFact | undefined;
  mode: RoutingMode;
  ollamaContextLength: number;
}

/** The catalog entry of a model named explicitly, refused when local-only forbids it or the endpoint may not serve it. */
export function explicitEntry(s: ExplicitSources, name: string, request: Pick<ChatRequest, 'inEditor'> = {}): ModelEntry {
  const id = s.names.explicit(name);
  const entry = s.entry(id)!;
  if (hiddenFrom(request, s.provider(entry.providerId))) {
    throw OblixError.of(
      'model_not_found',
      `The model '${id}' is one of the editor's own models: they belong to the editor's account, so the endpoint serves them only when oblix.editorModels.onEndpoint is on.`,
      { param: 'model' },
    );
  }
  if (s.mode === 'local-only' && !entry.local) {
    throw OblixError.of('local_only', `The model '${id}' is a cloud model (${entry.localitySource}) and Oblix is in local-only mode: nothing is sent to the cloud.`, {
      param: 'model',
    });
  }
  return entry;
}

/** The one candidate of a request naming its model. */
export function explicitCandidate(s: ExplicitSources, request: ChatRequest): Candidate {
  const entry = explicitEntry(s, request.model, request);
  const candidate: Candidate = { id: entry.id, reason: 'explicit' };
  // Named explicitly, it serves even a prompt that may not fit; but a window that would cut the prompt is raised.
  const fact = s.fact(entry);
  if (!fact) return candidate;
  const f = requestFeatures(request);
  const bound = f.promptTokensAtMost + f.outputTokens;
  const fit = fitContext({
    fact,
    need: bound <= defaultWindow(fact, s.ollamaContextLength) ? bound : f.promptTokens + f.outputTokens,
    runtimeDefault: s.ollamaContextLength,
    memAvailableBytes: Number.POSITIVE_INFINITY,
    memoryHeadroom: 0,
  });
  return { ...candidate, contextWindow: fit.window, ...(fit.numCtx !== undefined && { numCtx: fit.numCtx, note: fit.note }) };
}
