// The committed answer: events pass through in order, and how it ended reaches the provider's
// health exactly once (clean end: success; failure after the first token: counted; a caller's
// cancel or an early stop: nothing).
import assert from 'node:assert/strict';
import type { ProviderEvent } from '../../src/core/providers/provider';
import { Cancel } from '../../src/core/cancel';
import { UpstreamError } from '../../src/core/providers/upstream-error';
import { Committed } from '../../src/core/routing/committed';
import { Connectivity, DEFAULT_CONNECTIVITY } from '../../src/core/routing/connectivity';

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

function setup(batches: ProviderEvent[][], opts: { fail?: Error; cancelled?: boolean; choices?: number; idleTimeoutMs?: number; it?: AsyncIterator<ProviderEvent[]> } = {}) {
  const connectivity = new Connectivity([], DEFAULT_CONNECTIVITY); // never started: no probes
  connectivity.failed('p', 'server', 'an earlier failure'); // so a success has something to clear
  let cleanups = 0;
  const signal = new Cancel();
  if (opts.cancelled) signal.abort();
  const attempt = new Cancel();
  const it = opts.it ?? upstream(batches, opts.fail);
  return it.next().then((first) => ({
    connectivity,
    attempt,
    cleanups: () => cleanups,
    committed: new Committed(first, it, { providerId: 'p', connectivity, signal, attempt, choices: opts.choices ?? 1, idleTimeoutMs: opts.idleTimeoutMs ?? 0, cleanup: () => cleanups++ }),
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
    await assert.rejects(drain(s.committed), (e: UpstreamError) => e.code === 'idle_timeout' && e.status === 504 && /sent nothing for 50 ms/.test(e.message));
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
