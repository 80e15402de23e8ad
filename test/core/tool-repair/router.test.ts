// Tool repair under the router's clock (manual): a call held back while the model writes it may
// take longer than the first-token timeout as long as the model keeps writing, but a model that
// falls silent mid-call is timed out like one that never started.
import assert from 'node:assert/strict';
import { validateChatRequest } from '../../../src/core/dialects/openai-chat/parse';
import type { ChatCall, ProviderEvent } from '../../../src/core/providers/provider';
import { Connectivity, DEFAULT_CONNECTIVITY } from '../../../src/core/routing/connectivity';
import { Router } from '../../../src/core/routing/router';
import { Cancel } from '../../../src/core/support/cancel';
import { CORPUS_TOOLS } from '../../fixtures/tool-text-corpus';
import { ManualClock, settle } from '../../manual-clock';
import { FakeProvider, stop, text } from '../../fakes/fake-provider';

const FIRST_TOKEN_MS = 1_000;
const CALL = ['<tool_call>\n{"name": "get_weather", ', '"arguments": ', '{"city": ', '"Paris"}}', '\n</tool_call>'];

/** A provider that writes each piece `gapMs` after the last, on the manual clock; 'hang' after `hangAfter` pieces. */
class SlowProvider extends FakeProvider {
  constructor(
    id: string,
    private readonly manual: ManualClock,
    private readonly gapMs: number,
    private readonly hangAfter = Infinity,
  ) {
    super(id, true);
  }
  override chat(call: ChatCall): AsyncIterable<ProviderEvent[]> {
    this.calls.push(call);
    return this.write(call);
  }
  private async *write(call: ChatCall): AsyncGenerator<ProviderEvent[]> {
    for (const [i, piece] of CALL.entries()) {
      if (i >= this.hangAfter) await new Promise<never>((_, reject) => call.cancel.addEventListener('abort', () => reject(new Error('cancelled'))));
      if (i > 0) await new Promise<void>((resolve) => this.manual.setTimeout(() => resolve(), this.gapMs));
      yield [text(piece)];
    }
    yield [stop()];
  }
}

function setup(a: FakeProvider, clock: ManualClock) {
  const b = new FakeProvider('b');
  b.script = [[text('from b'), stop()]];
  const providers = [a, b];
  const connectivity = new Connectivity(providers, { ...DEFAULT_CONNECTIVITY, networkCheckMs: 0 }, clock);
  const router = new Router(new Map(providers.map((p) => [p.id, p])), connectivity, { firstTokenMs: FIRST_TOKEN_MS, idleMs: 0 }, clock);
  const request = validateChatRequest({ model: 'auto', messages: [{ role: 'user', content: 'Weather?' }], tools: CORPUS_TOOLS });
  return { router, request, b };
}

describe('tool repair under the router clock', () => {
  it('a call written over more than the first-token timeout, piece by piece, is held and then sent as a tool call', async () => {
    const clock = new ManualClock();
    const { router, request, b } = setup(new SlowProvider('a', clock, 600), clock);
    const routed = router.route(
      request,
      [
        { id: 'a:m', reason: 'local-preferred' },
        { id: 'b:m', reason: 'cloud-fallback' },
      ],
      new Cancel(),
    );
    for (let i = 0; i < CALL.length; i++) {
      await settle();
      await clock.advance(600);
    }
    const r = await routed;
    assert.equal(r.id, 'a:m');
    assert.equal(b.calls.length, 0);
    const events: ProviderEvent[] = [];
    for await (const batch of r.events) events.push(...batch);
    const call = events.find((e) => e.type === 'delta' && e.toolCalls)!;
    assert.ok(call.type === 'delta' && call.toolCalls?.[0]?.function?.name === 'get_weather');
    assert.deepEqual(events.at(-1), { type: 'finish', index: 0, reason: 'tool_calls' });
  });

  it('a model silent for the first-token timeout in the middle of a held call is timed out, and the next model answers', async () => {
    const clock = new ManualClock();
    const { router, request, b } = setup(new SlowProvider('a', clock, 10, 2), clock);
    const routed = router.route(
      request,
      [
        { id: 'a:m', reason: 'local-preferred' },
        { id: 'b:m', reason: 'cloud-fallback' },
      ],
      new Cancel(),
    );
    await settle();
    await clock.advance(10);
    await settle();
    await clock.advance(FIRST_TOKEN_MS);
    const r = await routed;
    assert.equal(r.id, 'b:m');
    assert.equal(b.calls.length, 1);
    assert.match(r.attempts[0]!.error, /no first token within 1000 ms/);
  });
});
