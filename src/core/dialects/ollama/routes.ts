// The Ollama API's endpoint table, served on Oblix's own port (its /api paths never collide with
// /v1): Copilot's BYOK Ollama provider, JetBrains, Zed and `codex --oss` talk to Oblix as to Ollama.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Oblix } from '../../oblix';
import { OblixError } from '../../errors/oblix-error';
import { OBLIX_HOP_HEADER } from '../../providers/ollama';
import { handleEmbed, handleEmbeddingsLegacy } from './embed';
import { handleOllamaChat, handleOllamaGenerate } from './handler';
import { forwardToOllama } from './manage';
import { handlePs, handleShow, handleTags, handleVersion } from './models';

type Handler = (oblix: Oblix, req: IncomingMessage, res: ServerResponse, opts: { maxBodyBytes: number }) => Promise<void> | void;

const TABLE: Record<string, Partial<Record<string, Handler>>> = {
  '/api/version': { GET: handleVersion },
  '/api/tags': { GET: handleTags },
  '/api/ps': { GET: handlePs },
  '/api/show': { POST: (o, req, res, opts) => handleShow(o, req, res, opts.maxBodyBytes) },
  '/api/chat': { POST: (o, req, res, opts) => handleOllamaChat(o, req, res, opts.maxBodyBytes) },
  '/api/generate': { POST: (o, req, res, opts) => handleOllamaGenerate(o, req, res, opts.maxBodyBytes) },
  '/api/embed': { POST: (o, req, res, opts) => handleEmbed(o, req, res, opts.maxBodyBytes) },
  '/api/embeddings': { POST: (o, req, res, opts) => handleEmbeddingsLegacy(o, req, res, opts.maxBodyBytes) },
  '/api/pull': { POST: (o, req, res, opts) => forwardToOllama(o, req, res, opts.maxBodyBytes) },
  '/api/delete': { DELETE: (o, req, res, opts) => forwardToOllama(o, req, res, opts.maxBodyBytes) },
};

/** Every route, refusing calls from an Oblix's own Ollama provider: OLLAMA_HOST pointed at Oblix would loop. */
export const OLLAMA_ROUTES: Record<string, Partial<Record<string, Handler>>> = Object.fromEntries(
  Object.entries(TABLE).map(([path, methods]) => [path, Object.fromEntries(Object.entries(methods).map(([m, h]) => [m, loopGuarded(h!)]))]),
);

function loopGuarded(handler: Handler): Handler {
  return (oblix, req, res, opts) => {
    if (req.headers[OBLIX_HOP_HEADER] !== undefined) {
      throw OblixError.of('loop_detected', "This request came from an Oblix's own Ollama provider: OLLAMA_HOST (or the ollama provider's baseURL) points at Oblix instead of Ollama.");
    }
    return handler(oblix, req, res, opts);
  };
}

/** Some tools check the root before anything else, as Ollama answers it. */
export function handleRoot(_oblix: Oblix, _req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('Ollama is running (Oblix)');
}
