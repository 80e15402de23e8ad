// POST /api/embed ({model, input} → {embeddings}) and the older /api/embeddings ({model, prompt} →
// {embedding}), through the same embedding routing as /v1/embeddings.
import { callerOf } from '../caller';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Oblix } from '../../oblix';
import { OblixError } from '../../errors/oblix-error';
import { isAbort } from '../../providers/upstream-error';
import type { EmbedRouted } from '../../routing/embedder';
import { readJsonBody } from '../../http/body';
import { clientGone } from '../../http/client-gone';
import { sendJson } from '../../http/respond';
import { inputOf } from '../embeddings/parse';
import { isObject, modelName, optInt, optString } from '../json';
import { resolveOllamaStyle } from '../model-name';

export async function handleEmbed(oblix: Oblix, req: IncomingMessage, res: ServerResponse, maxBodyBytes: number): Promise<void> {
  const body = await readJsonBody(req, maxBodyBytes);
  if (!isObject(body)) throw new OblixError(400, 'The request body must be a JSON object.', 'invalid_request_error', null, 'invalid_type');
  const model = resolveOllamaStyle(oblix, modelName(body));
  const input = inputOf(body.input);
  const r = await embed(oblix, req, res, model, input, optInt(body, 'dimensions', 1));
  if (r) sendJson(res, 200, { model: shown(model, r), embeddings: r.vectors, total_duration: 0, load_duration: 0, prompt_eval_count: r.promptTokens }, headers(r));
}

export async function handleEmbeddingsLegacy(oblix: Oblix, req: IncomingMessage, res: ServerResponse, maxBodyBytes: number): Promise<void> {
  const body = await readJsonBody(req, maxBodyBytes);
  if (!isObject(body)) throw new OblixError(400, 'The request body must be a JSON object.', 'invalid_request_error', null, 'invalid_type');
  const model = resolveOllamaStyle(oblix, modelName(body));
  const prompt = optString(body, 'prompt');
  if (!prompt) throw new OblixError(400, 'prompt: a non-empty string is required.', 'invalid_request_error', 'prompt', 'missing_required_parameter');
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
