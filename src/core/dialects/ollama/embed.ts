// POST /api/embed ({model, input} → {embeddings}) and the older /api/embeddings ({model, prompt} →
// {embedding}), through the same embedding routing as /v1/embeddings.
import type { RequestContext } from '../dialect';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { callerOf } from '../caller';
import type { Oblix } from '../../oblix';
import { OblixError } from '../../errors/oblix-error';
import { isAbort } from '../../providers/upstream-error';
import type { EmbedRouted } from '../../routing/embedder';
import { readJsonBody } from '../../http/body';
import { clientGone } from '../../http/client-gone';
import { sendJson } from '../../http/respond';
import { inputOf } from '../embeddings/parse';
import { isObject, modelName, optInt, optString } from '../json';

export async function handleEmbed({ oblix, req, res, maxBodyBytes }: RequestContext): Promise<void> {
  const body = await readJsonBody(req, maxBodyBytes);
  if (!isObject(body)) throw OblixError.of('invalid_type', 'The request body must be a JSON object.');
  const model = oblix.names.fromClient(modelName(body), true);
  const input = inputOf(body.input);
  const r = await embed(oblix, req, res, model, input, optInt(body, 'dimensions', 1));
  if (r) sendJson(res, 200, { model: shown(model, r), embeddings: r.vectors, total_duration: 0, load_duration: 0, prompt_eval_count: r.promptTokens }, headers(r));
}

export async function handleEmbeddingsLegacy({ oblix, req, res, maxBodyBytes }: RequestContext): Promise<void> {
  const body = await readJsonBody(req, maxBodyBytes);
  if (!isObject(body)) throw OblixError.of('invalid_type', 'The request body must be a JSON object.');
  const model = oblix.names.fromClient(modelName(body), true);
  const prompt = optString(body, 'prompt');
  if (!prompt) throw OblixError.of('missing_required_parameter', 'prompt: a non-empty string is required.', { param: 'prompt' });
  const r = await embed(oblix, req, res, model, [prompt], null);
  if (r) sendJson(res, 200, { embedding: r.vectors[0] ?? [] }, headers(r));
}

async function embed(oblix: Oblix, req: IncomingMessage, res: ServerResponse, model: string, input: string[] | number[][], dimensions: number | null): Promise<EmbedRouted | null> {
  const gone = clientGone(res);
  try {
    return await oblix.embed({ model, input, dimensions, caller: callerOf(req.headers, 'ollama') }, gone.signal);
  } catch (err) {
    if (isAbort(err, gone)) return null;
    throw err;
  }
}

const shown = (model: string, r: EmbedRouted): string => (model === 'auto' ? `auto (selected: ${r.id})` : r.id);
const headers = (r: EmbedRouted): Record<string, string> => ({ 'x-oblix-model': r.id, 'x-oblix-route': r.reason });
