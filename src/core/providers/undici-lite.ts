// undici's connection pool and request() only. Importing the package root would also bundle
// fetch, WebSocket, caches and mocks: 523 KiB minified against 286 KiB for these two modules.
import type { Dispatcher, Agent as UndiciAgent } from 'undici';

/* eslint-disable @typescript-eslint/no-require-imports -- deep paths have no typings of their own; typed from the package's */
export const Agent = require('undici/lib/dispatcher/agent.js') as typeof UndiciAgent;
const requestImpl = require('undici/lib/api/api-request.js') as (this: Dispatcher, opts: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;
/* eslint-enable @typescript-eslint/no-require-imports */

export type ResponseData = Dispatcher.ResponseData;

/** `dispatcher.request(opts)` as the package root defines it on every Dispatcher. */
export function request(dispatcher: Dispatcher, opts: Dispatcher.RequestOptions): Promise<ResponseData> {
  return requestImpl.call(dispatcher, opts);
}
