// POST /v1/embeddings into an embedding request: `input` as text, texts, a token array or token
// arrays; `encoding_format` float or base64; `dimensions`.
import { badParam, OblixError } from '../../errors/oblix-error';
import type { EmbedRequest } from '../../routing/embedder';
import { describe, has, isObject, modelName, optInt, optString } from '../json';

export interface EmbeddingsRequest {
  request: EmbedRequest;
  base64: boolean;
  ignored: string[];
}

const MAX_INPUTS = 2048;

export function parseEmbeddings(body: unknown): EmbeddingsRequest {
  if (!isObject(body)) throw OblixError.of('invalid_type', 'The request body must be a JSON object.');
  const model = modelName(body);
  const format = optString(body, 'encoding_format') ?? 'float';
  if (format !== 'float' && format !== 'base64') throw badParam('encoding_format', `encoding_format: must be 'float' or 'base64', got ${describe(format)}.`);
  const ignored = Object.keys(body).filter((k) => has(body, k) && !['model', 'input', 'encoding_format', 'dimensions'].includes(k));
  return { request: { model, input: inputOf(body.input), dimensions: optInt(body, 'dimensions', 1) }, base64: format === 'base64', ignored };
}

export function inputOf(v: unknown, param = 'input'): string[] | number[][] {
  if (v === undefined || v === null) throw badParam(param, `${param}: Field required`, 'missing_required_parameter');
  const isTokens = (x: unknown): x is number[] => Array.isArray(x) && x.length > 0 && x.every((t) => Number.isInteger(t) && t >= 0);
  let list: unknown[];
  if (typeof v === 'string') list = [v];
  else if (isTokens(v)) return [v];
  else if (Array.isArray(v)) list = v;
  else throw badParam(param, `${param}: must be a string, an array of strings or token arrays, got ${describe(v)}.`, 'invalid_type');
  if (list.length === 0) throw badParam(param, `${param}: must hold at least one entry to embed.`, 'empty_array');
  if (list.length > MAX_INPUTS) throw badParam(param, `${param}: must hold 1 to ${MAX_INPUTS} entries.`);
  if (list.every((x) => typeof x === 'string')) {
    if (list.some((x) => x === '')) throw badParam(param, `${param}: an empty string cannot be embedded.`);
    return list as string[];
  }
  if (list.every(isTokens)) return list;
  throw badParam(param, `${param}: must be a string, an array of strings or an array of token arrays (non-negative integers), not a mix.`, 'invalid_type');
}
