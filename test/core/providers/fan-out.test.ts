// fanOut: n generations merged into one stream, each on its own choice index, usage summed with the prompt once.
import assert from 'node:assert/strict';
import { fanOut } from '../../../src/core/providers/fan-out';
import type { ProviderEvent } from '../../../src/core/providers/provider';

async function* generation(text: string, usage: { prompt: number; completion: number } | null): AsyncGenerator<ProviderEvent[]> {
  yield [{ type: 'delta', index: 0, content: text }];
  const tail: ProviderEvent[] = [{ type: 'finish', index: 0, reason: 'stop' }];
  if (usage) tail.push({ type: 'usage', usage: { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion } });
  yield tail;
}

async function collect(stream: AsyncIterable<ProviderEvent[]>): Promise<ProviderEvent[]> {
  const out: ProviderEvent[] = [];
  for await (const batch of stream) {
    assert.ok(batch.length > 0, 'no empty batch');
    out.push(...batch);
  }
  return out;
}

describe('fanOut (n > 1 on upstreams without native n)', () => {
  it('n = 1 hands the one stream over unchanged, index 0', async () => {
    const events = await collect(fanOut(1, () => generation('a', { prompt: 5, completion: 2 })));
    assert.deepEqual(events, [
      { type: 'delta', index: 0, content: 'a' },
      { type: 'finish', index: 0, reason: 'stop' },
      { type: 'usage', usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } },
    ]);
  });

  it('n = 3: each generation on its own index, one usage at the end with the prompt once and the completions summed', async () => {
    const events = await collect(fanOut(3, (i) => generation(`g${i}`, { prompt: 5, completion: i + 1 })));
    const deltas = events
      .filter((e) => e.type === 'delta')
      .map((e) => (e.type === 'delta' ? `${e.index}:${e.content ?? ''}` : ''))
      .sort();
    assert.deepEqual(deltas, ['0:g0', '1:g1', '2:g2']);
    assert.deepEqual(
      events
        .filter((e) => e.type === 'finish')
        .map((e) => e.type === 'finish' && e.index)
        .sort(),
      [0, 1, 2],
    );
    const usages = events.filter((e) => e.type === 'usage');
    assert.deepEqual(usages, [{ type: 'usage', usage: { prompt_tokens: 5, completion_tokens: 6, total_tokens: 11 } }]);
    assert.equal(events[events.length - 1]!.type, 'usage', 'usage comes last');
  });

  it('no generation reports usage: no usage event is invented', async () => {
    const events = await collect(fanOut(2, (i) => generation(`g${i}`, null)));
    assert.equal(events.filter((e) => e.type === 'usage').length, 0);
  });

  it('a consumer that stops early closes every generation', async () => {
    const closed: number[] = [];
    async function* endless(i: number): AsyncGenerator<ProviderEvent[]> {
      try {
        for (;;) yield [{ type: 'delta', index: 0, content: 'x' }];
      } finally {
        closed.push(i);
      }
    }
    for await (const batch of fanOut(2, endless)) {
      assert.equal(batch.length, 1);
      break;
    }
    assert.deepEqual(closed.sort(), [0, 1]);
  });
});
