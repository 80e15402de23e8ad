// POST /v1/embeddings: read → parse → name → Oblix.embed → the list in OpenAI's shape, vectors as
// floats or base64 (little-endian float32, as OpenAI encodes them).
import type { RequestContext } from '../dialect';
import { callerOf } from '../caller';
import { isAbort } from '../../providers/upstream-error';
import { readJsonBody } from '../../http/body';
import { clientGone } from '../../http/client-gone';
import { ignoredParamsHeader, sendJson } from '../../http/respond';
import { parseEmbeddings } from './parse';

export async function handleEmbeddings({ oblix, req, res, maxBodyBytes }: RequestContext): Promise<void> {
  const { request, base64, ignored } = parseEmbeddings(await readJsonBody(req, maxBodyBytes));
  request.model = oblix.names.fromClient(request.model);
  request.caller = callerOf(req.headers, 'embeddings');
  const gone = clientGone(res);
  let r;
  try {
    r = await oblix.embed(request, gone.signal);
  } catch (err) {
    if (isAbort(err, gone)) return;
    throw err;
  }
  const headers: Record<string, string> = { 'x-oblix-model': r.id, 'x-oblix-route': r.reason };
  if (ignored.length) headers['x-oblix-ignored-params'] = ignoredParamsHeader(ignored);
  sendJson(
    res,
    200,
    {
      object: 'list',
      data: r.vectors.map((v, index) => ({ object: 'embedding', index, embedding: base64 ? toBase64(v) : v })),
      model: request.model === 'auto' ? `auto (selected: ${r.id})` : r.id,
      usage: { prompt_tokens: r.promptTokens, total_tokens: r.promptTokens },
    },
    headers,
  );
}

export function toBase64(vector: number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString('base64');
}
