// POST /api/chat and /api/generate, top to bottom: read → parse → name → route (chat, or complete
// for raw and fill-in-the-middle prompts) → NDJSON stream (or one object). A failure after the first
// token is an `{"error": ...}` line, never a clean `done: true`.
import type { RequestContext } from '../dialect';
import type { ServerResponse } from 'node:http';
import { callerOf } from '../caller';
import type { Oblix } from '../../oblix';
import type { ProviderEvent } from '../../providers/provider';
import { toUpstreamError } from '../../providers/upstream-error';
import type { Routed } from '../../routing/router';
import { readJsonBody } from '../../http/body';
import { sendJson } from '../../http/respond';
import { answer as serveAnswer, collectAnswer, streamAnswer, type StreamRenderer } from '../answer';
import { conversationId } from '../conversation-id';
import { failedAfterCommit, passedThrough, routingHeaders, shownModel } from '../routed-answer';
import { sendOllamaError } from './errors';
import { NdjsonWriter } from '../../http/ndjson';
import { parseOllamaChat, parseOllamaGenerate, type OllamaParsed } from './parse';
import { OllamaRenderer, type OllamaShape } from './render';

export async function handleOllamaChat({ oblix, req, res, maxBodyBytes }: RequestContext): Promise<void> {
  const body = await readJsonBody(req, maxBodyBytes);
  const parsed = parseOllamaChat(body);
  parsed.request.conversation = conversationId(req.headers, body);
  parsed.request.caller = callerOf(req.headers, 'ollama');
  await answer(oblix, parsed, 'chat', res);
}

export async function handleOllamaGenerate({ oblix, req, res, maxBodyBytes }: RequestContext): Promise<void> {
  const parsed = parseOllamaGenerate(await readJsonBody(req, maxBodyBytes));
  parsed.request.caller = callerOf(req.headers, 'ollama');
  await answer(oblix, parsed, 'generate', res);
}

async function answer(oblix: Oblix, parsed: OllamaParsed, shape: OllamaShape, res: ServerResponse): Promise<void> {
  const { request } = parsed;
  request.model = oblix.names.fromClient(request.model, true);
  if (parsed.loadOnly) {
    // Tools send an empty prompt to load a model; Oblix loads on demand, so there is nothing to wait for.
    const done = { model: request.model, created_at: new Date().toISOString(), response: '', done: true, done_reason: 'load' };
    return sendJson(res, 200, done, { 'x-oblix-model': request.model, 'x-oblix-route': 'load' });
  }
  await serveAnswer(
    res,
    (gone) => (request.prompt ? oblix.complete(request, gone) : oblix.chat(request, gone)),
    async (routed, gone) => {
      const headers = routingHeaders(routed, passedThrough(routed, shape === 'chat' ? 'ollama-chat' : 'ollama-generate') ? [] : parsed.ignored);
      const renderer = new OllamaRenderer(shape, shownModel(request.model, routed));
      if (request.stream) {
        res.writeHead(200, { ...headers, 'content-type': 'application/x-ndjson', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
        await streamAnswer(routed, new OllamaStream(routed, renderer), new NdjsonWriter(res), gone);
        return;
      }
      const outcome = await collectAnswer(routed, (batch) => renderer.next(batch, []), gone);
      if (outcome === 'gone') return;
      if (outcome !== null) return sendOllamaError(res, failedAfterCommit(routed, outcome.failed), headers);
      sendJson(res, 200, renderer.whole(), headers);
    },
  );
}

/** NDJSON lines; a failure after commit is an `{"error": ...}` line, never a clean `done: true`. */
class OllamaStream implements StreamRenderer<Record<string, unknown>> {
  constructor(
    private readonly routed: Routed,
    private readonly renderer: OllamaRenderer,
  ) {}

  batch(events: readonly ProviderEvent[], out: Record<string, unknown>[]): void {
    this.renderer.next(events, out);
  }

  end(out: Record<string, unknown>[]): void {
    this.renderer.end(out);
  }

  fail(err: unknown, out: Record<string, unknown>[]): void {
    out.push({ error: toUpstreamError(this.routed.provider.id, this.routed.id, err).message });
  }
}
