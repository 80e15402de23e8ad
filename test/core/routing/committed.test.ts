// The committed answer: events pass through in order, and how it ended reaches the provider's
// health exactly once (clean end: success; failure after the first token: counted; a caller's
// cancel or an early stop: nothing).
import assert from 'node:assert/strict';
import type { ProviderEvent } from '../../../src/core/providers/provider';
import { Cancel } from '../../../src/core/support/cancel';
import { UpstreamError } from '../../../src/core/providers/upstream-error';
import { OblixError } from '../../../src/core/errors/oblix-error';
import { Committed } from '../../../src/core/routing/committed';
import { Connectivity, DEFAULT_CONNECTIVITY } from '../../../src/core/routing/connectivity';

const delta = (content: string): ProviderEvent => ({ type: 'delta', index: 0, content });
const finish = (index = 0): ProviderEvent => ({ type: 'finish', index, reason: 'stop' });

let upstreamClosed = false;
async function* upstream(batches: ProviderEvent[][], fail?: Error): AsyncGenerator<ProviderEvent[]> {
  upstreamClosed = false;
  try {
    for (const b of batches) yield b;
    if (fail) throw fail;
  } finally {
    upstreamClosed = true;
  }
}

function setup(
  batches: ProviderEvent[][],
  opts: { fail?: Error; cancelled?: boolean; choices?: number; idleTimeoutMs?: number; it?: AsyncIterator<ProviderEvent[]>; signal?: Cancel } = {},
) {
  const connectivity = new Connectivity([], DEFAULT_CONNECTIVITY); // never started: no probes
  connectivity.failed('p', 'server', 'an earlier failure'); // so a success has something to clear
  let cleanups = 0;
  const signal = opts.signal ?? new Cancel();
  if (opts.cancelled) signal.abort();
  const attempt = new Cancel();
  const it = opts.it ?? upstream(batches, opts.fail);
  return it.next().then((first) => ({
    connectivity,
    attempt,
    cleanups: () => cleanups,
    committed: new Committed(first, it, {
      providerId: 'p',
      connectivity,
      signal,
      attempt,
      choices: opts.choices ?? 1,
      idleTimeoutMs: opts.idleTimeoutMs ?? 0,
      cleanup: () => cleanups++,
    }),
  }));
}

/** An upstream that sends one batch, then nothing until its attempt is cancelled (then it fails, as a socket would). */
function stalling(attempt: () => Cancel | undefined): AsyncIterator<ProviderEvent[]> {
  let sent = false;
  return {
    next: () => {
      if (!sent) {
        sent = true;
        return Promise.resolve({ done: false, value: [delta('a')] });
      }
      return new Promise((_, reject) => attempt()!.addEventListener('abort', () => reject(new UpstreamError('p', 502, 'terminated', true, 'upstream_unreachable'))));
    },
  };
}

async function drain(c: AsyncIterable<ProviderEvent[]>): Promise<string> {
  let text = '';
  for await (const batch of c) for (const e of batch) if (e.type === 'delta') text += e.content ?? '';
  return text;
}

