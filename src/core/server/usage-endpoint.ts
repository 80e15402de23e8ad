// GET /v1/usage?days=30&by=day|model|client|kind: the ledger summed, as JSON.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badParam } from '../errors/oblix-error';
import { sendJson } from '../http/respond';
import { MAX_USAGE_DAYS, queryUsage } from '../ledger/usage-query';
import { USAGE_GROUPS, type UsageGroup } from '../ledger/summary';
import type { Oblix } from '../oblix';

export function handleUsage(oblix: Oblix, req: IncomingMessage, res: ServerResponse): void {
  const q = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const days = q.get('days') ?? '30';
  if (!/^\d+$/.test(days) || Number(days) < 1 || Number(days) > MAX_USAGE_DAYS) throw badParam('days', `days must be a whole number from 1 to ${MAX_USAGE_DAYS}, not '${days}'.`);
  const by = q.get('by') ?? 'day';
  if (!(USAGE_GROUPS as readonly string[]).includes(by)) throw badParam('by', `by must be one of ${USAGE_GROUPS.join(', ')}, not '${by}'.`);
  sendJson(res, 200, queryUsage(oblix.usage, Number(days), by as UsageGroup));
}
