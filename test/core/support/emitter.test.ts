// The core's events: several listeners, each removed by its own dispose, on the facade and on the
// connectivity monitor (they were single assignable fields, so a second subscriber silently replaced the first).
import assert from 'node:assert/strict';
import { Emitter } from '../../../src/core/support/emitter';
import type { Decision } from '../../../src/core/decision';
import { validateChatRequest } from '../../../src/core/dialects/openai-chat/parse';
import { startHarness } from '../../harness';

describe('Emitter', () => {
  it('calls every listener in order, the same function once per subscription, and stops calling a disposed one', () => {
    const e = new Emitter<number>();
    const seen: string[] = [];
    const a = (n: number): void => void seen.push(`a${n}`);
    const first = e.event(a);
    e.event((n) => seen.push(`b${n}`));
    e.event(a);
    e.fire(1);
    first.dispose();
    first.dispose(); // twice is harmless and removes nothing else
    e.fire(2);
    e.dispose();
    e.fire(3);
    assert.deepEqual(seen, ['a1', 'b1', 'a1', 'b2', 'a2']);
  });
});

describe('the core events', () => {
  it('tell every decision to each of several listeners until one unsubscribes', async () => {
    const h = await startHarness();
    try {
      const one: Decision[] = [];
      const two: Decision[] = [];
      const sub = h.oblix.onDecision((d) => one.push(d));
      h.oblix.onDecision((d) => two.push(d));
      const ask = async (): Promise<void> => {
        const routed = await h.oblix.chat(validateChatRequest({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] }), new AbortController().signal);
        for await (const _ of routed.events) void _;
      };
      await ask();
      sub.dispose();
      await ask();
      assert.equal(one.length, 1);
      assert.equal(two.length, 2);
      assert.equal(one[0]!.selected, 'ollama:llama3.2:latest');
    } finally {
      await h.stop();
    }
  });

  it('tell a provider going down to each change listener', async () => {
    const h = await startHarness({ connectivity: { downIntervalMs: 50, healthyIntervalMs: 50 } });
    try {
      let a = 0;
      let b = 0;
      h.oblix.onChange(() => a++);
      h.oblix.onChange(() => b++);
      await h.openai.stop();
      while (h.oblix.health().providers.find((p) => p.id === 'openai')!.state !== 'offline') await new Promise((r) => setTimeout(r, 20));
      assert.ok(a > 0 && a === b, `${a} and ${b}`);
    } finally {
      await h.stop();
    }
  });
});
