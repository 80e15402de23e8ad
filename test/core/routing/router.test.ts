// The Router against in-process fake providers: which candidate serves, what each failure before the
// first token does (fail over, or stop and say why), what is counted against a provider's health,
// and the exact errors a client gets when nothing can answer.
import assert from 'node:assert/strict';
import { Cancel } from '../../../src/core/support/cancel';
import { upstreamCode } from '../../../src/core/errors/error-codes';
import { validateChatRequest } from '../../../src/core/dialects/openai-chat/parse';
import { OblixError } from '../../../src/core/errors/oblix-error';
import type { ChatCall, Provider, ProviderEvent } from '../../../src/core/providers/provider';
import { UpstreamError } from '../../../src/core/providers/upstream-error';
import { Connectivity, DEFAULT_CONNECTIVITY } from '../../../src/core/routing/connectivity';
import type { Candidate } from '../../../src/core/routing/policy';
import { Router } from '../../../src/core/routing/router';

type Script = ProviderEvent[][] | Error | 'hang';

/** A provider whose every call plays its script; it records the calls it got and whether each was closed. */
class FakeProvider implements Provider {
  readonly kind = 'openai' as const;
  readonly local = false;
  readonly calls: ChatCall[] = [];
  readonly completeCalls: ChatCall[] = [];
  closed = 0;
  constructor(
    readonly id: string,
    private readonly script: Script,
    readonly withComplete = false,
  ) {
    if (!withComplete) this.complete = undefined;
  }
  get baseURL(): string {
    return `http://${this.id}.invalid`;
  }
  ignoredParams(): string[] {
    return [`${this.id}-ignores`];
  }
  chat(call: ChatCall): AsyncIterable<ProviderEvent[]> {
    this.calls.push(call);
    return this.play(call);
  }
  complete?: (call: ChatCall) => AsyncIterable<ProviderEvent[]> = (call) => {
    this.completeCalls.push(call);
    return this.play(call);
  };
  async ping(): Promise<void> {}
  private async *play(call: ChatCall): AsyncGenerator<ProviderEvent[]> {
    try {
      const s = this.script;
      if (s === 'hang') {
        await new Promise<void>((_, reject) => call.cancel.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }))));
        return;
      }
      if (s instanceof Error) throw s;
      for (const b of s) yield b;
    } finally {
      this.closed++;
    }
  }
}

const answer = (text: string): ProviderEvent[][] => [[{ type: 'delta', index: 0, content: text }], [{ type: 'finish', index: 0, reason: 'stop' }]];
const refused = (p: string): UpstreamError => new UpstreamError(p, 502, `${p} could not be reached (ECONNREFUSED)`, true, 'upstream_unreachable');
const serverError = (p: string): UpstreamError => new UpstreamError(p, 502, `${p} answered 500: boom`, false, 'server_error');
const badRequest = (p: string): UpstreamError => new UpstreamError(p, 400, `${p} answered 400: bad`, false, 'invalid_value');
const cand = (id: string, extra: Partial<Candidate> = {}): Candidate => ({ id, reason: 'local-preferred', ...extra });
const request = (extra: Record<string, unknown> = {}) => validateChatRequest({ model: 'auto', messages: [{ role: 'user', content: 'hi' }], ...extra });

function setup(...providers: FakeProvider[]) {
  const connectivity = new Connectivity(providers, DEFAULT_CONNECTIVITY); // never started: no probes
  const router = new Router(new Map(providers.map((p) => [p.id, p])), connectivity, { firstTokenMs: 1000, idleMs: 0 });
  return { router, connectivity };
}

async function text(events: AsyncIterable<ProviderEvent[]>): Promise<string> {
  let s = '';
  for await (const batch of events) for (const e of batch) if (e.type === 'delta') s += e.content ?? '';
  return s;
}

function rejectsWith(p: Promise<unknown>, expected: { status: number; code: string | null; message?: string | RegExp; name?: string }): Promise<void> {
  return assert.rejects(p, (e: OblixError) => {
    assert.equal(e.status, expected.status);
    assert.equal(e.code, expected.code);
    if (typeof expected.message === 'string') assert.equal(e.message, expected.message);
    else if (expected.message) assert.match(e.message, expected.message);
    return true;
  });
}

