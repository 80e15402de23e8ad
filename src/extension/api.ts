// What `activate` returns to other extensions, modelled on the Oblix SDK's `execute`: the public
// surface only; the exchange behind it is exchange.ts.
import type { SessionStore } from '../core/sessions/session';
import { executeStream, type ExecuteEvent, type ExecuteOptions, type ExecuteResult } from './exchange';
import type { OblixService } from './service';

export type { ExecuteEvent, ExecuteOptions, ExecuteResult };

export interface OblixApi {
  execute(options: ExecuteOptions): Promise<ExecuteResult>;
  executeStream(options: ExecuteOptions): AsyncIterable<ExecuteEvent>;
  readonly endpoint: string;
  readonly sessions: SessionStore;
}

export function createApi(service: OblixService): OblixApi {
  return {
    async execute(options) {
      let result: ExecuteResult | null = null;
      for await (const ev of executeStream(service, options)) if (ev.type === 'done') result = ev.result;
      if (!result) throw new Error('The request was stopped before an answer began.');
      return result;
    },
    executeStream: (options) => executeStream(service, options),
    get endpoint() {
      return service.endpoint;
    },
    sessions: service.sessions,
  };
}
