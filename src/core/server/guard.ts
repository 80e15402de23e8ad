// Who may talk to the local endpoint: loopback Host names only (DNS rebinding), browser Origins
// only when allowed (VS Code webviews and configured ones), and the bearer token when one is set.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isLoopbackHost } from '../support/loopback';
import { OblixError } from '../errors/oblix-error';

export interface GuardOptions {
  /** The address the server is bound to: a non-loopback bind is reachable under that name too. */
  bindHost: string;
  allowedOrigins: readonly string[];
  apiKey?: string;
}

const VSCODE_ORIGIN = /^(vscode-webview|vscode-file):\/\//;

/** Host and Origin: who may reach the endpoint at all. Checked before anything else, preflights included. */
export function checkCaller(req: IncomingMessage, opts: GuardOptions): OblixError | null {
  const host = hostnameOf(req.headers.host);
  if (host === null || (!isLoopbackHost(host) && host !== opts.bindHost.toLowerCase())) {
    return OblixError.of('host_not_allowed', `Host '${req.headers.host ?? ''}' is not allowed: Oblix answers only on loopback names (localhost, 127.0.0.1, [::1]).`);
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !originAllowed(origin, opts.allowedOrigins)) {
    return OblixError.of(
      'origin_not_allowed',
      `Origin '${origin}' is not allowed. Add it to the allowed origins (oblix.server.allowedOrigins, or "allowedOrigins" in the config file) to call Oblix from that page.`,
    );
  }
  return null;
}

/** The bearer token, when one is required. Browsers send no Authorization on a CORS preflight, so this runs after it. */
export function checkToken(req: IncomingMessage, opts: GuardOptions): OblixError | null {
  // `x-api-key` too: Anthropic's clients (Claude Code with ANTHROPIC_API_KEY) send the key there.
  if (opts.apiKey && !bearerMatches(req.headers.authorization, opts.apiKey) && !keyMatches(req.headers['x-api-key'], opts.apiKey)) {
    return OblixError.of('invalid_api_key', 'Incorrect or missing API key: this Oblix server requires `Authorization: Bearer <OBLIX_API_KEY>` (or `x-api-key: <OBLIX_API_KEY>`).');
  }
  return null;
}

export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  return VSCODE_ORIGIN.test(origin) || allowed.includes(origin) || allowed.includes('*');
}

function hostnameOf(header: string | undefined): string | null {
  if (!header) return null;
  try {
    return new URL(`http://${header}`).hostname.toLowerCase();
  } catch {
    return null;
  }
}

function bearerMatches(header: string | undefined, key: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return m !== null && keyMatches(m[1]!.trim(), key);
}

function keyMatches(given: string | string[] | undefined, key: string): boolean {
  if (typeof given !== 'string') return false;
  const want = Buffer.from(key);
  const got = Buffer.from(given.trim());
  return got.length === want.length && timingSafeEqual(got, want);
}
