// Reads a JSON request body with a size limit, so a huge upload is refused (413) without being kept.
import type { IncomingMessage } from 'node:http';
import { OblixError } from '../openai/errors';

export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new OblixError(400, 'The request body is empty: send a JSON object.', 'invalid_request_error', null, 'invalid_json');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const detail = err instanceof Error ? err.message : '';
    throw new OblixError(400, `We could not parse the JSON body of your request (${detail}). The body must be valid JSON.`, 'invalid_request_error', null, 'invalid_json');
  }
}

function tooLarge(limit: number): OblixError {
  return new OblixError(413, `The request body is larger than the limit of ${limit} bytes.`, 'invalid_request_error', null, 'request_too_large');
}
