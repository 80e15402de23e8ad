// Which of the editor's own models (external providers, providers/external.ts) a request may reach:
// from the HTTP endpoint only when the user opted in (they belong to the editor's account), never a
// model whose consent the user refused, never one whose input limit the prompt exceeds.
import { isExternal, type ExternalProvider } from '../providers/external';
import type { Provider } from '../providers/provider';
import type { ChatRequest } from '../request';
import type { ModelEntry } from './catalog';
import type { PassedOver } from './policy';

export interface Gated {
  models: readonly ModelEntry[];
  passedOver: PassedOver[];
}

/** The external provider of an entry when this request may not reach it from where it came; null otherwise. */
export function hiddenFrom(request: Pick<ChatRequest, 'inEditor'>, p: Provider | undefined): ExternalProvider | null {
  return isExternal(p) && !request.inEditor && !p.onEndpoint ? p : null;
}

export function gateExternal(models: readonly ModelEntry[], request: ChatRequest, promptTokens: () => number, provider: (id: string) => Provider | undefined): Gated {
  const passedOver: PassedOver[] = [];
  const kept = models.filter((e) => {
    const p = provider(e.providerId);
    if (!isExternal(p)) return true;
    if (hiddenFrom(request, p)) return false; // not passed over in words: the endpoint's client never learns of it
    const refused = p.refusal(e.model);
    if (refused) {
      passedOver.push({ id: e.id, code: 'editor-model-refused', detail: refused });
      return false;
    }
    const limit = p.models().find((m) => m.model === e.model)?.maxInputTokens ?? null;
    if (limit !== null && promptTokens() > limit) {
      passedOver.push({ id: e.id, code: 'context-too-long', detail: `the prompt is about ${promptTokens()} tokens, ${e.id} takes at most ${limit}` });
      return false;
    }
    return true;
  });
  return { models: kept.length === models.length ? models : kept, passedOver };
}
