// POST /api/chat and /api/generate, top to bottom: read → parse → name → route (chat, or complete
// for raw and fill-in-the-middle prompts) → NDJSON stream (or one object). A failure after the first
// token is an `{"error": ...}` line, never a clean `done: true`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Cancel } from '../../cancel';
import type { Oblix } from '../../oblix';
import { isAbort, toUpstreamError } from '../../providers/upstream-error';
import type { Routed } from '../../routing/router';
import { readJsonBody } from '../../server/body';
import { clientGone } from '../../server/client-gone';
import { sendJson } from '../../server/respond';
import { resolveOllamaStyle } from '../model-name';
import { failedAfterCommit, passedThrough, routingHeaders, shownModel } from '../routed-answer';
import { sendOllamaError } from './errors';
import { NdjsonWriter } from './ndjson';
import { parseOllamaChat, parseOllamaGenerate, type OllamaParsed } from './parse';
import { OllamaRenderer, type OllamaShape } from './render';

export async function handleOllamaChat(oblix: Oblix, req: IncomingMessage, res: ServerResponse, maxBodyBytes: number): Promise<void> {
  await answer(oblix, parseOllamaChat(await readJsonBody(req, maxBodyBytes)), 'chat', res);
}

export async function handleOllamaGenerate(oblix: Oblix, req: IncomingMessage, res: ServerResponse, maxBodyBytes: number): Promise<void> {
  await answer(oblix, parseOllamaGenerate(await readJsonBody(req, maxBodyBytes)), 'generate', res);
}

async function answer(oblix: Oblix, parsed: OllamaParsed, shape: OllamaShape, res: ServerResponse): Promise<void> {
  const { request } = parsed;
  request.model = resolveOllamaStyle(oblix, request.model);
  if (parsed.loadOnly) {
    // Tools send an empty prompt to load a model; Oblix loads on demand, so there is nothing to wait for.
    const done = { model: request.model, created_at: new Date().toISOString(), response: '', done: true, done_reason: 'load' };
    return sendJson(res, 200, done, { 'x-oblix-model': request.model, 'x-oblix-route': 'load' });
  }
  const gone = clientGone(res);
  let routed: Routed;
  try {
    routed = await (request.prompt ? oblix.complete(request, gone) : oblix.chat(request, gone));
  } catch (err) {
    if (isAbort(err, gone)) return;
    throw err;
  }
  const headers = routingHeaders(routed, passedThrough(routed, shape === 'chat' ? 'ollama-chat' : 'ollama-generate') ? [] : parsed.ignored);
  const renderer = new OllamaRenderer(shape, shownModel(request.model, routed));
  try {
    if (request.stream) await stream(routed, renderer, headers, res, gone);
    else await whole(routed, renderer, headers, res, gone);
  } finally {
    await routed.events[Symbol.asyncIterator]().return?.(undefined);
  }
}

async function stream(routed: Routed, renderer: OllamaRenderer, headers: Record<string, string>, res: ServerResponse, signal: Cancel): Promise<void> {
  res.writeHead(200, { ...headers, 'content-type': 'application/x-ndjson', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
  const out = new NdjsonWriter(res);
  let lines: Record<string, unknown>[] = [];
  try {
    for await (const batch of routed.events) {
      if (out.closed) return;
      renderer.next(batch, lines);
      await out.send(lines);
      lines = [];
    }
    renderer.end(lines);
  } catch (err) {
    if (isAbort(err, signal)) return;
    lines.push({ error: toUpstreamError(routed.provider.id, routed.id, err).message });
  }
  out.end(lines);
}

async function whole(routed: Routed, renderer: OllamaRenderer, headers: Record<string, string>, res: ServerResponse, signal: Cancel): Promise<void> {
  try {
    for await (const batch of routed.events) renderer.next(batch, []);
  } catch (err) {
    if (isAbort(err, signal)) return;
    sendOllamaError(res, failedAfterCommit(routed, err), headers);
    return;
  }
  sendJson(res, 200, renderer.whole(), headers);
}