describe('Committed', () => {
  it('passes every batch on in order and counts a clean end as a success, once', async () => {
    const s = await setup([[delta('a'), delta('b')], [delta('c')], [finish()]]);
    assert.equal(await drain(s.committed), 'abc');
    const st = s.connectivity.get('p');
    assert.equal(st.state, 'online');
    assert.equal(st.consecutiveFailures, 0);
    assert.equal(s.cleanups(), 1);
    assert.deepEqual(await s.committed.next(), { done: true, value: undefined }); // nothing more, nothing counted twice
    assert.equal(s.cleanups(), 1);
  });

  it('counts a failure after the first token against the provider and rethrows it', async () => {
    const s = await setup([[delta('a')]], { fail: new UpstreamError('p', 502, 'cut mid-answer', false, 'upstream_error') });
    await assert.rejects(drain(s.committed), /cut mid-answer/);
    const st = s.connectivity.get('p');
    assert.equal(st.consecutiveFailures, 2); // the earlier one and this one
    assert.equal(st.lastError, 'cut mid-answer');
    assert.equal(s.cleanups(), 1);
  });

  it('counts nothing when the caller cancelled', async () => {
    const s = await setup([[delta('a')]], { fail: new UpstreamError('p', 502, 'aborted', false, 'upstream_error'), cancelled: true });
    await assert.rejects(drain(s.committed));
    assert.equal(s.connectivity.get('p').consecutiveFailures, 1);
    assert.equal(s.cleanups(), 1);
  });

  it('counts nothing when the consumer stops early, and closes the upstream', async () => {
    const s = await setup([[delta('a')], [delta('b')], [delta('c')], [finish()]]);
    for await (const batch of s.committed) {
      assert.equal(batch.length, 1);
      break; // return() from the loop
    }
    assert.equal(s.connectivity.get('p').consecutiveFailures, 1);
    assert.equal(s.cleanups(), 1);
    assert.ok(upstreamClosed, "the provider's stream was returned");
    assert.deepEqual(await s.committed.next(), { done: true, value: undefined });
  });

  it('an answer with no events at all is not a clean end: the upstream never said it was finished', async () => {
    const s = await setup([]);
    await assert.rejects(drain(s.committed), (e: UpstreamError) => e.code === 'incomplete_answer' && e.status === 502);
    assert.equal(s.connectivity.get('p').consecutiveFailures, 2);
  });

  it('an answer that ends without a finish event fails instead of passing for a whole one', async () => {
    const s = await setup([[delta('a')], [delta('b')]]);
    await assert.rejects(drain(s.committed), /without saying it was finished/);
    assert.equal(s.cleanups(), 1);
  });

  it('with n = 2, every choice must be finished', async () => {
    const one = await setup([[delta('a')], [finish(0)]], { choices: 2 });
    await assert.rejects(drain(one.committed), /without saying it was finished/);
    const both = await setup([[delta('a')], [finish(0), finish(1)]], { choices: 2 });
    assert.equal(await drain(both.committed), 'a');
  });

  it('an upstream silent past the idle timeout is cancelled and reported as such', async () => {
    let attempt: Cancel | undefined;
    const s = await setup([], { idleTimeoutMs: 50, it: stalling(() => attempt) });
    attempt = s.attempt;
    await assert.rejects(drain(s.committed), (e: UpstreamError) => e.code === 'idle_timeout' && e.status === 502 && /sent nothing for 50 ms/.test(e.message));
    assert.ok(s.attempt.aborted, 'the upstream call was cancelled');
    assert.equal(s.connectivity.get('p').lastFailureKind, 'timeout');
  });

  it('a slow consumer is not a silent upstream: no idle timeout while nothing is being read', async () => {
    const s = await setup([[delta('a')], [delta('b')], [finish()]], { idleTimeoutMs: 30 });
    let text = '';
    for await (const batch of s.committed) {
      for (const e of batch) if (e.type === 'delta') text += e.content;
      await new Promise((r) => setTimeout(r, 80)); // the client reads slowly: longer than the idle timeout
    }
    assert.equal(text, 'ab');
    assert.ok(!s.attempt.aborted);
  });
});

/** An upstream whose batches arrive `gapMs` apart, ending with a finish. */
async function* spaced(count: number, gapMs: number): AsyncGenerator<ProviderEvent[]> {
  for (let i = 0; i < count; i++) {
    await new Promise((r) => setTimeout(r, gapMs));
    yield [delta(String(i))];
  }
  yield [finish()];
}

/** An upstream with one batch, then a read that fails only when `fail` is called. */
function failLater(): { it: AsyncIterator<ProviderEvent[]>; fail: (e: Error) => void; reading: Promise<void> } {
  let fail: (e: Error) => void = () => {};
  let started: () => void = () => {};
  const reading = new Promise<void>((r) => (started = r));
  let sent = false;
  const it: AsyncIterator<ProviderEvent[]> = {
    next: () => {
      if (!sent) {
        sent = true;
        return Promise.resolve({ done: false, value: [delta('a')] });
      }
      started();
      return new Promise((_, reject) => (fail = reject));
    },
  };
  return { it, fail: (e) => fail(e), reading };
}

