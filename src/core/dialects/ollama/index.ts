// The Ollama API's endpoint table, served on Oblix's own port (its /api paths never collide with
// /v1): Copilot's BYOK Ollama provider, JetBrains, Zed and `codex --oss` talk to Oblix as to Ollama.
import type { ServerResponse } from 'node:http';
import { OblixError } from '../../errors/oblix-error';
import { OBLIX_HOP_HEADER } from '../../providers/ollama';
import type { Dialect, Handler, Methods } from '../dialect';
import { handleEmbed, handleEmbeddingsLegacy } from './embed';
import { sendOllamaError } from './errors';
import { handleOllamaChat, handleOllamaGenerate } from './handler';
import { forwardToOllama } from './manage';
import { handlePs, handleShow, handleTags, handleVersion } from './models';

const TABLE: Record<string, Methods> = {
  '/api/version': { GET: handleVersion },
  '/api/tags': { GET: handleTags },
  '/api/ps': { GET: handlePs },
  '/api/show': { POST: handleShow },
  '/api/chat': { POST: handleOllamaChat },
  '/api/generate': { POST: handleOllamaGenerate },
  '/api/embed': { POST: handleEmbed },
  '/api/embeddings': { POST: handleEmbeddingsLegacy },
  '/api/pull': { POST: forwardToOllama },
  '/api/delete': { DELETE: forwardToOllama },
};

/** Every route refuses calls from an Oblix's own Ollama provider: OLLAMA_HOST pointed at Oblix would loop. */
export const ollama: Dialect = {
  routes: Object.fromEntries(Object.entries(TABLE).map(([path, methods]) => [path, Object.fromEntries(Object.entries(methods).map(([m, h]) => [m, loopGuarded(h!)]))])),
  sendError: sendOllamaError,
};

function loopGuarded(handler: Handler): Handler {
  return (ctx) => {
    if (ctx.req.headers[OBLIX_HOP_HEADER] !== undefined) {
      throw OblixError.of(
        'loop_detected',
        "This request came from an Oblix's own Ollama provider: OLLAMA_HOST (or the ollama provider's baseURL) points at Oblix instead of Ollama.",
      );
    }
    return handler(ctx);
  };
}

/** Some tools check the root before anything else, as Ollama answers it. */
export function handleRoot({ res }: { res: ServerResponse }): void {
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('Ollama is running (Oblix)');
}
