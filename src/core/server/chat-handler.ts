// POST /v1/chat/completions, top to bottom: read → validate → route → stream back (or assemble).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CancelSignal } from '../cancel';
import { resolveOllamaStyle } from '../dialects/model-name';
import { failedAfterCommit, routingHeaders } from '../dialects/routed-answer';
import type { Oblix } from '../oblix';
import { CompletionAssembler } from '../openai/assemble';
import { ChunkMaker, type ResponseMeta } from '../openai/chunks';
import { SseWriter } from '../openai/sse';
import { validateChatRequest } from '../openai/validate';
import { isAbort, toUpstreamError } from '../providers/upstream-error';
import type { Routed } from '../routing/router';
import { readJsonBody } from './body';
import { clientGone } from './client-gone';
import { sendError, sendJson } from './respond';

export async function handleChat(oblix: Oblix, req: IncomingMessage, res: ServerResponse, maxBodyBytes: number): Promise<void> {
  const request = validateChatRequest(await readJsonBody(req, maxBodyBytes));
  // Copilot's BYOK Ollama provider posts here with the names /api/tags gave it (`llama3.2:latest`).
  request.model = resolveOllamaStyle(oblix, request.model);
  // A client that goes away cancels the upstream generation.
  const gone = clientGone(res);

  let routed: Routed;
  try {
    routed = await oblix.chat(request, gone);
  } catch (err) {
    if (isAbort(err, gone)) return;
    throw err;
  }
  const meta: ResponseMeta = {
    id: `chatcmpl-${randomUUID().replaceAll('-', '')}`, // randomUUID draws from a pooled buffer: no syscall per request
    created: Math.floor(Date.now() / 1000),
    model: request.model === 'auto' ? `auto (selected: ${routed.id})` : routed.id,
    n: request.n,
    includeUsage: request.includeUsage,
  };
  const headers = routingHeaders(routed, []);

  try {
    if (request.stream) await stream(routed, meta, headers, res, gone);
    else await complete(routed, meta, headers, res, gone);
  } finally {
    // Whatever happened here (a write that threw, say), the upstream must not go on generating.
    await routed.events[Symbol.asyncIterator]().return?.(undefined);
  }
}

async function stream(routed: Routed, meta: ResponseMeta, headers: Record<string, string>, res: ServerResponse, signal: CancelSignal): Promise<void> {
  res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  const sse = new SseWriter(res);
  const chunks = new ChunkMaker(meta);
  // The role chunks go out with the first batch (the router already holds it), headers included.
  let pending: unknown[] = chunks.opening();
  try {
    for await (const batch of routed.events) {
      if (sse.closed) return;
      for (const event of batch) {
        const chunk = chunks.next(event);
        if (chunk) pending.push(chunk);
      }
      await sse.send(pending);
      pending = [];
    }
    pending.push(...chunks.closing());
  } catch (err) {
    if (isAbort(err, signal)) return;
    // Committed to this model: the failure is told in the stream, never dressed up as a clean finish.
    pending.push(toUpstreamError(routed.provider.id, routed.id, err).toBody());
  }
  sse.end(pending);
}

async function complete(routed: Routed, meta: ResponseMeta, headers: Record<string, string>, res: ServerResponse, signal: CancelSignal): Promise<void> {
  const assembler = new CompletionAssembler(meta);
  try {
    for await (const batch of routed.events) for (const event of batch) assembler.add(event);
  } catch (err) {
    if (isAbort(err, signal)) return;
    sendError(res, failedAfterCommit(routed, err), headers);
    return;
  }
  sendJson(res, 200, assembler.result(), headers);
}
