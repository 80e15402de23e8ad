// `n > 1` on an upstream without native `n`: run n generations at once, give each its own choice
// index, and add their usage up into the one usage event a response carries.
import type { ProviderEvent } from './provider';
import type { Usage } from '../request';

export function fanOut(n: number, one: (index: number) => AsyncIterable<ProviderEvent[]>): AsyncIterable<ProviderEvent[]> {
  // n = 1 is nearly every request: hand the one stream over as it is, with no generator layer per batch.
  return n === 1 ? one(0) : merge(n, one);
}

async function* merge(n: number, one: (index: number) => AsyncIterable<ProviderEvent[]>): AsyncGenerator<ProviderEvent[]> {
  const iterators = Array.from({ length: n }, (_, i) => one(i)[Symbol.asyncIterator]());
  const pending = new Map<number, Promise<{ i: number; r: IteratorResult<ProviderEvent[]> }>>();
  const pull = (i: number): void => {
    pending.set(
      i,
      iterators[i]!.next().then((r) => ({ i, r })),
    );
  };
  iterators.forEach((_, i) => pull(i));
  const total: Usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  let sawUsage = false;
  try {
    while (pending.size > 0) {
      const { i, r } = await Promise.race(pending.values());
      if (r.done) {
        pending.delete(i);
        continue;
      }
      pull(i);
      const batch: ProviderEvent[] = [];
      for (const ev of r.value) {
        if (ev.type === 'usage') {
          sawUsage = true;
          // The prompt is the same for every generation; OpenAI counts it once.
          total.prompt_tokens = ev.usage.prompt_tokens;
          total.completion_tokens += ev.usage.completion_tokens;
          total.total_tokens = total.prompt_tokens + total.completion_tokens;
        } else {
          batch.push({ ...ev, index: i });
        }
      }
      if (batch.length) yield batch;
    }
    if (sawUsage) yield [{ type: 'usage', usage: total }];
  } finally {
    await Promise.allSettled(iterators.map((it) => it.return?.()));
  }
}
