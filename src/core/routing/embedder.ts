// Routes an embedding request. Vectors of different models live in different spaces, so there is no
// `auto` failover: a name always maps to one model, and only a pair the user declared equivalent
// (roles.embeddingFailover) may stand in when that model fails.
import type { Caller } from '../ledger/record';
import type { RoutingMode } from '../config/config';
import { OblixError } from '../errors/oblix-error';
import type { Embeddings, Provider } from '../providers/provider';
import { isAbort, UpstreamError } from '../providers/upstream-error';
import type { ModelEntry } from './catalog';
import type { Connectivity } from './connectivity';
import { failureKind } from './failure-kind';
import { failoverFrom, type RouteReason } from './route-reason';
import { errorMessage } from '../errors/error-message';
import type { ModelRoles } from './roles-config';
import { modeHint } from './mode-hint';
import { autoEmbeddingModel, type RoleSignals } from './model-roles';

export interface EmbedRequest {
  model: string;
  input: string[] | number[][];
  dimensions: number | null;
  /** Who sent it, for the usage ledger. */
  caller?: Caller;
}

export interface EmbedRouted extends Embeddings {
  id: string;
  reason: RouteReason;
}

export interface EmbedContext {
  providers: ReadonlyMap<string, Provider>;
  connectivity: Connectivity;
  mode: RoutingMode;
  failover: Readonly<Record<string, string>>;
}

/** The model `auto` embeds with in this mode, or a refusal that says how to get one. */
export function autoEmbeddingEntry(s: RoleSignals, roles: ModelRoles, mode: RoutingMode): ModelEntry {
  const first = autoEmbeddingModel(s, roles, mode);
  if (!first && mode === 'cloud-only')
    throw OblixError.of('no_model_available', `No cloud embedding model: a cloud model embeds only when roles.embedding names it. ${modeHint('cloud-only')}`);
  if (!first) throw OblixError.of('no_model_available', 'No embedding model: install one in Ollama (ollama pull nomic-embed-text) or name one in roles.embedding.');
  if (mode === 'local-only' && !first.local)
    throw OblixError.of('local_only', `The embedding model '${first.id}' is a cloud model and Oblix is in local-only mode: nothing is sent to the cloud.`, { param: 'model' });
  return first;
}

/** Tries `first`, then the user's declared equivalents of it, in order; local-only skips cloud ones, cloud-only local ones. */
export async function routeEmbedding(
  ctx: EmbedContext,
  first: ModelEntry,
  reason: RouteReason,
  req: EmbedRequest,
  signal: AbortSignal,
  entry: (id: string) => ModelEntry | null,
): Promise<EmbedRouted> {
  const chain: ModelEntry[] = [first];
  for (let next = ctx.failover[first.id]; next !== undefined && chain.length < 8; next = ctx.failover[next]) {
    const e = entry(next);
    if (!e || chain.some((c) => c.id === e.id)) break;
    if (ctx.mode === 'auto' || e.local === (ctx.mode === 'local-only')) chain.push(e);
  }
  const errors: string[] = [];
  for (const [i, e] of chain.entries()) {
    const provider = ctx.providers.get(e.providerId);
    if (!provider?.embed) {
      if (chain.length === 1) throw OblixError.of('model_not_supported', `The model '${e.id}' cannot embed: ${e.providerId} has no embeddings API.`, { param: 'model' });
      continue;
    }
    try {
      const r = await provider.embed({ model: e.model, input: req.input, dimensions: req.dimensions, signal });
      return { ...r, id: e.id, reason: i === 0 ? reason : failoverFrom(first.id) };
    } catch (err) {
      if (signal.aborted || isAbort(err, signal)) throw err;
      const upstream = err instanceof UpstreamError ? err : null;
      const kind = upstream && failureKind(upstream);
      if (kind) ctx.connectivity.failed(provider.id, kind, upstream.message, upstream.retryAfter);
      if (i === chain.length - 1 || !upstream?.failover) {
        if (errors.length === 0) throw err;
        throw new OblixError(
          upstream?.status ?? 502,
          `Every equivalent embedding model failed. ${[...errors, `${e.id}: ${errText(err)}`].join(' | ')}`,
          undefined,
          null,
          upstream?.code ?? 'all_candidates_failed',
        );
      }
      errors.push(`${e.id}: ${errText(err)}`);
    }
  }
  throw OblixError.of('no_model_available', `No embedding model can answer for '${first.id}'.`);
}

const errText = (err: unknown): string => errorMessage(err);
