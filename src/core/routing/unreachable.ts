// When no candidate could even be reached, the client gets a 503 that says what to fix: which models
// were tried, why the editor's models could not stand in, what is wrong with the providers, the mode.
import type { RoutingMode } from '../config/config';
import { OblixError } from '../errors/oblix-error';
import { isExternal } from '../providers/external';
import type { Provider } from '../providers/provider';
import { UpstreamError } from '../providers/upstream-error';
import type { ModelEntry } from './catalog';
import { clauses } from '../support/clauses';
import { modeHint } from './mode-hint';
import type { PassedOver } from './policy';

export interface UnreachableSources {
  entry(id: string): ModelEntry | null | undefined;
  provider(id: string): Provider | undefined;
  /** What to fix among the providers the mode lets answer (health-report.ts). */
  problems(): string[];
  mode: RoutingMode;
}

/** `err` as the 503 `no_model_available` when it says nothing could be reached; any other error as it is. */
export function explainUnreachable(s: UnreachableSources, err: unknown, tried: readonly string[], passedOver: readonly PassedOver[] = []): unknown {
  const unreachable = err instanceof UpstreamError ? err.unreachable : err instanceof OblixError && err.has('upstream_unreachable');
  if (!unreachable) return err;
  const which = tried.length === 1 ? `${tried[0]} could not be reached` : `none of ${tried.join(', ')} could be reached`;
  // The editor's models that could have answered, and why not (a refused consent, a too-long prompt): said, not hidden.
  const editor = [...tried.flatMap((id) => editorRefusal(s, id) ?? []), ...passedOver.filter((p) => isExternal(s.provider(s.entry(p.id)?.providerId ?? ''))).map((p) => p.detail)];
  return OblixError.of(
    'no_model_available',
    `No model can answer: ${which}. ${editor.length ? `${clauses([...new Set(editor)])}.` : ''} ${s.problems().join(' ')} ${modeHint(s.mode)}`.replace(/ +/g, ' ').trim(),
  );
}

/** Why an editor model may not be used this session (its consent refused), or null. */
function editorRefusal(s: UnreachableSources, id: string): string | null {
  const e = s.entry(id);
  const p = e && s.provider(e.providerId);
  return p && isExternal(p) ? p.refusal(e.model) : null;
}
