// The endpoint table: which handler answers which method and path.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { anthropicMessages } from '../dialects/anthropic-messages';
import { completions } from '../dialects/completions';
import type { Dialect, ErrorShape, Methods } from '../dialects/dialect';
import { embeddings } from '../dialects/embeddings';
import { handleRoot, ollama } from '../dialects/ollama';
import { openaiChat } from '../dialects/openai-chat';
import { openaiResponses } from '../dialects/openai-responses';
import type { Oblix } from '../oblix';
import { OblixError } from '../errors/oblix-error';
import { checkCaller, checkToken, type GuardOptions } from './guard';
import { handleUsage } from './usage-endpoint';
import { sendError as sendOpenAIError, sendJson } from '../http/respond';

export interface RouteOptions extends GuardOptions {
  maxBodyBytes: number;
}

const EXPOSED = 'x-oblix-model, x-oblix-route, x-oblix-ignored-params, retry-after';

/** Oblix's own paths: the root Ollama clients check first, /health and /v1/usage. Errors in OpenAI's shape. */
const OWN: Dialect = {
  routes: {
    '/': { GET: handleRoot, HEAD: handleRoot },
    '/health': { GET: ({ oblix, res }) => sendJson(res, 200, oblix.health()) },
    '/v1/usage': { GET: ({ oblix, req, res }) => handleUsage(oblix, req, res) },
  },
  sendError: sendOpenAIError,
};

const DIALECTS: readonly Dialect[] = [openaiChat, anthropicMessages, openaiResponses, completions, embeddings, ollama, OWN];

interface Route {
  readonly methods: Methods;
  readonly sendError: ErrorShape;
}

const ROUTES = new Map<string, Route>(DIALECTS.flatMap((d) => Object.entries(d.routes).map(([path, methods]) => [path, { methods, sendError: d.sendError }] as const)));

export async function dispatch(oblix: Oblix, req: IncomingMessage, res: ServerResponse, opts: RouteOptions): Promise<void> {
  const path = (req.url ?? '/').split('?')[0]!.replace(/\/+$/, '') || '/';
  const route = ROUTES.get(path);
  const sendError = route?.sendError ?? sendOpenAIError;
  try {
    const refused = checkCaller(req, opts);
    if (refused) return sendError(res, refused);
    const origin = req.headers.origin;
    if (origin) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-expose-headers', EXPOSED);
      res.setHeader('vary', 'Origin');
    }
    if (!route)
      return sendError(
        res,
        OblixError.of(
          'unknown_url',
          `Unknown path '${path}'. Oblix serves POST /v1/chat/completions, /v1/messages, /v1/responses, /v1/completions, /v1/embeddings, GET /v1/models, GET /v1/usage, GET /health and the Ollama API under /api.`,
        ),
      );
    if (req.method === 'OPTIONS') return preflight(res, Object.keys(route.methods));
    const unauthorized = checkToken(req, opts);
    if (unauthorized) return sendError(res, unauthorized);
    const handler = route.methods[req.method ?? ''];
    if (!handler) {
      res.setHeader('allow', Object.keys(route.methods).join(', '));
      return sendError(res, OblixError.of('method_not_allowed', `Method ${req.method} is not allowed on ${path}; use ${Object.keys(route.methods).join(' or ')}.`));
    }
    await handler({ oblix, req, res, maxBodyBytes: opts.maxBodyBytes });
  } catch (err) {
    sendError(res, err);
  }
}

function preflight(res: ServerResponse, methods: string[]): void {
  res.writeHead(204, {
    'access-control-allow-methods': [...methods, 'OPTIONS'].join(', '),
    'access-control-allow-headers':
      'authorization, x-api-key, anthropic-version, anthropic-beta, content-type, x-stainless-os, x-stainless-lang, x-stainless-package-version, x-stainless-runtime, x-stainless-runtime-version, x-stainless-arch, x-stainless-retry-count, x-stainless-timeout',
    'access-control-max-age': '600',
  });
  res.end();
}
