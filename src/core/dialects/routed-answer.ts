// What every dialect tells about a routed answer: the routing headers, and the `model` it shows.
import type { Dialect } from './native';
import { OblixError } from '../errors/oblix-error';
import { toUpstreamError } from '../providers/upstream-error';
import type { Routed } from '../routing/router';
import { ignoredParamsHeader } from '../http/respond';

/** `auto (selected: <id>)` for auto, the id itself for an explicit one (docs/architecture.md, The rules). */
export function shownModel(requested: string, routed: Routed): string {
  return requested === 'auto' ? `auto (selected: ${routed.id})` : routed.id;
}

/** Whether the answer is the upstream's own, passed through in the client's dialect. */
export function passedThrough(routed: Routed, dialect: Dialect): boolean {
  return routed.provider.speaks?.includes(dialect) ?? false;
}

/** x-oblix-model, x-oblix-route, and x-oblix-ignored-params: what the dialect could not translate plus what the provider could not honour. */
export function routingHeaders(routed: Routed, ignored: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = { 'x-oblix-model': routed.id, 'x-oblix-route': routed.reason };
  const all = [...new Set([...ignored, ...routed.ignoredParams])];
  if (all.length) headers['x-oblix-ignored-params'] = ignoredParamsHeader(all);
  if (routed.budget) headers['x-oblix-budget'] = routed.budget;
  return headers;
}

/** The error a non-stream answer gets when its model failed after it began: a 502 naming it, or the shutdown's own 503. */
export function failedAfterCommit(routed: Routed, err: unknown): OblixError {
  const e = toUpstreamError(routed.provider.id, routed.id, err);
  return e.has('server_shutting_down') ? e : new OblixError(502, `${routed.id} failed after it began to answer: ${e.message}`, 'server_error', null, e.code);
}
