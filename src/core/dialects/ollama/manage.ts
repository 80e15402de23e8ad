// Model management (/api/pull with its progress stream, /api/delete) goes to the real Ollama, as
// sent, when one is configured: Oblix itself installs nothing. Without one, a clear error.
import type { ServerResponse } from 'node:http';
import type { RequestContext } from '../dialect';
import { OblixError } from '../../errors/oblix-error';
import { OllamaProvider } from '../../providers/ollama';
import { fetchUpstream } from '../../providers/transport-error';
import { toUpstreamError } from '../../providers/upstream-error';
import { redactUrl } from '../../support/redact';
import { readJsonBody } from '../../http/body';
import { clientGone } from '../../http/client-gone';
import { isObject } from '../json';

export async function forwardToOllama({ oblix, req, res, maxBodyBytes }: RequestContext): Promise<void> {
  const ollama = [...oblix.providers.values()].find((p): p is OllamaProvider => p instanceof OllamaProvider);
  const path = (req.url ?? '/').split('?')[0]!;
  if (!ollama) throw OblixError.of('no_ollama', `${path} manages models of a real Ollama, and none is configured: set OLLAMA_HOST or add an "ollama" provider.`);
  const body = await readJsonBody(req, maxBodyBytes);
  if (!isObject(body)) throw OblixError.of('invalid_type', 'The request body must be a JSON object.');
  // An Oblix id of that Ollama (`ollama:qwen2.5-coder`) names the same model.
  for (const key of ['model', 'name']) {
    const v = body[key];
    if (typeof v === 'string' && v.startsWith(`${ollama.id}:`)) body[key] = v.slice(ollama.id.length + 1);
  }
  const gone = clientGone(res);
  let upstream: Response;
  try {
    upstream = await fetchUpstream(`${ollama.host.replace(/\/+$/, '')}${path}`, {
      method: req.method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: gone.signal,
    });
  } catch (err) {
    if (gone.aborted) return;
    throw toUpstreamError(ollama.id, `Ollama at ${redactUrl(ollama.host)}`, err);
  }
  res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json', 'x-oblix-model': ollama.id, 'x-oblix-route': 'model-management' });
  try {
    const reader = upstream.body?.getReader();
    for (let r = await reader?.read(); r && !r.done; r = await reader?.read()) {
      if (res.destroyed) break;
      if (!res.write(r.value)) await drainedOrClosed(res);
    }
  } catch (err) {
    // Mid-stream: Ollama's own shape for a failure is an error line.
    if (!gone.aborted) res.write(`${JSON.stringify({ error: toUpstreamError(ollama.id, 'Ollama', err).message })}\n`);
  }
  // Re-read before the end, so the client's next request already finds (or misses) the model.
  if (upstream.ok && !gone.aborted) await oblix.refreshModels(ollama.id);
  res.end();
}

/** Waits for 'drain' or 'close', then drops both listeners: a long pull waits thousands of times on one response. */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const settle = (): void => {
      res.off('drain', settle);
      res.off('close', settle);
      resolve();
    };
    res.on('drain', settle);
    res.on('close', settle);
  });
}
