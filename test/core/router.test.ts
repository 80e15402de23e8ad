// The router with in-process fake providers on a manual clock: fallback order, what counts against
// a provider, the first-token and idle timeouts, a missing finish, the caller's abort and a
// shutdown, each with exact errors and exact health effects.
import assert from 'node:assert/strict';
import { Cancel } from '../../src/core/cancel';
import { OblixError } from '../../src/core/openai/errors';
import type { ChatRequest } from '../../src/core/openai/types';
import { validateChatRequest } from '../../src/core/openai/validate';
import type { ProviderEvent } from '../../src/core/providers/provider';
import { UpstreamError } from '../../src/core/providers/upstream-error';
import { Connectivity, DEFAULT_CONNECTIVITY, type ProviderStatus } from '../../src/core/routing/connectivity';
import type { Candidate } from '../../src/core/routing/policy';
import { Router, type Routed } from '../../src/core/routing/router';
import { ManualClock, settle } from '../manual-clock';
import { FakeProvider, stop, text } from './fake-provider';

const FIRST_TOKEN_MS = 1_000;
const request = (body: Record<string, unknown> = {}): ChatRequest => validateChatRequest({ model: 'auto', messages: [{ role: 'user', content: 'hi' }], ...body });
const cand = (id: string, extra: Partial<Candidate> = {}): Candidate => ({ id, reason: 'local-preferred', ...extra });

const e502 = (id: string) => new UpstreamError(id, 502, `${id} answered 500: boom`, false, 'upstream_error');
const e503 = (id: string) => new UpstreamError(id, 503, `${id} answered 503: overloaded`, false, null);
const e429 = (id: string, retryAfter: number | null = null) => new UpstreamError(id, 429, `${id} answered 429: slow down`, false, 'rate_limit_exceeded', retryAfter);
const e404 = (id: string) => new UpstreamError(id, 404, `${id} answered 404: no such model`, false, 'model_not_found');
const e400 = (id: string) => new UpstreamError(id, 400, `${id} answered 400: bad`, false, 'invalid_value');
const down = (id: string) => new UpstreamError(id, 502, `${id} could not be reached (ECONNREFUSED): fetch failed`, true, 'upstream_unreachable');

function setup(n: number, idleMs = 0) {
  const clock = new ManualClock();
  const providers = Array.from({ length: n }, (_, i) => new FakeProvider(String.fromCharCode(97 + i))); // a, b, c...
  const connectivity = new Connectivity(providers, { ...DEFAULT_CONNECTIVITY, networkCheckMs: 0 }, clock); // never started: no probes
  const router = new Router(new Map(providers.map((p) => [p.id, p])), connectivity, { firstTokenMs: FIRST_TOKEN_MS, idleMs }, clock);
  const health = (id: string): Pick<ProviderStatus, 'state' | 'consecutiveFailures' | 'lastFailureKind'> => {
    const s = connectivity.get(id);
    return { state: s.state, consecutiveFailures: s.consecutiveFailures, lastFailureKind: s.lastFailureKind };
  };
  return { clock, providers, connectivity, router, health, signal: new Cancel() };
}

async function drain(r: Routed): Promise<ProviderEvent[]> {
  const out: ProviderEvent[] = [];
  for await (const b of r.events) out.push(...b);
  return out;
}

const UNTOUCHED = { state: 'unknown', consecutiveFailures: 0, lastFailureKind: null };

