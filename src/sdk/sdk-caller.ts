// Who asks when a program or `oblix chat` uses the package: the ledger's `client` column
// (docs/usage.md). In this process the engine names the caller itself; through a server the
// User-Agent carries the name and core/ledger/client-name.ts reads it back.
import type { Caller } from '../core/ledger/record';

/** `sdk` for a program's OblixClient, `oblix-cli` for the terminal chat (the editor's chat view is `oblix-chat`). */
export type SdkClientName = 'sdk' | 'oblix-cli';

export function sdkCaller(client: SdkClientName): Caller {
  return { dialect: 'sdk', client };
}

/** The User-Agent that names this caller to an Oblix server. */
export function sdkUserAgent(client: SdkClientName): string {
  return `oblix-${client === 'sdk' ? 'sdk' : 'cli'}`;
}