const timeouts = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('Committed: edges', () => {
  it('a shutdown mid-answer is told as such (503 server_shutting_down) and counts nothing against the provider', async () => {
    const signal = new Cancel();
    const up = failLater();
    const s = await setup([], { it: up.it, signal });
    const reading = drain(s.committed);
    await up.reading;
    signal.abort('shutdown');
    up.fail(new UpstreamError('p', 502, 'terminated', true, 'upstream_unreachable'));
    await assert.rejects(
      reading,
      (e: OblixError) => e.status === 503 && e.code === 'server_shutting_down' && e.message === 'Oblix is shutting down: the answer was stopped before it was complete.',
    );
    assert.equal(s.connectivity.get('p').consecutiveFailures, 1, 'only the earlier failure');
  });

  it("the client leaving mid-answer is the upstream's own error, passed on as it is", async () => {
    const signal = new Cancel();
    const up = failLater();
    const s = await setup([], { it: up.it, signal });
    const reading = drain(s.committed);
    await up.reading;
    signal.abort();
    const cut = new UpstreamError('p', 502, 'terminated', true, 'upstream_unreachable');
    up.fail(cut);
    await assert.rejects(reading, (e: unknown) => e === cut);
  });

  it('a cut answer counts as a server failure, not as unreachable', async () => {
    const s = await setup([[delta('a')]]);
    await assert.rejects(drain(s.committed), (e: UpstreamError) => e.code === 'incomplete_answer' && e.unreachable === false);
    assert.equal(s.connectivity.get('p').lastFailureKind, 'server');
  });

  it("Oblix's own error mid-answer (an OblixError, not an upstream's) counts nothing against the provider", async () => {
    const s = await setup([[delta('a')]], { fail: new OblixError(500, 'Internal error in Oblix', 'server_error', null, 'internal_error') });
    await assert.rejects(drain(s.committed), /Internal error in Oblix/);
    assert.equal(s.connectivity.get('p').consecutiveFailures, 1, 'only the earlier failure');
  });

  it('an upstream error that says nothing about its health (a 400 mid-stream) counts nothing', async () => {
    const s = await setup([[delta('a')]], { fail: new UpstreamError('p', 400, 'bad tool call', false, 'invalid_value') });
    await assert.rejects(drain(s.committed), /bad tool call/);
    assert.equal(s.connectivity.get('p').consecutiveFailures, 1);
  });

  it('return() after the end: done, and nothing closed or cleaned twice', async () => {
    const s = await setup([[delta('a')], [finish()]]);
    await drain(s.committed);
    assert.deepEqual(await s.committed.return(), { done: true, value: undefined });
    assert.equal(s.cleanups(), 1);
  });

  it('an early stop on an upstream with no return() works and answers done', async () => {
    const s = await setup([], { it: failLater().it });
    assert.deepEqual(await s.committed.next(), { done: false, value: [delta('a')] });
    assert.deepEqual(await s.committed.return(), { done: true, value: undefined });
    assert.equal(s.cleanups(), 1);
  });

  it('a read that fails after the consumer stopped is neither cleaned nor counted a second time', async () => {
    const up = failLater();
    const s = await setup([], { it: up.it });
    await s.committed.next();
    const pending = s.committed.next();
    await up.reading;
    await s.committed.return();
    up.fail(new UpstreamError('p', 502, 'late failure', false, 'server_error'));
    await assert.rejects(pending, /late failure/);
    assert.equal(s.cleanups(), 1);
    assert.equal(s.connectivity.get('p').consecutiveFailures, 1, 'only the earlier failure');
  });

  it('the idle timeout is re-armed on each read: a steady stream longer than the timeout is never cut', async () => {
    const s = await setup([], { idleTimeoutMs: 80, it: spaced(8, 25) }); // 200 ms in all, never 80 ms silent
    assert.equal(await drain(s.committed), '01234567');
    assert.ok(!s.attempt.aborted);
  });

  it('idleTimeoutMs = 0 turns the idle timeout off', async () => {
    const s = await setup([], { idleTimeoutMs: 0, it: spaced(2, 20) });
    assert.equal(await drain(s.committed), '01');
    assert.ok(!s.attempt.aborted);
  });

  it('the end of an answer leaves no idle timer behind (it would hold the process for the whole timeout)', async () => {
    // The same answer without and with an idle timeout, timers counted the same way after each.
    const timersAfter = async (idleTimeoutMs: number): Promise<number> => {
      const s = await setup([], { idleTimeoutMs, it: spaced(2, 5) });
      await drain(s.committed);
      await new Promise((r) => setImmediate(r));
      return timeouts();
    };
    const without = await timersAfter(0);
    assert.equal(await timersAfter(60_000), without);
  });
});
