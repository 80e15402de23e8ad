// The router's timing on a manual clock, to the millisecond: the first-token timeout (and the
// route's own), the idle timeout once committed and its re-arming, no timer left behind; and what
// router.test.ts leaves out: health counting (a 404, a 429's Retry-After, a committed answer's
// failure, the caller leaving), an AbortSignal as the caller's signal, a shutdown mid-answer, the
// exact error types, and providers whose streams have no return().
import assert from 'node:assert/strict';
import { Cancel } from '../../../src/core/support/cancel';
import { upstreamCode } from '../../../src/core/errors/error-codes';
import { OblixError } from '../../../src/core/errors/oblix-error';
import type { ChatRequest } from '../../../src/core/request';
import { validateChatRequest } from '../../../src/core/dialects/openai-chat/parse';
import type { ProviderEvent } from '../../../src/core/providers/provider';
import { UpstreamError } from '../../../src/core/providers/upstream-error';
import { Connectivity, DEFAULT_CONNECTIVITY, type ProviderStatus } from '../../../src/core/routing/connectivity';
import type { Candidate } from '../../../src/core/routing/policy';
import { Router, type Routed } from '../../../src/core/routing/router';
import { ManualClock, settle } from '../../manual-clock';
import { FakeProvider, stop, text } from '../../fakes/fake-provider';

const FIRST_TOKEN_MS = 1_000;
const request = (body: Record<string, unknown> = {}): ChatRequest => validateChatRequest({ model: 'auto', messages: [{ role: 'user', content: 'hi' }], ...body });
const cand = (id: string, extra: Partial<Candidate> = {}): Candidate => ({ id, reason: 'local-preferred', ...extra });

const e502 = (id: string) => new UpstreamError(id, 502, `${id} answered 500: boom`, false, 'upstream_error');
const e429 = (id: string, retryAfter: number | null = null) => new UpstreamError(id, 429, `${id} answered 429: slow down`, false, upstreamCode('rate_limit_exceeded'), retryAfter);
const e404 = (id: string) => new UpstreamError(id, 404, `${id} answered 404: no such model`, false, 'model_not_found');

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

