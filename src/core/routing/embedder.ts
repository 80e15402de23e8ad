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
