// POST /v1/completions, top to bottom: read → parse → name → route (Oblix.complete) → stream back
// (or assemble). Several prompts run one after another, each with its own `n` choices.
import type { RequestContext } from '../dialect';
import { callerOf } from '../caller';
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Cancel } from '../../support/cancel';
import { SseWriter } from '../../http/sse';
import type { Usage } from '../../request';
import type { ProviderEvent } from '../../providers/provider';
import { isAbort, toUpstreamError } from '../../providers/upstream-error';
import type { Routed } from '../../routing/router';
import { readJsonBody } from '../../http/body';
import { clientGone } from '../../http/client-gone';
import { sendError, sendJson } from '../../http/respond';
import { failedAfterCommit, routingHeaders, shownModel } from '../routed-answer';
import { parseCompletions, type CompletionsRequest } from './parse';

interface Choice {
  text: string;
  index: number;
  logprobs: null;
  finish_reason: string | null;
}

export async function handleCompletions({ oblix, req, res, maxBodyBytes }: RequestContext): Promise<void> {
  const parsed = parseCompletions(await readJsonBody(req, maxBodyBytes));
  parsed.request.model = oblix.names.fromClient(parsed.request.model);
  parsed.request.caller = callerOf(req.headers, 'completions');
  // Autocomplete cancels constantly: a client that goes away stops the upstream at once.
  const gone = clientGone(res);
  const route = (i: number): Promise<Routed> => oblix.complete({ ...parsed.request, prompt: { ...parsed.request.prompt!, text: parsed.prompts[i]! } }, gone);
  let first: Routed;
  try {
    first = await route(0);
  } catch (err) {
    if (isAbort(err, gone)) return;
    throw err;
  }
  const head = {
    id: `cmpl-${randomUUID().replaceAll('-', '')}`,
    object: 'text_completion',
    created: Math.floor(Date.now() / 1000),
    model: shownModel(parsed.request.model, first),
  };
  const headers = routingHeaders(first, parsed.ignored);
  if (parsed.request.stream) await stream(parsed, first, route, head, headers, res, gone);
  else await complete(parsed, first, route, head, headers, res, gone);
}

type Route = (i: number) => Promise<Routed>;

async function stream(p: CompletionsRequest, first: Routed, route: Route, head: object, headers: Record<string, string>, res: ServerResponse, gone: Cancel): Promise<void> {
  res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  const sse = new SseWriter(res);
  const usage: Usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  const chunk = (choices: Choice[]): object => ({ ...head, choices });
  for (let i = 0; i < p.prompts.length; i++) {
    let routed: Routed | null = i === 0 ? first : null;
    try {
      routed ??= await route(i);
      const base = i * p.request.n;
      let pending: object[] = p.echo ? [chunk(Array.from({ length: p.request.n }, (_, j) => choice(base + j, p.prompts[i]!, null)))] : [];
      for await (const batch of routed.events) {
        if (sse.closed) return;
        const choices: Choice[] = [];
        for (const ev of batch) toChoice(ev, base, choices, usage);
        if (choices.length) pending.push(chunk(choices));
        await sse.send(pending);
        pending = [];
      }
    } catch (err) {
      if (isAbort(err, gone)) return;
      // Committed: the failure is told in the stream, never dressed up as a clean finish.
      sse.end([toUpstreamError(routed?.provider.id ?? 'oblix', routed?.id ?? p.request.model, err).toBody()]);
      return;
    } finally {
      await routed?.events[Symbol.asyncIterator]().return?.(undefined);
    }
  }
  sse.end(p.request.includeUsage ? [{ ...head, choices: [], usage }] : []);
}

async function complete(p: CompletionsRequest, first: Routed, route: Route, head: object, headers: Record<string, string>, res: ServerResponse, gone: Cancel): Promise<void> {
  const usage: Usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  const all: Choice[] = [];
  for (let i = 0; i < p.prompts.length; i++) {
    let routed: Routed | null = i === 0 ? first : null;
    const base = i * p.request.n;
    const mine = Array.from({ length: p.request.n }, (_, j) => choice(base + j, p.echo ? p.prompts[i]! : '', null));
    try {
      routed ??= await route(i);
      for await (const batch of routed.events) {
        const pieces: Choice[] = [];
        for (const ev of batch) toChoice(ev, base, pieces, usage);
        for (const c of pieces) {
          const target = mine[c.index - base];
          if (!target) continue;
          target.text += c.text;
          target.finish_reason = c.finish_reason ?? target.finish_reason;
        }
      }
    } catch (err) {
      if (isAbort(err, gone)) return;
      sendError(res, routed ? failedAfterCommit(routed, err) : err, headers);
      return;
    } finally {
      await routed?.events[Symbol.asyncIterator]().return?.(undefined);
    }
    all.push(...mine);
  }
  sendJson(res, 200, { ...head, choices: all, usage }, headers);
}

function choice(index: number, text: string, finish: string | null): Choice {
  return { text, index, logprobs: null, finish_reason: finish };
}

/**
 * Adds one event to a chunk's choices. A batch (one upstream read) often holds several events of one
 * choice: they join into that choice's one entry, since clients read `choices[0]` (Continue's
 * autocomplete) and would lose every entry after it.
 */
function toChoice(ev: ProviderEvent, base: number, out: Choice[], usage: Usage): void {
  if (ev.type === 'delta' && ev.content) entry(out, base + ev.index).text += ev.content;
  else if (ev.type === 'finish') entry(out, base + ev.index).finish_reason = ev.reason === 'length' ? 'length' : 'stop';
  else if (ev.type === 'usage') {
    usage.prompt_tokens += ev.usage.prompt_tokens;
    usage.completion_tokens += ev.usage.completion_tokens;
    usage.total_tokens += ev.usage.total_tokens;
  }
}

/** The chunk's entry for a choice index, added (empty) when it has none yet. */
function entry(out: Choice[], index: number): Choice {
  let c = out.find((x) => x.index === index);
  if (!c) out.push((c = choice(index, '', null)));
  return c;
}