describe('Router timing (manual clock) and health counting', () => {
  describe('before the first token', () => {
    it('a 404 moves on without counting against the provider; a 429 counts, with its Retry-After', async () => {
      const {
        router,
        providers: [a, b, c],
        signal,
        health,
        connectivity,
        clock,
      } = setup(3);
      a!.script = [e404('a')];
      b!.script = [e429('b', 30)];
      c!.script = [[stop()]];
      const r = await router.route(request(), [cand('a:m'), cand('b:m'), cand('c:m')], signal);
      assert.equal(r.id, 'c:m');
      assert.deepEqual(health('a'), UNTOUCHED);
      assert.deepEqual(health('b'), { state: 'degraded', consecutiveFailures: 1, lastFailureKind: 'rate-limited' });
      assert.equal(connectivity.get('b').cooldownUntil, clock.now() + 30_000);
    });

    it('a refusal while building the body (chat throws at once) is thrown as it is; the next candidate is not tried', async () => {
      const {
        router,
        providers: [a, b],
        signal,
        health,
      } = setup(2);
      const refusal = new OblixError(400, 'bad image', 'invalid_request_error', 'messages[0].content[0].image_url.url', 'invalid_value');
      a!.refuse = refusal;
      await assert.rejects(router.route(request(), [cand('a:m'), cand('b:m')], signal), (e) => e === refusal);
      assert.equal(b!.calls.length, 0);
      assert.deepEqual(health('a'), UNTOUCHED);
      assert.equal(signal.listenerCount('abort'), 0);
    });
  });

  describe('first-token timeout', () => {
    it('a candidate silent for firstTokenMs is cancelled, counted as a timeout, and the next one answers', async () => {
      const {
        router,
        providers: [a, b],
        signal,
        health,
        clock,
      } = setup(2);
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
      const {
        router,
        providers: [a],
        signal,
        clock,
      } = setup(1);
      a!.script = ['hang'];
      const routed = router.route(request(), [cand('a:m')], signal, 200);
      const seen = routed.catch((e: UpstreamError) => e);
      await clock.advance(200);
      const e = (await seen) as UpstreamError;
      assert.deepEqual([e.status, e.code, e.message, e.providerId], [504, 'first_token_timeout', 'no first token within 200 ms', 'router']);
    });

    it('an answer in time clears its timer', async () => {
      const {
        router,
        providers: [a],
        signal,
        clock,
      } = setup(1);
      a!.script = [[stop()]];
      await router.route(request(), [cand('a:m')], signal);
      assert.deepEqual(clock.pending(), []);
    });
  });

  describe("the caller's abort and a shutdown", () => {
    it('the caller leaving while the first candidate is silent cancels it, counts nothing, and tries no other', async () => {
      const {
        router,
        providers: [a, b],
        signal,
        health,
        clock,
      } = setup(2);
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

    it('once committed, the caller leaving cancels the upstream and counts nothing', async () => {
      const {
        router,
        providers: [a],
        signal,
        health,
      } = setup(1);
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

    it('a plain AbortSignal as the caller signal: its abort reaches the attempt, before and after the commit', async () => {
      const {
        router,
        providers: [a, b],
      } = setup(2);
      a!.script = ['hang'];
      const before = new AbortController();
      const routed = router.route(request(), [cand('a:m'), cand('b:m')], before.signal).catch((e: Error) => e);
      await settle();
      before.abort();
      assert.equal(((await routed) as Error).name, 'AbortError');
      assert.ok(a!.calls[0]!.cancel.aborted);
      b!.script = [[text('b')], 'hang'];
      const after = new AbortController();
      a!.script = [e502('a')];
      const r = await router.route(request(), [cand('a:m'), cand('b:m')], after.signal);
      await r.events[Symbol.asyncIterator]().next();
      after.abort();
      assert.ok(b!.calls[0]!.cancel.aborted);
    });

    it('a shutdown mid-answer: 503 service_unavailable, told as such, counted nothing', async () => {
      const {
        router,
        providers: [a],
        signal,
        health,
      } = setup(1);
      a!.script = [[text('a')], 'hang'];
      const r = await router.route(request(), [cand('a:m')], signal);
      const it = r.events[Symbol.asyncIterator]();
      await it.next();
      const next = it.next().catch((e: OblixError) => e);
      signal.abort('shutdown');
      const e = (await next) as OblixError;
      assert.deepEqual(
        [e.status, e.type, e.code, e.message],
        [503, 'service_unavailable', 'server_shutting_down', 'Oblix is shutting down: the answer was stopped before it was complete.'],
      );
      assert.deepEqual(health('a'), UNTOUCHED);
    });

    it('a shutdown before the answer began: 503 service_unavailable with its words', async () => {
      const { router, signal } = setup(1);
      signal.abort('shutdown');
      await assert.rejects(router.route(request(), [cand('a:m')], signal), (e: OblixError) => {
        assert.deepEqual(
          [e.status, e.type, e.param, e.code, e.message],
          [503, 'service_unavailable', null, 'server_shutting_down', 'Oblix is shutting down: try again in a moment.'],
        );
        return true;
      });
    });
  });

  describe('edges', () => {
    it("the errors of nothing to route to: a 404 on 'model' (invalid_request_error), a 503 service_unavailable", async () => {
      const { router, signal } = setup(1);
      await assert.rejects(router.route(request(), [cand('zz:m')], signal), (e: OblixError) => {
        assert.deepEqual([e.status, e.type, e.param, e.code], [404, 'invalid_request_error', 'model', 'model_not_found']);
        return true;
      });
      await assert.rejects(router.route(request(), [], signal), (e: OblixError) => {
        assert.deepEqual([e.status, e.type, e.param, e.code], [503, 'service_unavailable', null, 'no_model_available']);
        return true;
      });
    });

    it('an abort error of the provider after a failover is passed on as it is, not folded into "every candidate failed"', async () => {
      const {
        router,
        providers: [a, b, c],
        signal,
      } = setup(3);
      const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
      a!.script = [e502('a')];
      b!.script = [abort];
      c!.script = [[stop()]];
      await assert.rejects(router.route(request(), [cand('a:m'), cand('b:m'), cand('c:m')], signal), (e) => e === abort);
      assert.equal(c!.calls.length, 0);
    });

    it('a provider stream whose iterator has no return(): a failure before the first token still fails over', async () => {
      const {
        router,
        providers: [a, b],
        signal,
      } = setup(2);
      a!.chat = (call) => {
        a!.calls.push(call);
        return { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(e502('a')) }) };
      };
      b!.script = [[stop()]];
      assert.equal((await router.route(request(), [cand('a:m'), cand('b:m')], signal)).id, 'b:m');
    });

    it("a clean answer on a healthy provider moves its checkedAt in place (the request path's no-allocation case)", async () => {
      const {
        router,
        providers: [a],
        signal,
        connectivity,
        clock,
      } = setup(1);
      connectivity.succeeded('a', 'request');
      const status = connectivity.get('a');
      await clock.advance(700);
      a!.script = [[stop()]];
      await drain(await router.route(request(), [cand('a:m')], signal));
      assert.equal(connectivity.get('a'), status);
      assert.equal(status.checkedAt, clock.now());
    });
  });

  describe('once committed', () => {
    it('an error mid-answer is the provider failure: no failover any more, counted', async () => {
      const {
        router,
        providers: [a, b],
        signal,
        health,
      } = setup(2);
      a!.script = [[text('a')], e502('a')];
      b!.script = [[stop()]];
      const r = await router.route(request(), [cand('a:m'), cand('b:m')], signal);
      await assert.rejects(drain(r), /a answered 500: boom/);
      assert.equal(b!.calls.length, 0);
      assert.deepEqual(health('a'), { state: 'degraded', consecutiveFailures: 1, lastFailureKind: 'server' });
    });

    it('silence longer than the idle timeout: the upstream is cancelled and the answer fails with 502 idle_timeout (the answer had begun)', async () => {
      const {
        router,
        providers: [a],
        signal,
        health,
        clock,
      } = setup(1, 5_000);
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
      assert.deepEqual([e.status, e.code, e.message], [502, 'idle_timeout', 'a sent nothing for 5000 ms in the middle of its answer; Oblix stopped waiting']);
      assert.ok(a!.calls[0]!.cancel.aborted);
      assert.deepEqual(health('a'), { state: 'degraded', consecutiveFailures: 1, lastFailureKind: 'timeout' });
    });

    it('the idle timer restarts with each read, and is off with idleMs 0', async () => {
      const {
        router,
        providers: [a],
        signal,
        clock,
      } = setup(1, 5_000);
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
