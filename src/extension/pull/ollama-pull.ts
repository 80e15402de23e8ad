// Pulls a model through Ollama's /api/pull stream (NDJSON progress lines): pure Node, no vscode.

export interface PullProgress {
  status: string;
  /** Over all layers seen so far, when Ollama tells sizes. */
  completed?: number;
  total?: number;
}

/** Ollama answered with an error line or status, or not at all. */
export class PullError extends Error {}

/**
 * Yields progress until Ollama says `success`; throws PullError on an `error` line, a bad status or
 * a stream that ends early. Aborting `signal` stops the download (Ollama keeps what it has).
 */
export async function* pullModel(host: string, model: string, signal: AbortSignal): AsyncGenerator<PullProgress> {
  const url = new URL('/api/pull', host.endsWith('/') ? host : `${host}/`);
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', body: JSON.stringify({ model, stream: true }), headers: { 'content-type': 'application/json' }, signal });
  } catch (err) {
    if (signal.aborted) throw err;
    throw new PullError(`Ollama at ${host} could not be reached: is it running?`);
  }
  if (!res.ok || !res.body) {
    const text = await res.text().catch(() => '');
    throw new PullError(`Ollama refused the pull (${res.status}): ${errorOf(text) ?? text.slice(0, 200)}`);
  }
  const layers = new Map<string, { completed: number; total: number }>();
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (!line) continue;
      const event = parseLine(line);
      if (event.error) throw new PullError(event.error);
      if (event.digest && typeof event.total === 'number') layers.set(event.digest, { total: event.total, completed: event.completed ?? 0 });
      let completed = 0;
      let total = 0;
      for (const l of layers.values()) {
        completed += l.completed;
        total += l.total;
      }
      yield total > 0 ? { status: event.status ?? '', completed, total } : { status: event.status ?? '' };
      if (event.status === 'success') return;
    }
  }
  throw new PullError('Ollama ended the download before it was complete.');
}

interface PullLine {
  status?: string;
  digest?: string;
  total?: number;
  completed?: number;
  error?: string;
}

function parseLine(line: string): PullLine {
  try {
    const v: unknown = JSON.parse(line);
    if (typeof v !== 'object' || v === null) return {};
    const o = v as Record<string, unknown>;
    const out: PullLine = {};
    if (typeof o.status === 'string') out.status = o.status;
    if (typeof o.digest === 'string') out.digest = o.digest;
    if (typeof o.total === 'number') out.total = o.total;
    if (typeof o.completed === 'number') out.completed = o.completed;
    if (typeof o.error === 'string') out.error = o.error;
    return out;
  } catch {
    return {};
  }
}

function errorOf(text: string): string | undefined {
  const e = parseLine(text).error;
  return e || undefined;
}
