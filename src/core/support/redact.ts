// Keeps secrets out of everything Oblix emits: error bodies, SSE error events, /health, decisions
// and logs. Upstream error text is quoted to help people, and some upstreams echo the request's
// `Authorization` back; base URLs may carry `user:password@`. Two nets: the keys Oblix was given
// (exact matches) and shapes that look like credentials.
const known = new Set<string>();

/** Remembers a key Oblix holds, so that it never appears in anything Oblix says. Short values are ignored (they would blank out ordinary words). */
export function registerSecret(secret: string | undefined): void {
  if (secret && secret.length >= 8) known.add(secret);
}

/** A `<PLACEHOLDER>` in capitals (Oblix's own "x-api-key: <OBLIX_API_KEY>" hint) names a key; it is not one. */
const PLACEHOLDER = /^<[A-Z][A-Z0-9_]*>[^A-Za-z0-9]*$/;

// Each replacement is a function (one `replace` overload for all); `kept` is the part before the secret.
const SHAPES: [RegExp, (match: string, kept: string, value: string) => string][] = [
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"']+@/gi, (_, scheme) => `${scheme}***@`], // URL credentials
  [/\b(bearer\s+)[A-Za-z0-9._~+/=-]{6,}/gi, (_, bearer) => `${bearer}***`],
  [/\b((?:x-)?api[-_]?key["']?\s*[:=]\s*["']?)([^\s"',;}]{6,})/gi, (match, name, value) => (PLACEHOLDER.test(value) ? match : `${name}***`)],
  [/\b(sk|rk|pk)-[A-Za-z0-9_-]{8,}/g, () => '***'], // OpenAI- and Anthropic-style keys (sk-..., sk-ant-...)
];

/** The text with every known key and every key-shaped string replaced by `***`. */
export function redact(text: string): string {
  let out = text;
  for (const secret of known) out = out.split(secret).join('***');
  for (const [re, to] of SHAPES) out = out.replace(re, to);
  return out;
}

/** A URL without its `user:password@` part, for display. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = '***';
    u.password = '';
    return u.toString();
  } catch {
    return redact(url);
  }
}
