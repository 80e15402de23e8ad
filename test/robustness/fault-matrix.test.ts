// Faults of every upstream kind after the first token, under bounded concurrency: each answer must
// come out whole, or as an honest error (an error status, or an error event before [DONE]) —
// never cut short with a clean finish (silent truncation), never held open forever (a hang).
import assert from 'node:assert/strict';
import type { Faults } from '../fakes/fake-server';
import { startHarness, type Harness } from '../harness';
import { raw, sseData } from '../raw-http';

const REPLY = 'one two three four five six seven eight';
const PROVIDERS = [
  { id: 'ollama:llama3.2:latest', fake: 'ollama' as const },
  { id: 'openai:gpt-4o-mini', fake: 'openai' as const },
  { id: 'anthropic:claude-sonnet-5', fake: 'anthropic' as const },
];
/** Faults after the first token: each of them makes a whole answer impossible. */
const BREAKING: Record<string, Faults> = {
  'ends cleanly after 2 tokens without the closing events': { endAfterTokens: 2 },
  'stalls after 2 tokens': { stallAfterTokens: 2 },
  'cuts the connection after 2 tokens': { cutAfterTokens: 2 },
  'sends an error event after the first token': { errorMidStream: 'the model crashed' },
};
const IDLE_MS = 400;
/** Far above any honest outcome here (the idle timeout is 400 ms): past it, a request hung. */
const HANG_MS = 10_000;
const REPEAT = 2;

type Outcome = 'success' | 'honest-error' | 'silent-truncation' | 'hang';

async function classify(base: string, model: string, stream: boolean): Promise<Outcome> {
  const body = { model, stream, messages: [{ role: 'user', content: 'count' }] };
  const timer = new Promise<'hang'>((resolve) => setTimeout(() => resolve('hang'), HANG_MS).unref());
  const result = raw(base, { body }).then((r): Outcome => {
    if (r.status !== 200) return (r.json as { error?: unknown } | undefined)?.error ? 'honest-error' : 'silent-truncation';
    if (!stream) {
      const c = r.json as { choices: { message: { content: string }; finish_reason: string }[] };
      return c.choices[0]!.message.content === REPLY ? 'success' : 'silent-truncation';
    }
    const data = sseData(r.text);
    if (data[data.length - 1] !== '[DONE]') return 'silent-truncation'; // cut at the socket: the client cannot tell
    const events = data.slice(0, -1).map((d) => JSON.parse(d) as { error?: unknown; choices?: { delta: { content?: string }; finish_reason: string | null }[] });
    if (events.some((e) => e.error)) return events.some((e) => e.choices?.some((c) => c.finish_reason)) ? 'silent-truncation' : 'honest-error';
    const text = events.map((e) => e.choices?.[0]?.delta.content ?? '').join('');
    return text === REPLY && events.some((e) => e.choices?.[0]?.finish_reason) ? 'success' : 'silent-truncation';
  });
  return Promise.race([result, timer]);
}

describe('robustness: the fault matrix', function () {
  this.timeout(60_000);
  let h: Harness;
  before(async () => {
    h = await startHarness({ configure: (c) => (c.idleTimeoutMs = IDLE_MS) });
    for (const p of PROVIDERS) h[p.fake].reply = REPLY;
  });
  after(() => h.stop());

  /** Every provider × stream/non-stream × REPEAT, all at once, under the given faults. */
  async function run(faults: Faults): Promise<Record<Outcome, number>> {
    for (const p of PROVIDERS) h[p.fake].faults = faults;
    const jobs = PROVIDERS.flatMap((p) => [true, false].flatMap((stream) => Array.from({ length: REPEAT }, () => classify(h.base, p.id, stream))));
    const counts: Record<Outcome, number> = { success: 0, 'honest-error': 0, 'silent-truncation': 0, hang: 0 };
    for (const o of await Promise.all(jobs)) counts[o]++;
    return counts;
  }

  it('no fault: every answer is whole', async () => {
    const c = await run({});
    assert.deepEqual(c, { success: PROVIDERS.length * 2 * REPEAT, 'honest-error': 0, 'silent-truncation': 0, hang: 0 });
  });

  for (const [name, faults] of Object.entries(BREAKING)) {
    it(`an upstream that ${name}: honest errors only, no silent truncation, no hang`, async () => {
      const c = await run(faults);
      assert.deepEqual(c, { success: 0, 'honest-error': PROVIDERS.length * 2 * REPEAT, 'silent-truncation': 0, hang: 0 }, JSON.stringify(c));
    });
  }

  it("a line that is not JSON in Ollama's stream fails the answer instead of being skipped", async () => {
    h.ollama.faults = { rawLineAfterFirstToken: '{"model": "llama3.2", "message": {"content": " lost' };
    const outcomes = await Promise.all([classify(h.base, PROVIDERS[0]!.id, true), classify(h.base, PROVIDERS[0]!.id, false)]);
    assert.deepEqual(outcomes, ['honest-error', 'honest-error']);
  });

  it('the stalled upstream connections were released (the fake saw its clients leave)', async () => {
    for (const p of PROVIDERS) h[p.fake].reset();
    h.openai.faults = { stallAfterTokens: 1 };
    h.openai.reply = REPLY;
    assert.equal(await classify(h.base, PROVIDERS[1]!.id, true), 'honest-error');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(h.openai.aborted, 1, 'the upstream request was closed by Oblix');
  });
});