describe('Router (fake providers, manual clock)', () => {
  describe('the first candidate that answers', () => {
    it('is committed with its own reason; the call carries the model, the request and nothing unset', async () => {
      const { router, providers: [a], signal, health } = setup(1);
      a!.script = [[text('Hel')], [text('lo'), stop()]];
      a!.ignored = ['logit_bias'];
      const req = request();
      const r = await router.route(req, [cand('a:llama3.2:1b')], signal);
      assert.deepEqual([r.id, r.reason, r.provider, r.ignoredParams, r.attempts], ['a:llama3.2:1b', 'local-preferred', a, ['logit_bias'], []]);
      assert.equal(a!.calls.length, 1);
      const call = a!.calls[0]!;
      assert.deepEqual(Object.keys(call).sort(), ['cancel', 'model', 'request']);
      assert.equal(call.model, 'llama3.2:1b');
      assert.equal(call.request, req);
      assert.deepEqual(await drain(r), [text('Hel'), text('lo'), stop()]);
      assert.deepEqual(health('a'), { state: 'online', consecutiveFailures: 0, lastFailureKind: null });
    });

    it("passes the candidate's num_ctx and answer room to the provider", async () => {
      const { router, providers: [a], signal } = setup(1);
      a!.script = [[stop()]];
      await drain(await router.route(request(), [cand('a:m', { numCtx: 8192, answerRoom: 500, contextWindow: 8192 })], signal));
      const call = a!.calls[0]!;
      assert.deepEqual([call.numCtx, call.answerRoom], [8192, 500]);
      assert.equal('contextWindow' in call, false);
    });

    it('a prompt to continue goes to complete when the provider has it, else to chat', async () => {
      const { router, providers: [a], signal } = setup(1);
      a!.script = [[stop()]];
      const prompt = { text: 'def f(', suffix: null, raw: false };
      await drain(await router.route({ ...request(), prompt }, [cand('a:m')], signal));
      assert.equal(a!.calls.length, 1); // no complete: chat
      let completed = 0;
      a!.complete = (call) => {
        completed++;
        return a!.play(call.cancel);
      };
      await drain(await router.route({ ...request(), prompt }, [cand('a:m')], signal));
      await drain(await router.route(request(), [cand('a:m')], signal));
      assert.equal(completed, 1);
      assert.equal(a!.calls.length, 2);
    });
  });

  describe('fallback', () => {
    it('tries the candidates in order; the one that answers is reported as a failover from the first', async () => {
      const { router, providers: [a, b, c], signal, health } = setup(3);
      a!.script = [e502('a')];
      b!.script = [e503('b')];
      c!.script = [[text('ok'), stop()]];
      const r = await router.route(request(), [cand('a:m'), cand('b:m'), cand('c:m', { reason: 'cloud-fallback' })], signal);
      assert.equal(r.id, 'c:m');
      assert.equal(r.reason, 'failover-from:a:m');
      assert.deepEqual(r.attempts, [
        { id: 'a:m', error: 'a answered 500: boom' },
        { id: 'b:m', error: 'b answered 503: overloaded' },
      ]);
      assert.deepEqual([a!.calls.length, b!.calls.length, c!.calls.length], [1, 1, 1]);
      assert.ok(a!.calls[0]!.cancel.aborted && b!.calls[0]!.cancel.aborted, 'each failed attempt is cancelled');
      assert.equal(a!.closed + b!.closed, 2);
      assert.deepEqual(health('a'), { state: 'degraded', consecutiveFailures: 1, lastFailureKind: 'server' });
      assert.deepEqual(health('b'), { state: 'degraded', consecutiveFailures: 1, lastFailureKind: 'server' });
      assert.deepEqual(await drain(r), [text('ok'), stop()]);
      assert.deepEqual(health('c'), { state: 'online', consecutiveFailures: 0, lastFailureKind: null });
    });

    it('a 404 moves on without counting against the provider; a 429 counts, with its Retry-After', async () => {
      const { router, providers: [a, b, c], signal, health, connectivity, clock } = setup(3);
      a!.script = [e404('a')];
      b!.script = [e429('b', 30)];
      c!.script = [[stop()]];
      const r = await router.route(request(), [cand('a:m'), cand('b:m'), cand('c:m')], signal);
      assert.equal(r.id, 'c:m');
      assert.deepEqual(health('a'), UNTOUCHED);
      assert.deepEqual(health('b'), { state: 'degraded', consecutiveFailures: 1, lastFailureKind: 'rate-limited' });
      assert.equal(connectivity.get('b').cooldownUntil, clock.now() + 30_000);
    });

    it('an unreachable provider counts as unreachable and is passed over', async () => {
      const { router, providers: [a, b], signal, health } = setup(2);
      a!.script = [down('a')];
      b!.script = [[stop()]];
      assert.equal((await router.route(request(), [cand('a:m'), cand('b:m')], signal)).id, 'b:m');
      assert.deepEqual(health('a'), { state: 'offline', consecutiveFailures: 1, lastFailureKind: 'unreachable' });
    });

    it('a failure another model cannot avoid (a 400) is thrown as it is, and the next one is not tried', async () => {
      const { router, providers: [a, b], signal, health } = setup(2);
      b!.script = [[stop()]];
      const err = e400('a');
      a!.script = [err];
      await assert.rejects(router.route(request(), [cand('a:m'), cand('b:m')], signal), (e) => e === err);
      assert.equal(b!.calls.length, 0);
      assert.deepEqual(health('a'), UNTOUCHED);
    });

    it('so is a refusal while building the body, and any error that is not an upstream one', async () => {
      const { router, providers: [a, b], signal } = setup(2);
      const refusal = new OblixError(400, 'bad image', 'invalid_request_error', 'messages[0].content[0].image_url.url', 'invalid_value');
      a!.refuse = refusal;
      await assert.rejects(router.route(request(), [cand('a:m'), cand('b:m')], signal), (e) => e === refusal);
      a!.refuse = null;
      const bug = new TypeError('x is undefined');
      a!.script = [bug];
      await assert.rejects(router.route(request(), [cand('a:m'), cand('b:m')], signal), (e) => e === bug);
      assert.equal(b!.calls.length, 0);
    });

    it('the only candidate failing: its own error, counted', async () => {
      const { router, providers: [a], signal, health } = setup(1);
      const err = e502('a');
      a!.script = [err];
      await assert.rejects(router.route(request(), [cand('a:m')], signal), (e) => e === err);
      assert.deepEqual(health('a'), { state: 'degraded', consecutiveFailures: 1, lastFailureKind: 'server' });
    });

    it('every candidate failing: one error naming each, with the last one status and code', async () => {
      const { router, providers: [a, b], signal } = setup(2);
      a!.script = [e502('a')];
      b!.script = [e429('b')];
      await assert.rejects(router.route(request(), [cand('a:m'), cand('b:m')], signal), (e: OblixError) => {
        assert.ok(!(e instanceof UpstreamError));
        assert.deepEqual([e.status, e.code, e.message], [429, 'rate_limit_exceeded', 'Every candidate model failed. a:m: a answered 500: boom | b:m: b answered 429: slow down']);
        return true;
      });
      a!.script = [e502('a')];
      b!.script = [e400('b')]; // not one to fail over from: the end of the line
      await assert.rejects(router.route(request(), [cand('a:m'), cand('b:m')], signal), (e: OblixError) => e.status === 400 && e.code === 'invalid_value');
      a!.script = [e502('a')];
      b!.script = [e503('b')]; // no code of its own
      await assert.rejects(router.route(request(), [cand('a:m'), cand('b:m')], signal), (e: OblixError) => e.status === 503 && e.code === 'all_candidates_failed');
      a!.script = [e502('a')];
      b!.script = [new Error('not an upstream error')];
      await assert.rejects(router.route(request(), [cand('a:m'), cand('b:m')], signal), (e: OblixError) => e.status === 502 && e.code === 'all_candidates_failed' && /b:m: not an upstream error$/.test(e.message));
    });

    it('every candidate unreachable: upstream_unreachable; one that answered with an error spoils that', async () => {
      const { router, providers: [a, b, c], signal } = setup(3);
      // Unreachable without a code of its own, so the code can only come from "all were unreachable".
      const gone = (id: string) => new UpstreamError(id, 502, `${id} could not be reached`, true, null);
      const three = [cand('a:m'), cand('b:m'), cand('c:m')];
      a!.script = [down('a')];
      b!.script = [down('b')];
      c!.script = [gone('c')];
      await assert.rejects(router.route(request(), three, signal), (e: OblixError) => e.status === 502 && e.code === 'upstream_unreachable');
      b!.script = [e502('b')];
      await assert.rejects(router.route(request(), three, signal), (e: OblixError) => e.status === 502 && e.code === 'all_candidates_failed' && e.message.includes('b:m: b answered 500'));
      b!.script = [down('b')];
      c!.script = [e502('c')];
      await assert.rejects(router.route(request(), three, signal), (e: OblixError) => e.status === 502 && e.code === 'upstream_error');
    });

    it('no candidates: 503 no_model_available; a model of no configured provider: 404 model_not_found', async () => {
      const { router, signal } = setup(1);
      await assert.rejects(router.route(request(), [], signal), (e: OblixError) => [e.status, e.type, e.code, e.message].join('|') === '503|service_unavailable|no_model_available|No model can answer this request.');
      for (const [id, named] of [['zz:m', 'zz'], ['nocolon', 'nocolon']]) {
        await assert.rejects(router.route(request(), [cand(id)], signal), (e: OblixError) => [e.status, e.param, e.code, e.message].join('|') === `404|model|model_not_found|The model '${id}' does not exist: no provider '${named}' is configured.`);
      }
    });
  });

  describe('first-token timeout', () => {
    it('a candidate silent for firstTokenMs is cancelled, counted as a timeout, and the next one answers', async () => {
      const { router, providers: [a, b], signal, health, clock } = setup(2);
      a!.script = ['hang'];
      b!.script = [[text('b'), stop()]];
      const routed = router.route(request(), [cand('a:m'), cand('b:m')], signal);
      await clock.advance(FIRST_TOKEN_MS - 1);
      assert.equal(b!.calls.length, 0);
      assert.ok(!a!.calls[0]!.cancel.aborted);
      await clock.advance(1);
      const r = await routed;
      assert.equal(r.id, 'b:m');
      assert.deepEqual(r.attempts, [{ id: 'a:m', error: 'no first token within 1000 ms' }]);
      assert.ok(a!.calls[0]!.cancel.aborted);
      assert.deepEqual(health('a'), { state: 'degraded', consecutiveFailures: 1, lastFailureKind: 'timeout' });
      assert.deepEqual(clock.pending(), [], 'no timer left behind');
    });

    it("the route's own first-token timeout overrides the configured one", async () => {
      const { router, providers: [a], signal, clock } = setup(1);
      a!.script = ['hang'];
      const routed = router.route(request(), [cand('a:m')], signal, 200);
      const seen = routed.catch((e: UpstreamError) => e);
      await clock.advance(200);
      const e = (await seen) as UpstreamError;
      assert.deepEqual([e.status, e.code, e.message, e.providerId], [504, 'first_token_timeout', 'no first token within 200 ms', 'router']);
    });

    it('an answer in time clears its timer', async () => {
      const { router, providers: [a], signal, clock } = setup(1);
      a!.script = [[stop()]];
      await router.route(request(), [cand('a:m')], signal);
      assert.deepEqual(clock.pending(), []);
    });
  });

  describe("the caller's abort and a shutdown", () => {
    it('a caller already gone: an AbortError, and no provider is called', async () => {
      const { router, providers: [a], signal } = setup(1);
      signal.abort();
      await assert.rejects(router.route(request(), [cand('a:m')], signal), (e: Error) => e.name === 'AbortError' && e.message === 'The client went away before an answer began.');
      assert.equal(a!.calls.length, 0);
    });

    it('a shutdown before the answer began: 503 server_shutting_down', async () => {
      const { router, signal } = setup(1);
      signal.abort('shutdown');
      await assert.rejects(router.route(request(), [cand('a:m')], signal), (e: OblixError) => e.status === 503 && e.code === 'server_shutting_down');
    });

    it('the caller leaving while the first candidate is silent cancels it, counts nothing, and tries no other', async () => {
      const { router, providers: [a, b], signal, health, clock } = setup(2);
      a!.script = ['hang'];
      const routed = router.route(request(), [cand('a:m'), cand('b:m')], signal).catch((e: Error) => e);
      await settle();
      signal.abort();
      const e = (await routed) as Error;
      assert.equal(e.name, 'AbortError');
      assert.ok(a!.calls[0]!.cancel.aborted);
      assert.equal(b!.calls.length, 0);
      assert.deepEqual(health('a'), UNTOUCHED);
      assert.deepEqual(clock.pending(), []);
    });

    it('a shutdown while the first candidate is silent: 503', async () => {
      const { router, providers: [a], signal } = setup(1);
      a!.script = ['hang'];
      const routed = router.route(request(), [cand('a:m')], signal).catch((e: OblixError) => e);
      await settle();
      signal.abort('shutdown');
      assert.equal(((await routed) as OblixError).code, 'server_shutting_down');
    });

    it("an abort error of the provider's own (not the caller's) is passed on as it is", async () => {
      const { router, providers: [a, b], signal } = setup(2);
      const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
      a!.script = [abort];
      await assert.rejects(router.route(request(), [cand('a:m'), cand('b:m')], signal), (e) => e === abort);
      assert.equal(b!.calls.length, 0);
    });

    it('once committed, the caller leaving cancels the upstream and counts nothing', async () => {
      const { router, providers: [a], signal, health } = setup(1);
      a!.script = [[text('a')], 'hang'];
      const r = await router.route(request(), [cand('a:m')], signal);
      const it = r.events[Symbol.asyncIterator]();
      assert.deepEqual(await it.next(), { done: false, value: [text('a')] });
      const next = it.next().catch((e: Error) => e);
      signal.abort();
      assert.ok(a!.calls[0]!.cancel.aborted);
      assert.ok((await next) instanceof UpstreamError);
      assert.deepEqual(health('a'), UNTOUCHED);
    });

    it('after a clean end the caller link is gone: a late abort no longer reaches the attempt', async () => {
      const { router, providers: [a], signal } = setup(1);
      a!.script = [[stop()]];
      await drain(await router.route(request(), [cand('a:m')], signal));
      signal.abort();
      assert.ok(!a!.calls[0]!.cancel.aborted);
      assert.equal(signal.listenerCount('abort'), 0);
    });

    it('a failed attempt leaves no listener on the caller signal', async () => {
      const { router, providers: [a, b], signal } = setup(2);
      a!.script = [e502('a')];
      b!.script = [e502('b')];
      await assert.rejects(router.route(request(), [cand('a:m'), cand('b:m')], signal));
      assert.equal(signal.listenerCount('abort'), 0);
    });
  });

  describe('once committed', () => {
    it('an answer without a finish is an error (502 incomplete_answer), counted against the provider', async () => {
      const { router, providers: [a], signal, health } = setup(1);
      a!.script = [[text('cut')]];
      const r = await router.route(request(), [cand('a:m')], signal);
      await assert.rejects(drain(r), (e: UpstreamError) => e.status === 502 && e.code === 'incomplete_answer' && e.message === 'a ended the answer without saying it was finished: the answer may be cut short');
      assert.deepEqual(health('a'), { state: 'degraded', consecutiveFailures: 1, lastFailureKind: 'server' });
    });

    it('n = 2 needs a finish for both choices', async () => {
      const { router, providers: [a], signal } = setup(1);
      a!.script = [[text('x', 0), text('y', 1)], [stop(0)]];
      await assert.rejects(drain(await router.route(request({ n: 2 }), [cand('a:m')], signal)), (e: UpstreamError) => e.code === 'incomplete_answer');
      a!.script = [[text('x', 0), text('y', 1)], [stop(1), stop(0)]];
      assert.equal((await drain(await router.route(request({ n: 2 }), [cand('a:m')], signal))).length, 4);
    });

    it('an error mid-answer is the provider failure: no failover any more, counted', async () => {
      const { router, providers: [a, b], signal, health } = setup(2);
      a!.script = [[text('a')], e502('a')];
      b!.script = [[stop()]];
      const r = await router.route(request(), [cand('a:m'), cand('b:m')], signal);
      await assert.rejects(drain(r), /a answered 500: boom/);
      assert.equal(b!.calls.length, 0);
      assert.deepEqual(health('a'), { state: 'degraded', consecutiveFailures: 1, lastFailureKind: 'server' });
    });

    it('silence longer than the idle timeout: the upstream is cancelled and the answer fails with 504 idle_timeout', async () => {
      const { router, providers: [a], signal, health, clock } = setup(1, 5_000);
      a!.script = [[text('a')], [text('b')], 'hang'];
      const r = await router.route(request(), [cand('a:m')], signal);
      const it = r.events[Symbol.asyncIterator]();
      await it.next();
      await it.next();
      const next = it.next().catch((e: UpstreamError) => e);
      await clock.advance(4_999);
      assert.ok(!a!.calls[0]!.cancel.aborted);
      await clock.advance(1);
      const e = (await next) as UpstreamError;
      assert.deepEqual([e.status, e.code, e.message], [504, 'idle_timeout', 'a sent nothing for 5000 ms in the middle of its answer; Oblix stopped waiting']);
      assert.ok(a!.calls[0]!.cancel.aborted);
      assert.deepEqual(health('a'), { state: 'degraded', consecutiveFailures: 1, lastFailureKind: 'timeout' });
    });

    it('the idle timer restarts with each read, and is off with idleMs 0', async () => {
      const { router, providers: [a], signal, clock } = setup(1, 5_000);
      a!.script = [[text('a')], [text('b')], [stop()]];
      const r = await router.route(request(), [cand('a:m')], signal);
      const it = r.events[Symbol.asyncIterator]();
      await it.next(); // 'a', the batch that committed it
      await it.next(); // 'b': the idle timer was armed for this read
      assert.deepEqual(clock.pending(), [5_000]);
      await clock.advance(6_000); // the consumer is slow: no read pending, so this is not the upstream's silence
      assert.ok(!a!.calls[0]!.cancel.aborted);
      await clock.advance(1_000);
      assert.deepEqual(await it.next(), { done: false, value: [stop()] });
      assert.deepEqual(clock.pending(), [5_000], 'the timer re-armed from this read');
      assert.deepEqual(await it.next(), { done: true, value: undefined });
      assert.deepEqual(clock.pending(), []);

      const off = setup(1, 0);
      off.providers[0]!.script = [[text('a')], [stop()]];
      await drain(await off.router.route(request(), [cand('a:m')], off.signal));
      assert.deepEqual(off.clock.pending(), []);
    });
  });
});
