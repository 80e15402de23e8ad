// The committed answer: events pass through in order, and how it ended reaches the provider's
// health exactly once (clean end: success; failure after the first token: counted; a caller's
// cancel or an early stop: nothing).
import assert from 'node:assert/strict';
import type { ProviderEvent } from '../../src/core/providers/provider';
import { UpstreamError } from '../../src/core/providers/upstream-error';
import { Committed } from '../../src/core/routing/committed';
import { Connectivity, DEFAULT_CONNECTIVITY } from '../../src/core/routing/connectivity';

const delta = (content: string): ProviderEvent => ({ type: 'delta', index: 0, content });

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

function setup(batches: ProviderEvent[][], opts: { fail?: Error; cancelled?: boolean } = {}) {
  const connectivity = new Connectivity([], DEFAULT_CONNECTIVITY); // never started: no probes
  connectivity.failed('p', 'server', 'an earlier failure'); // so a success has something to clear
  let cleanups = 0;
  const it = upstream(batches, opts.fail);
  return it.next().then((first) => ({
    connectivity,
    cleanups: () => cleanups,
    committed: new Committed(first, it, 'p', connectivity, () => opts.cancelled ?? false, () => cleanups++),
  }));
}

async function drain(c: AsyncIterable<ProviderEvent[]>): Promise<string> {
  let text = '';
  for await (const batch of c) for (const e of batch) if (e.type === 'delta') text += e.content ?? '';
  return text;
}

describe('Committed', () => {
  it('passes every batch on in order and counts a clean end as a success, once', async () => {
    const s = await setup([[delta('a'), delta('b')], [delta('c')], [{ type: 'finish', index: 0, reason: 'stop' }]]);
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
    const s = await setup([[delta('a')], [delta('b')], [delta('c')]]);
    for await (const batch of s.committed) {
      assert.equal(batch.length, 1);
      break; // return() from the loop
    }
    assert.equal(s.connectivity.get('p').consecutiveFailures, 1);
    assert.equal(s.cleanups(), 1);
    assert.ok(upstreamClosed, "the provider's stream was returned");
    assert.deepEqual(await s.committed.next(), { done: true, value: undefined });
  });

  it('an answer with no events at all is a clean end', async () => {
    const s = await setup([]);
    assert.equal(await drain(s.committed), '');
    assert.equal(s.connectivity.get('p').state, 'online');
  });
});