describe('Router', () => {
  it('the first candidate that answers serves: its id, its reason, its ignored params, no attempts', async () => {
    const a = new FakeProvider('a', answer('from a'));
    const b = new FakeProvider('b', answer('from b'));
    const { router, connectivity } = setup(a, b);
    const routed = await router.route(request(), [cand('a:m1', { reason: 'local-preferred' }), cand('b:m2')], new Cancel());
    assert.equal(routed.id, 'a:m1');
    assert.equal(routed.reason, 'local-preferred');
    assert.equal(routed.provider, a);
    assert.deepEqual(routed.ignoredParams, ['a-ignores']);
    assert.deepEqual(routed.attempts, []);
    assert.equal(await text(routed.events), 'from a');
    assert.equal(b.calls.length, 0);
    assert.equal(a.calls[0]!.model, 'm1');
    assert.equal(connectivity.get('a').state, 'online');
  });

  it('passes numCtx and answerRoom only when the candidate has them', async () => {
    const a = new FakeProvider('a', answer('x'));
    const { router } = setup(a);
    await text((await router.route(request(), [cand('a:m', { numCtx: 8192, answerRoom: 512 })], new Cancel())).events);
    await text((await router.route(request(), [cand('a:m')], new Cancel())).events);
    assert.equal(a.calls[0]!.numCtx, 8192);
    assert.equal(a.calls[0]!.answerRoom, 512);
    assert.ok(!('numCtx' in a.calls[1]!) && !('answerRoom' in a.calls[1]!), 'no numCtx/answerRoom keys when the candidate has none');
  });

  it('a prompt goes to complete() when the provider has it, a chat to chat()', async () => {
    const withComplete = new FakeProvider('c', answer('done'), true);
    const { router } = setup(withComplete);
    const prompt = request();
    prompt.prompt = { text: 'def f(', suffix: null, raw: false };
    await text((await router.route(prompt, [cand('c:m')], new Cancel())).events);
    assert.equal(withComplete.completeCalls.length, 1);
    assert.equal(withComplete.calls.length, 0);
    await text((await router.route(request(), [cand('c:m')], new Cancel())).events);
    assert.equal(withComplete.calls.length, 1, 'no prompt: chat, even though complete exists');
  });

  it('fails over on an unreachable candidate: the reason names the first one tried, the attempt is listed, the failure counted', async () => {
    const a = new FakeProvider('a', refused('a'));
    const b = new FakeProvider('b', serverError('b'));
    const c = new FakeProvider('c', answer('from c'));
    const { router, connectivity } = setup(a, b, c);
    const routed = await router.route(request(), [cand('a:m'), cand('b:m'), cand('c:m', { reason: 'cloud-only' })], new Cancel());
    assert.equal(routed.id, 'c:m');
    assert.equal(routed.reason, 'failover-from:a:m');
    assert.deepEqual(routed.attempts, [
      { id: 'a:m', error: 'a could not be reached (ECONNREFUSED)' },
      { id: 'b:m', error: 'b answered 500: boom' },
    ]);
    assert.equal(await text(routed.events), 'from c');
    assert.equal(connectivity.get('a').lastFailureKind, 'unreachable');
    assert.equal(connectivity.get('b').lastFailureKind, 'server');
    assert.equal(connectivity.get('b').consecutiveFailures, 1);
    assert.equal(a.closed, 1);
    assert.equal(b.closed, 1);
  });

  it('a failure another model cannot avoid (a 400) stops at once, as it is, and counts nothing', async () => {
    const a = new FakeProvider('a', badRequest('a'));
    const b = new FakeProvider('b', answer('never'));
    const { router, connectivity } = setup(a, b);
    await rejectsWith(router.route(request(), [cand('a:m'), cand('b:m')], new Cancel()), { status: 400, code: 'invalid_value', message: 'a answered 400: bad' });
    assert.equal(b.calls.length, 0);
    assert.equal(connectivity.get('a').consecutiveFailures, 0);
  });

  it('a non-upstream error (a bug, say) is not failed over and counts nothing', async () => {
    const a = new FakeProvider('a', new TypeError('x is not a function'));
    const b = new FakeProvider('b', answer('never'));
    const { router, connectivity } = setup(a, b);
    await assert.rejects(router.route(request(), [cand('a:m'), cand('b:m')], new Cancel()), /x is not a function/);
    assert.equal(b.calls.length, 0);
    assert.equal(connectivity.get('a').consecutiveFailures, 0);
  });

  it('the only candidate failing: its own error, unchanged', async () => {
    const { router } = setup(new FakeProvider('a', serverError('a')));
    await rejectsWith(router.route(request(), [cand('a:m')], new Cancel()), { status: 502, code: 'server_error', message: 'a answered 500: boom' });
  });

  it('every candidate failing: one error listing each, with the last one’s status and code', async () => {
    const { router } = setup(
      new FakeProvider('a', serverError('a')),
      new FakeProvider('b', new UpstreamError('b', 429, 'b answered 429: slow down', false, upstreamCode('rate_limit_exceeded'))),
    );
    await rejectsWith(router.route(request(), [cand('a:m'), cand('b:m')], new Cancel()), {
      status: 429,
      code: 'rate_limit_exceeded',
      message: 'Every candidate model failed. a:m: a answered 500: boom | b:m: b answered 429: slow down',
    });
  });

  it('a later candidate failing with a 400 after a failover: the list, its status, its code', async () => {
    const { router } = setup(new FakeProvider('a', refused('a')), new FakeProvider('b', badRequest('b')), new FakeProvider('c', answer('never')));
    await rejectsWith(router.route(request(), [cand('a:m'), cand('b:m'), cand('c:m')], new Cancel()), {
      status: 400,
      code: 'invalid_value',
      message: 'Every candidate model failed. a:m: a could not be reached (ECONNREFUSED) | b:m: b answered 400: bad',
    });
  });

  it('a last candidate failing with a non-upstream error after a failover: 502 all_candidates_failed', async () => {
    const { router } = setup(new FakeProvider('a', refused('a')), new FakeProvider('b', new Error('odd')));
    await rejectsWith(router.route(request(), [cand('a:m'), cand('b:m')], new Cancel()), {
      status: 502,
      code: 'all_candidates_failed',
      message: 'Every candidate model failed. a:m: a could not be reached (ECONNREFUSED) | b:m: odd',
    });
  });

  it('every candidate unreachable: upstream_unreachable; one of them answering with an error: not', async () => {
    // Unreachable with no code of their own, so only the "all unreachable" rule can name the code.
    const reset = (p: string): UpstreamError => new UpstreamError(p, 502, `${p} reset the connection`, true, null);
    const all = setup(new FakeProvider('a', reset('a')), new FakeProvider('b', reset('b')), new FakeProvider('c', reset('c')));
    await rejectsWith(all.router.route(request(), [cand('a:m'), cand('b:m'), cand('c:m')], new Cancel()), {
      status: 502,
      code: 'upstream_unreachable',
      message: 'Every candidate model failed. a:m: a reset the connection | b:m: b reset the connection | c:m: c reset the connection',
    });
    const mixed = setup(new FakeProvider('a', serverError('a')), new FakeProvider('b', reset('b')));
    await rejectsWith(mixed.router.route(request(), [cand('a:m'), cand('b:m')], new Cancel()), { status: 502, code: 'all_candidates_failed' });
    const lastAnswers = setup(new FakeProvider('a', reset('a')), new FakeProvider('b', serverError('b')));
    await rejectsWith(lastAnswers.router.route(request(), [cand('a:m'), cand('b:m')], new Cancel()), { status: 502, code: 'server_error' });
  });

  it('a candidate with no configured provider is a 404 model_not_found naming the provider', async () => {
    const { router } = setup(new FakeProvider('a', answer('x')));
    await rejectsWith(router.route(request(), [cand('nope:m')], new Cancel()), {
      status: 404,
      code: 'model_not_found',
      message: "The model 'nope:m' does not exist: no provider 'nope' is configured.",
    });
    await rejectsWith(router.route(request(), [cand('')], new Cancel()), {
      status: 404,
      code: 'model_not_found',
      message: "The model '' does not exist: no provider '' is configured.",
    });
  });

  it('no candidates at all: 503 no_model_available', async () => {
    const { router } = setup();
    await rejectsWith(router.route(request(), [], new Cancel()), { status: 503, code: 'no_model_available', message: 'No model can answer this request.' });
  });

  it('a candidate silent past the first-token timeout is cancelled, counted as a timeout, and the next one serves', async () => {
    const slow = new FakeProvider('slow', 'hang');
    const fast = new FakeProvider('fast', answer('fast'));
    const { router, connectivity } = setup(slow, fast);
    const routed = await router.route(request(), [cand('slow:m'), cand('fast:m')], new Cancel(), 30);
    assert.equal(routed.id, 'fast:m');
    assert.deepEqual(routed.attempts, [{ id: 'slow:m', error: 'no first token within 30 ms' }]);
    assert.ok(slow.calls[0]!.cancel.aborted, "the slow candidate's call was cancelled");
    assert.equal(connectivity.get('slow').lastFailureKind, 'timeout');
    assert.equal(await text(routed.events), 'fast');
  });

  it('the first-token timeout alone: 504 first_token_timeout, not unreachable', async () => {
    const { router } = setup(new FakeProvider('slow', 'hang'));
    await rejectsWith(router.route(request(), [cand('slow:m')], new Cancel(), 20), { status: 504, code: 'first_token_timeout', message: 'no first token within 20 ms' });
  });

  it('a caller already gone: an AbortError before any provider is called', async () => {
    const a = new FakeProvider('a', answer('x'));
    const { router } = setup(a);
    const signal = new Cancel();
    signal.abort();
    await assert.rejects(router.route(request(), [cand('a:m')], signal), (e: Error) => e.name === 'AbortError' && e.message === 'The client went away before an answer began.');
    assert.equal(a.calls.length, 0);
  });

  it('a shutdown before an answer began: 503 server_shutting_down, not an abort', async () => {
    const a = new FakeProvider('a', answer('x'));
    const { router } = setup(a);
    const signal = new Cancel();
    signal.abort('shutdown');
    await rejectsWith(router.route(request(), [cand('a:m')], signal), { status: 503, code: 'server_shutting_down', message: 'Oblix is shutting down: try again in a moment.' });
  });

  it('the caller leaving while waiting for a first token cancels the upstream call, tries no other candidate, counts nothing', async () => {
    const slow = new FakeProvider('slow', 'hang');
    const other = new FakeProvider('other', answer('never'));
    const { router, connectivity } = setup(slow, other);
    const signal = new Cancel();
    const p = router.route(request(), [cand('slow:m'), cand('other:m')], signal);
    setTimeout(() => signal.abort(), 10);
    await assert.rejects(p, (e: Error) => e.name === 'AbortError');
    assert.ok(slow.calls[0]!.cancel.aborted);
    assert.equal(other.calls.length, 0);
    assert.equal(connectivity.get('slow').consecutiveFailures, 0);
  });

  it('a shutdown while waiting for a first token: 503 server_shutting_down', async () => {
    const { router } = setup(new FakeProvider('slow', 'hang'), new FakeProvider('other', answer('never')));
    const signal = new Cancel();
    const p = router.route(request(), [cand('slow:m'), cand('other:m')], signal);
    setTimeout(() => signal.abort('shutdown'), 10);
    await rejectsWith(p, { status: 503, code: 'server_shutting_down' });
  });

  it("a provider's own AbortError (not the caller's) is passed on, not failed over", async () => {
    const a = new FakeProvider('a', Object.assign(new Error('user aborted'), { name: 'APIUserAbortError' }));
    const b = new FakeProvider('b', answer('never'));
    const { router } = setup(a, b);
    await assert.rejects(router.route(request(), [cand('a:m'), cand('b:m')], new Cancel()), (e: Error) => e.name === 'APIUserAbortError');
    assert.equal(b.calls.length, 0);
  });

  it("once committed, the caller's cancel reaches the upstream call; before that, a finished route leaves no listener on the caller's signal", async () => {
    const a = new FakeProvider('a', [[{ type: 'delta', index: 0, content: 'x' }], [{ type: 'finish', index: 0, reason: 'stop' }]]);
    const { router } = setup(a);
    const signal = new Cancel();
    const routed = await router.route(request(), [cand('a:m')], signal);
    assert.equal(signal.listenerCount('abort'), 1, 'linked while the answer runs');
    signal.abort();
    assert.ok(a.calls[0]!.cancel.aborted, 'the upstream call was cancelled with the caller');
    await routed.events[Symbol.asyncIterator]().return?.(undefined);

    const b = new FakeProvider('b', answer('y'));
    const s2 = setup(b);
    const sig2 = new Cancel();
    await text((await s2.router.route(request(), [cand('b:m')], sig2)).events);
    assert.equal(sig2.listenerCount('abort'), 0, 'unlinked at the end of the answer');
    const failing = setup(new FakeProvider('c', refused('c')), new FakeProvider('d', answer('z')));
    const sig3 = new Cancel();
    const r3 = await failing.router.route(request(), [cand('c:m'), cand('d:m')], sig3);
    assert.equal(sig3.listenerCount('abort'), 1, "only the serving attempt's link remains");
    await text(r3.events);
    assert.equal(sig3.listenerCount('abort'), 0);
  });
});
