// POST /v1/responses (Codex's API), top to bottom: read → parse → alias → route → stream back (or the
// final response object). Stateless: nothing is stored. Errors leave in OpenAI's shape.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CancelSignal } from '../../cancel';
import type { Oblix } from '../../oblix';
import { isAbort, toUpstreamError } from '../../providers/upstream-error';
import type { Routed } from '../../routing/router';
import { readJsonBody } from '../../server/body';
import { clientGone } from '../../server/client-gone';
import { sendError, sendJson } from '../../server/respond';
import { EventStream } from '../event-stream';
import { resolveOllamaStyle } from '../model-name';
import { failedAfterCommit, routingHeaders, shownModel } from '../routed-answer';
import { parseResponses } from './parse';
import { ResponsesRenderer, type ResponsesEvent } from './render';

export async function handleResponses(oblix: Oblix, req: IncomingMessage, res: ServerResponse, maxBodyBytes: number): Promise<void> {
  const { request, ignored, customTools, echo } = parseResponses(await readJsonBody(req, maxBodyBytes));
  // Aliases, then Ollama-style names (`codex --oss` sends `gpt-oss:20b`).
  request.model = resolveOllamaStyle(oblix, request.model);
  const gone = clientGone(res);
  let routed: Routed;
  try {
    routed = await oblix.chat(request, gone);
  } catch (err) {
    if (isAbort(err, gone)) return;
    throw err;
  }
  const headers = routingHeaders(routed, ignored);
  const renderer = new ResponsesRenderer(shownModel(request.model, routed), customTools, echo);
  try {
    if (request.stream) await stream(routed, renderer, headers, res, gone);
    else await complete(routed, renderer, headers, res, gone);
  } finally {
    await routed.events[Symbol.asyncIterator]().return?.(undefined);
  }
}

async function stream(routed: Routed, renderer: ResponsesRenderer, headers: Record<string, string>, res: ServerResponse, signal: CancelSignal): Promise<void> {
  res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  const sse = new EventStream(res);
  let out: ResponsesEvent[] = [];
  try {
    for await (const batch of routed.events) {
      if (sse.closed) return;
      for (const ev of batch) renderer.next(ev, out);
      await sse.send(out);
      out = [];
    }
    renderer.end(out);
  } catch (err) {
    if (isAbort(err, signal)) return;
    // Committed to this model: the failure is response.failed, never a clean response.completed.
    renderer.fail(toUpstreamError(routed.provider.id, routed.id, err).message, out);
  }
  sse.end(out);
}

async function complete(routed: Routed, renderer: ResponsesRenderer, headers: Record<string, string>, res: ServerResponse, signal: CancelSignal): Promise<void> {
  const out: ResponsesEvent[] = [];
  try {
    for await (const batch of routed.events) for (const ev of batch) renderer.next(ev, out);
    renderer.end(out);
  } catch (err) {
    if (isAbort(err, signal)) return;
    sendError(res, failedAfterCommit(routed, err), headers);
    return;
  }
  const last = out[out.length - 1];
  sendJson(res, 200, last?.response, headers);
}
