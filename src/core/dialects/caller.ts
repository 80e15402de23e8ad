// Who sent an endpoint request, for the usage ledger: the dialect it spoke and its client's short name.
import type { IncomingHttpHeaders } from 'node:http';
import { clientName } from '../ledger/client-name';
import type { Caller } from '../ledger/record';

export function callerOf(headers: IncomingHttpHeaders, dialect: string): Caller {
  return { dialect, client: clientName(headers['user-agent']) };
}
