// Faults of every upstream kind after the first token, in every dialect (Anthropic's through the
// same-dialect passthrough on /v1/messages), under bounded concurrency: each answer must
// come out whole, or as an honest error (an error status, or an error event before [DONE]) —
// never cut short with a clean finish (silent truncation), never held open forever (a hang).
import assert from 'node:assert/strict';
import type { Faults } from '../fakes/fake-server';
import { startHarness, type Harness, HARNESS_MODELS } from '../harness';
import { raw, sseData } from '../raw-http';

const REPLY = 'one two three four five six seven eight';
const PROVIDERS = HARNESS_MODELS;
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
const ALL = 3 * 3 * 2 * REPEAT; // dialects × providers × stream/non-stream × REPEAT

type Outcome = 'success' | 'honest-error' | 'silent-truncation' | 'hang';
type Json = Record<string, unknown>;

/** How one dialect asks, and how to read its answer: the text, whether it says it finished, whether it told an error. */
interface Dialect {
  path: string;
  body(model: string, stream: boolean): Json;
  /** Non-stream: the answer's text (an error status is read before this). */
  text(json: Json): string;
  /** Stream: the events' text, whether a clean finish was announced, whether an error was told. */
  read(events: Json[]): { text: string; finished: boolean; error: boolean };
  /** Whether the stream's own end marker is there (chat's [DONE]); dialects without one pass. */
  ended(data: string[]): boolean;
}

const ASK = [{ role: 'user', content: 'count' }];
const DIALECTS: Record<string, Dialect> = {
  'chat completions': {
    path: '/v1/chat/completions',
    body: (model, stream) => ({ model, stream, messages: ASK }),
    text: (j) => (j.choices as { message: { content: string } }[])[0]!.message.content,
    read: (events) => ({
      text: events.map((e) => (e.choices as { delta: { content?: string } }[] | undefined)?.[0]?.delta.content ?? '').join(''),
      finished: events.some((e) => (e.choices as { finish_reason: string | null }[] | undefined)?.some((c) => c.finish_reason)),
      error: events.some((e) => e.error),
    }),
    ended: (data) => data[data.length - 1] === '[DONE]',
  },
  'anthropic messages': {
    path: '/v1/messages',
    body: (model, stream) => ({ model, stream, max_tokens: 256, messages: ASK }),
    text: (j) => (j.content as { text?: string }[]).map((c) => c.text ?? '').join(''),
    read: (events) => ({
      text: events.map((e) => ((e.delta as { type?: string; text?: string } | undefined)?.type === 'text_delta' ? (e.delta as { text: string }).text : '')).join(''),
      finished: events.some((e) => e.type === 'message_stop'),
      error: events.some((e) => e.type === 'error'),
    }),
    ended: () => true,
  },
  'openai responses': {
    path: '/v1/responses',
    body: (model, stream) => ({ model, stream, input: 'count' }),
    text: (j) =>
      (j.output as { content?: { text?: string }[] }[])
        .flatMap((o) => o.content ?? [])
        .map((c) => c.text ?? '')
        .join(''),
    read: (events) => ({
      text: events.map((e) => (e.type === 'response.output_text.delta' ? String(e.delta) : '')).join(''),
      finished: events.some((e) => e.type === 'response.completed'),
      error: events.some((e) => e.type === 'response.failed' || e.type === 'error'),
    }),
    ended: () => true,
  },
};

async function classify(base: string, model: string, stream: boolean, d: Dialect = DIALECTS['chat completions']!): Promise<Outcome> {
  const timer = new Promise<'hang'>((resolve) => setTimeout(() => resolve('hang'), HANG_MS).unref());
  const result = raw(base, { path: d.path, body: d.body(model, stream) }).then((r): Outcome => {
    if (r.status !== 200) return (r.json as { error?: unknown } | undefined)?.error ? 'honest-error' : 'silent-truncation';
    if (!stream) return d.text(r.json as Json) === REPLY ? 'success' : 'silent-truncation';
    const data = sseData(r.text);
    if (!d.ended(data)) return 'silent-truncation'; // cut at the socket: the client cannot tell
    const { text, finished, error } = d.read(data.filter((x) => x !== '[DONE]').map((x) => JSON.parse(x) as Json));
    if (error) return finished ? 'silent-truncation' : 'honest-error';
    return finished && text === REPLY ? 'success' : 'silent-truncation';
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

  /** Every dialect × provider × stream/non-stream × REPEAT, all at once, under the given faults. */
  async function run(faults: Faults): Promise<Record<Outcome, number>> {
    for (const p of PROVIDERS) h[p.fake].faults = faults;
    const jobs = Object.values(DIALECTS).flatMap((d) =>
      PROVIDERS.flatMap((p) => [true, false].flatMap((stream) => Array.from({ length: REPEAT }, () => classify(h.base, p.id, stream, d)))),
    );
    const counts: Record<Outcome, number> = { success: 0, 'honest-error': 0, 'silent-truncation': 0, hang: 0 };
    for (const o of await Promise.all(jobs)) counts[o]++;
    return counts;
  }

  it('no fault: every answer is whole', async () => {
    const c = await run({});
    assert.deepEqual(c, { success: ALL, 'honest-error': 0, 'silent-truncation': 0, hang: 0 });
  });

  for (const [name, faults] of Object.entries(BREAKING)) {
    it(`an upstream that ${name}: honest errors only, no silent truncation, no hang`, async () => {
      const c = await run(faults);
      assert.deepEqual(c, { success: 0, 'honest-error': ALL, 'silent-truncation': 0, hang: 0 }, JSON.stringify(c));
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
