// POST /v1/chat/completions, top to bottom: read → validate → route → stream back (or assemble).
import type { RequestContext } from '../dialect';
import { callerOf } from '../caller';
import { randomUUID } from 'node:crypto';
import { answer, collectAnswer, SSE_HEAD, streamAnswer, type StreamRenderer } from '../answer';
import { conversationId } from '../conversation-id';
import { failedAfterCommit, routingHeaders } from '../routed-answer';
import { CompletionAssembler } from './accumulate';
import { ChunkMaker, type ResponseMeta } from './render';
import { SseWriter } from '../../http/sse';
import { validateChatRequest } from './parse';
import type { ProviderEvent } from '../../providers/provider';
import { toUpstreamError } from '../../providers/upstream-error';
import type { Routed } from '../../routing/router';
import { readJsonBody } from '../../http/body';
import { sendError, sendJson } from '../../http/respond';

export async function handleChat({ oblix, req, res, maxBodyBytes }: RequestContext): Promise<void> {
  const body = await readJsonBody(req, maxBodyBytes);
  const request = validateChatRequest(body);
  request.conversation = conversationId(req.headers, body);
  request.caller = callerOf(req.headers, 'openai-chat');
  // Copilot's BYOK Ollama provider posts here with the names /api/tags gave it (`llama3.2:latest`).
  request.model = oblix.names.fromClient(request.model);
  // A client that goes away cancels the upstream generation.
  await answer(
    res,
    (gone) => oblix.chat(request, gone),
    async (routed, gone) => {
      const meta: ResponseMeta = {
        id: `chatcmpl-${randomUUID().replaceAll('-', '')}`, // randomUUID draws from a pooled buffer: no syscall per request
        created: Math.floor(Date.now() / 1000),
        model: request.model === 'auto' ? `auto (selected: ${routed.id})` : routed.id,
        n: request.n,
        includeUsage: request.includeUsage,
      };
      const headers = routingHeaders(routed, []);
      if (request.stream) {
        res.writeHead(200, { ...headers, ...SSE_HEAD });
        await streamAnswer(routed, new ChunkRenderer(routed, new ChunkMaker(meta)), new SseWriter(res), gone);
        return;
      }
      const assembler = new CompletionAssembler(meta);
      const outcome = await collectAnswer(
        routed,
        (batch) => {
          for (const e of batch) assembler.add(e);
        },
        gone,
      );
      if (outcome === null) sendJson(res, 200, assembler.result(), headers);
      else if (outcome !== 'gone') sendError(res, failedAfterCommit(routed, outcome.failed), headers);
    },
  );
}

/** Provider events as `chat.completion.chunk`s; the role chunks go out with the first batch, in its write. */
class ChunkRenderer implements StreamRenderer<unknown> {
  private opened = false;

  constructor(
    private readonly routed: Routed,
    private readonly chunks: ChunkMaker,
  ) {}

  batch(events: readonly ProviderEvent[], out: unknown[]): void {
    this.open(out);
    for (const event of events) {
      const chunk = this.chunks.next(event);
      if (chunk) out.push(chunk);
    }
  }

  end(out: unknown[]): void {
    this.open(out);
    out.push(...this.chunks.closing());
  }

  fail(err: unknown, out: unknown[]): void {
    // Committed to this model: the failure is told in the stream, never dressed up as a clean finish.
    this.open(out);
    out.push(toUpstreamError(this.routed.provider.id, this.routed.id, err).toBody());
  }

  private open(out: unknown[]): void {
    if (this.opened) return;
    this.opened = true;
    out.push(...this.chunks.opening());
  }
}
