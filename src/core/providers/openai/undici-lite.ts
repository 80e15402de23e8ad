// undici's connection pool and request() only. Importing the package root would also bundle
// fetch, WebSocket, caches and mocks: 523 KiB minified against 286 KiB for these two modules.
// Required on first use, not at load: running undici's module code added ~28 ms to loading
// dist/extension.js, on every VS Code start, before any request needs it.
import type { Dispatcher, Agent as UndiciAgent } from 'undici';

type RequestImpl = (this: Dispatcher, opts: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;
let lib: { Agent: typeof UndiciAgent; request: RequestImpl } | null = null;

function undici(): { Agent: typeof UndiciAgent; request: RequestImpl } {
  // require(), not import: these deep paths have no typings of their own, so they are typed from the package's.
  lib ??= {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a deep path with no typings of its own
    Agent: require('undici/lib/dispatcher/agent.js') as typeof UndiciAgent,
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a deep path with no typings of its own
    request: require('undici/lib/api/api-request.js') as RequestImpl,
  };
  return lib;
}

export function newAgent(options: UndiciAgent.Options): Dispatcher {
  return new (undici().Agent)(options);
}

/** `dispatcher.request(opts)` as the package root defines it on every Dispatcher. */
export function request(dispatcher: Dispatcher, opts: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData> {
  return undici().request.call(dispatcher, opts);
}
