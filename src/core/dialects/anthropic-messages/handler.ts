// POST /v1/messages (Claude Code's API), top to bottom: read → parse → alias → route → stream back
// (or fold into one message). Errors leave in Anthropic's shape (errors.ts, wired in server/routes.ts).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CancelSignal } from '../../cancel';
import type { Oblix } from '../../oblix';
import { isAbort, toUpstreamError } from '../../providers/upstream-error';
import type { Routed } from '../../routing/router';
import { readJsonBody } from '../../server/body';
import { clientGone } from '../../server/client-gone';
import { sendJson } from '../../server/respond';
import { EventStream } from '../event-stream';
import { MESSAGES_DEFAULT_ALIASES, resolveModel } from '../model-alias';
import type { NativeEvent } from '../native';
import { failedAfterCommit, passedThrough, routingHeaders, shownModel } from '../routed-answer';
import { MessageAccumulator } from './accumulate';
import { anthropicErrorBody, sendAnthropicError } from './errors';
import { parseMessages } from './parse';
import { MessagesRenderer } from './render';

export async function handleMessages(oblix: Oblix, req: IncomingMessage, res: ServerResponse, maxBodyBytes: number): Promise<void> {
  const { request, ignored } = parseMessages(await readJsonBody(req, maxBodyBytes), req.headers);
  request.model = resolveModel(request.model, oblix.modelAliases, MESSAGES_DEFAULT_ALIASES);
  const gone = clientGone(res);
  let routed: Routed;
  try {
    routed = await oblix.chat(request, gone);
  } catch (err) {
    if (isAbort(err, gone)) return;
    throw err;
  }
  const headers = routingHeaders(routed, passedThrough(routed, 'anthropic-messages') ? [] : ignored);
  const renderer = new MessagesRenderer(`msg_${randomUUID().replaceAll('-', '')}`, shownModel(request.model, routed));
  try {
    if (request.stream) await stream(routed, renderer, headers, res, gone);
    else await complete(routed, renderer, headers, res, gone);
  } finally {
    await routed.events[Symbol.asyncIterator]().return?.(undefined);
  }
}

async function stream(routed: Routed, renderer: MessagesRenderer, headers: Record<string, string>, res: ServerResponse, signal: CancelSignal): Promise<void> {
  res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  const sse = new EventStream(res);
  let out: NativeEvent[] = [];
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
    // Committed to this model: the failure is an `error` event, never a clean message_stop.
    out.push(anthropicErrorBody(toUpstreamError(routed.provider.id, routed.id, err)));
  }
  sse.end(out);
}

async function complete(routed: Routed, renderer: MessagesRenderer, headers: Record<string, string>, res: ServerResponse, signal: CancelSignal): Promise<void> {
  const acc = new MessageAccumulator();
  const out: NativeEvent[] = [];
  try {
    for await (const batch of routed.events) for (const ev of batch) renderer.next(ev, out);
    renderer.end(out);
  } catch (err) {
    if (isAbort(err, signal)) return;
    sendAnthropicError(res, failedAfterCommit(routed, err), headers);
    return;
  }
  for (const ev of out) acc.add(ev);
  sendJson(res, 200, acc.result(), headers);
}
