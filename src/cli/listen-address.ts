// What `--host` means for who can reach `oblix serve`, in words: why it could not listen there, and
// what listening on every interface does and does not open (the Host guard still answers only loopback names).
import { isIP } from 'node:net';
import { UsageError } from './options';

/** The listen error of `--host H --port P` as the user's mistake (exit 2) when it is one; else the error itself. */
export function listenError(err: unknown, host: string, port: number): Error {
  const code = (err as { code?: string }).code;
  if (code === 'EADDRINUSE') return new Error(`Port ${port} on ${host} is already in use. Pick another with --port (0 picks a free one).`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return new UsageError(
      `--host ${host} is not a name this machine can resolve (${code}). Give an address of this machine: 127.0.0.1 (the default), ::1, or 0.0.0.0 for every interface.`,
    );
  }
  if (code === 'EADDRNOTAVAIL') {
    return new UsageError(
      `--host ${host} is not an address of this machine (${code}): a server can only listen on its own addresses. Use 127.0.0.1 (the default), one of this machine's network addresses, or 0.0.0.0 for every interface.`,
    );
  }
  if (code === 'EACCES') return new UsageError(`--host ${host} --port ${port}: permission denied (${code}); ports below 1024 need privileges. Pick a port above 1024.`);
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * A warning for a wildcard `--host` (0.0.0.0, ::): the port opens on every interface, but the Host
 * guard (DNS rebinding) answers only requests that name a loopback host or the --host itself, so
 * another machine reaching `http://<this machine's address>` gets 403. Undefined for any other host.
 */
export function everyInterface(host: string): string | undefined {
  const bare = host.replace(/^\[|\]$/g, '');
  if (!(isIP(bare) && /^(0\.0\.0\.0|::|0:0:0:0:0:0:0:0)$/.test(bare))) return undefined;
  return (
    `--host ${host} listens on every interface, yet only requests whose Host is a loopback name (localhost, 127.0.0.1, [::1]) are answered: ` +
    `a request from another machine to this machine's address is refused with 403 host_not_allowed (the DNS-rebinding guard). ` +
    `To serve other machines, pass that network address itself as --host (for example --host 192.168.1.5) and set OBLIX_API_KEY.`
  );
}
