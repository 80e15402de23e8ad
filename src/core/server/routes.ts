// The endpoint table: which handler answers which method and path.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleCountTokens } from '../dialects/anthropic-messages/count-tokens';
import { sendAnthropicError } from '../dialects/anthropic-messages/errors';
import { handleMessages } from '../dialects/anthropic-messages/handler';
import { handleCompletions } from '../dialects/completions/handler';
import { handleEmbeddings } from '../dialects/embeddings/handler';
import { sendOllamaError } from '../dialects/ollama/errors';
import { handleRoot, OLLAMA_ROUTES } from '../dialects/ollama/routes';
import { handleResponses } from '../dialects/openai-responses/handler';
import type { Oblix } from '../oblix';
import { OblixError } from '../errors/oblix-error';
import { handleChat } from '../dialects/openai-chat/handler';
import { checkCaller, checkToken, type GuardOptions } from './guard';
import { sendError as sendOpenAIError, sendJson } from '../http/respond';

export interface RouteOptions extends GuardOptions {
  maxBodyBytes: number;
}

const EXPOSED = 'x-oblix-model, x-oblix-route, x-oblix-ignored-params, retry-after';

type Handler = (oblix: Oblix, req: IncomingMessage, res: ServerResponse, opts: RouteOptions) => Promise<void> | void;

const ROUTES: Record<string, Partial<Record<string, Handler>>> = {
  '/v1/chat/completions': { POST: (o, req, res, opts) => handleChat(o, req, res, opts.maxBodyBytes) },
  '/v1/messages': { POST: (o, req, res, opts) => handleMessages(o, req, res, opts.maxBodyBytes) },
  '/v1/messages/count_tokens': { POST: (_o, req, res, opts) => handleCountTokens(req, res, opts.maxBodyBytes) },
  '/v1/responses': { POST: (o, req, res, opts) => handleResponses(o, req, res, opts.maxBodyBytes) },
  '/v1/completions': { POST: (o, req, res, opts) => handleCompletions(o, req, res, opts.maxBodyBytes) },
  '/v1/embeddings': { POST: (o, req, res, opts) => handleEmbeddings(o, req, res, opts.maxBodyBytes) },
  '/v1/models': { GET: (o, _req, res) => sendJson(res, 200, modelList(o)) },
  ...OLLAMA_ROUTES,
  '/': { GET: handleRoot, HEAD: handleRoot },
  '/health': { GET: (o, _req, res) => sendJson(res, 200, o.health()) },
};

/** Paths whose clients expect errors in another dialect's shape than OpenAI's. */
const ERROR_SHAPES: Record<string, typeof sendOpenAIError> = {
  '/v1/messages': sendAnthropicError,
  '/v1/messages/count_tokens': sendAnthropicError,
  ...Object.fromEntries(Object.keys(OLLAMA_ROUTES).map((path) => [path, sendOllamaError])),
};

export async function dispatch(oblix: Oblix, req: IncomingMessage, res: ServerResponse, opts: RouteOptions): Promise<void> {
  const path = (req.url ?? '/').split('?')[0]!.replace(/\/+$/, '') || '/';
  const sendError = ERROR_SHAPES[path] ?? sendOpenAIError;
  try {
    const refused = checkCaller(req, opts);
    if (refused) return sendError(res, refused);
    const origin = req.headers.origin;
    if (origin) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-expose-headers', EXPOSED);
      res.setHeader('vary', 'Origin');
    }
    const route = ROUTES[path];
    if (!route) return sendError(res, new OblixError(404, `Unknown path '${path}'. Oblix serves POST /v1/chat/completions, /v1/messages, /v1/responses, /v1/completions, /v1/embeddings, GET /v1/models, GET /health and the Ollama API under /api.`, 'invalid_request_error', null, 'unknown_url'));
    if (req.method === 'OPTIONS') return preflight(res, Object.keys(route));
    const unauthorized = checkToken(req, opts);
    if (unauthorized) return sendError(res, unauthorized);
    const handler = route[req.method ?? ''];
    if (!handler) {
      res.setHeader('allow', Object.keys(route).join(', '));
      return sendError(res, new OblixError(405, `Method ${req.method} is not allowed on ${path}; use ${Object.keys(route).join(' or ')}.`, 'invalid_request_error', null, 'method_not_allowed'));
    }
    await handler(oblix, req, res, opts);
  } catch (err) {
    sendError(res, err);
  }
}

function preflight(res: ServerResponse, methods: string[]): void {
  res.writeHead(204, {
    'access-control-allow-methods': [...methods, 'OPTIONS'].join(', '),
    'access-control-allow-headers': 'authorization, x-api-key, anthropic-version, anthropic-beta, content-type, x-stainless-os, x-stainless-lang, x-stainless-package-version, x-stainless-runtime, x-stainless-runtime-version, x-stainless-arch, x-stainless-retry-count, x-stainless-timeout',
    'access-control-max-age': '600',
  });
  res.end();
}

/**
 * A local model's window, in the Anthropic Models API's fields (`max_input_tokens`, `max_tokens`),
 * which Claude Code's gateway model discovery reads; nothing for a cloud model, whose agent knows it.
 */
function windowFields(oblix: Oblix, id: string): { max_input_tokens?: number; max_tokens?: number } {
  const w = oblix.agentWindow(id);
  return w ? { max_input_tokens: w.window, max_tokens: w.output } : {};
}

function modelList(oblix: Oblix): unknown {
  const created = Math.floor(Date.now() / 1000);
  const roles = oblix.roles();
  return {
    object: 'list',
    data: oblix.models().map((id) => ({ id, object: 'model', created, owned_by: id === 'auto' ? 'oblix' : id.slice(0, id.indexOf(':')), roles: id === 'auto' ? ['chat', 'completion', 'embedding'] : (roles.get(id) ?? []), ...windowFields(oblix, id) })),
  };
}
