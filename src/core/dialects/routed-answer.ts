// What every dialect tells about a routed answer: the routing headers, and the `model` it shows.
import type { Dialect } from './native';
import { headerValue } from '../server/respond';
import type { Routed } from '../routing/router';

/** `auto (selected: <id>)` for auto, the id itself for an explicit one (DESIGN: response identity). */
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
  if (all.length) headers['x-oblix-ignored-params'] = headerValue(all.join(', '));
  return headers;
}
