// POST /v1/messages (Claude Code's API), top to bottom: read → parse → alias → route → stream back
// (or fold into one message). Errors leave in Anthropic's shape (errors.ts, wired in server/routes.ts).
import type { RequestContext } from '../dialect';
import { callerOf } from '../caller';
import { randomUUID } from 'node:crypto';
import { toUpstreamError } from '../../providers/upstream-error';
import { readJsonBody } from '../../http/body';
import { sendJson } from '../../http/respond';
import { answer, collectAnswer, perEvent, SSE_HEAD, streamAnswer } from '../answer';
import { conversationId } from '../conversation-id';
import { EventStream } from '../../http/event-stream';
import { MESSAGES_DEFAULT_ALIASES } from '../../routing/model-alias';
import type { NativeEvent } from '../native';
import { failedAfterCommit, passedThrough, routingHeaders, shownModel } from '../routed-answer';
import { MessageAccumulator } from './accumulate';
import { anthropicErrorBody, sendAnthropicError } from './errors';
import { parseMessages } from './parse';
import { MessagesRenderer } from './render';

export async function handleMessages({ oblix, req, res, maxBodyBytes }: RequestContext): Promise<void> {
  const body = await readJsonBody(req, maxBodyBytes);
  const { request, ignored } = parseMessages(body, req.headers);
  request.conversation = conversationId(req.headers, body);
  request.caller = callerOf(req.headers, 'anthropic-messages');
  request.model = oblix.names.aliased(request.model, MESSAGES_DEFAULT_ALIASES);
  await answer(
    res,
    (gone) => oblix.chat(request, gone),
    async (routed, gone) => {
      const headers = routingHeaders(routed, passedThrough(routed, 'anthropic-messages') ? [] : ignored);
      const renderer = new MessagesRenderer(`msg_${randomUUID().replaceAll('-', '')}`, shownModel(request.model, routed));
      if (request.stream) {
        res.writeHead(200, { ...headers, ...SSE_HEAD });
        await streamAnswer(
          routed,
          perEvent(renderer, (err, out: NativeEvent[]) => {
            // A failure after commit is an `error` event, never a clean message_stop.
            out.push(anthropicErrorBody(toUpstreamError(routed.provider.id, routed.id, err)));
          }),
          new EventStream(res),
          gone,
        );
        return;
      }
      const out: NativeEvent[] = [];
      const outcome = await collectAnswer(
        routed,
        (batch) => {
          for (const ev of batch) renderer.next(ev, out);
        },
        gone,
      );
      if (outcome === 'gone') return;
      if (outcome !== null) return sendAnthropicError(res, failedAfterCommit(routed, outcome.failed), headers);
      renderer.end(out);
      const acc = new MessageAccumulator();
      for (const ev of out) acc.add(ev);
      sendJson(res, 200, acc.result(), headers);
    },
  );
}
