// Whether an Oblix server answers at an address: GET /health, briefly, and its body must be
// Oblix's (a version, a mode and the decisions), so another program on the port is not mistaken for one.
export async function oblixServerAt(base: string, apiKey: string | undefined, timeoutMs = 500): Promise<boolean> {
  try {
    const res = await fetch(`${base}/health`, { headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {}, signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return false;
    const h = (await res.json()) as Record<string, unknown>;
    return typeof h.version === 'string' && typeof h.mode === 'string' && Array.isArray(h.decisions);
  } catch {
    return false;
  }
}

/** http://HOST:PORT for a listen address; IPv6 in brackets, a wildcard host as loopback. */
export function baseUrlOf(host: string, port: number): string {
  const h = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${h.includes(':') ? `[${h}]` : h}:${port}`;
}
