// Reads a JSON request body with a size limit, so a huge upload is refused (413) without being kept.
// Event listeners rather than `for await`: Readable's async iterator costs an end-of-stream watcher
// and promises per chunk, and a chat request is usually a single chunk.
import type { IncomingMessage } from 'node:http';
import { OblixError } from '../errors/oblix-error';
import { MAX_JSON_DEPTH, tooDeepAt } from './json-depth';

/**
 * An oversized upload is read to its end and thrown away (up to this much in all) before the 413
 * goes out: a client still sending when the connection closes sees a reset, not the 413.
 */
export const DISCARD_LIMIT = 64 * 1024 * 1024;

export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > DISCARD_LIMIT) throw tooLarge(limit);
  const text = await readText(req, limit);
  if (text.trim() === '') throw OblixError.of('invalid_json', 'The request body is empty: send a JSON object.');
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch (err) {
    const detail = err instanceof Error ? err.message : '';
    throw OblixError.of('invalid_json', `We could not parse the JSON body of your request (${detail}). The body must be valid JSON.`);
  }
  const deep = tooDeepAt(body);
  if (deep !== null) {
    throw OblixError.of(
      'json_too_deep',
      `The request nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep under '${deep}'. No model API needs that much; flatten it.`,
      { param: deep },
    );
  }
  return body;
}

function readText(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    const done = (err: Error | null): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', done);
      req.off('close', onClose);
      if (err) reject(err);
      else resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size <= DISCARD_LIMIT)
        chunks = []; // over the limit: keep reading, keep nothing
      else {
        req.pause(); // past all reason: stop reading; the 413 goes out with `connection: close`
        done(tooLarge(limit));
      }
    };
    const onEnd = (): void => done(size > limit ? tooLarge(limit) : null);
    const onClose = (): void => done(Object.assign(new Error('the client closed the connection before sending the whole body'), { code: 'ECONNRESET' }));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', done);
    req.on('close', onClose);
  });
}

function tooLarge(limit: number): OblixError {
  return OblixError.of('request_too_large', `The request body is larger than the limit of ${limit} bytes.`);
}
