// POST /v1/responses (Codex's API), top to bottom: read → parse → alias → route → stream back (or the
// final response object). Stateless: nothing is stored. Errors leave in OpenAI's shape.
import type { RequestContext } from '../dialect';
import { callerOf } from '../caller';
import { toUpstreamError } from '../../providers/upstream-error';
import { readJsonBody } from '../../http/body';
import { sendError, sendJson } from '../../http/respond';
import { answer, collectAnswer, perEvent, SSE_HEAD, streamAnswer } from '../answer';
import { conversationId } from '../conversation-id';
import { EventStream } from '../../http/event-stream';
import { failedAfterCommit, passedThrough, routingHeaders, shownModel } from '../routed-answer';
import { parseResponses } from './parse';
import { ResponsesRenderer, type ResponsesEvent } from './render';

export async function handleResponses({ oblix, req, res, maxBodyBytes }: RequestContext): Promise<void> {
  const body = await readJsonBody(req, maxBodyBytes);
  const { request, ignored, customTools, echo } = parseResponses(body);
  request.conversation = conversationId(req.headers, body);
  request.caller = callerOf(req.headers, 'openai-responses');
  // Aliases, then Ollama-style names (`codex --oss` sends `gpt-oss:20b`).
  request.model = oblix.names.fromClient(request.model);
  await answer(
    res,
    (gone) => oblix.chat(request, gone),
    async (routed, gone) => {
      // Passed through, nothing was lost in translation.
      const headers = routingHeaders(routed, passedThrough(routed, 'openai-responses') ? [] : ignored);
      const renderer = new ResponsesRenderer(shownModel(request.model, routed), customTools, echo);
      if (request.stream) {
        res.writeHead(200, { ...headers, ...SSE_HEAD });
        await streamAnswer(
          routed,
          perEvent(renderer, (err, out: ResponsesEvent[]) => {
            // A failure after commit is response.failed, never a clean response.completed.
            renderer.fail(toUpstreamError(routed.provider.id, routed.id, err).message, out);
          }),
          new EventStream(res),
          gone,
        );
        return;
      }
      const out: ResponsesEvent[] = [];
      const outcome = await collectAnswer(
        routed,
        (batch) => {
          for (const ev of batch) renderer.next(ev, out);
        },
        gone,
      );
      if (outcome === 'gone') return;
      if (outcome !== null) return sendError(res, failedAfterCommit(routed, outcome.failed), headers);
      renderer.end(out);
      sendJson(res, 200, out[out.length - 1]?.response, headers);
    },
  );
}
