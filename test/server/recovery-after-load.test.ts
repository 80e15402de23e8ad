// After a bounded load of streaming clients against a failing, then stalling, local model
// (refused, 500, cut, a broken line, silent after the first token), no upstream request is left
// open once each answer ended, and the first request after Ollama recovered is served by it.
// Time is a manual clock: the idle timeout and the cool-downs move only when the test says so.
import assert from 'node:assert/strict';
import type { Faults } from '../fakes/fake-server';
import { startHarness, type Harness } from '../harness';
import { ManualClock } from '../manual-clock';
import { raw, type RawResponse } from '../raw-http';

const CLIENTS = 8;
/** Unlike any monitor's interval, so its timers can be told apart in the clock's list. */
const IDLE_MS = 4_321;
const LOCAL = 'ollama:llama3.2:latest';
const FAULTS: Record<string, Faults> = {
  refuses: { refuse: true },
  'answers 500': { status: 500 },
  'cuts the stream': { cutAfterTokens: 2 },
  'sends a broken line': { rawLineAfterFirstToken: '{"message": broken' },
};

const ask = (h: Harness, model: string): Promise<RawResponse> => raw(h.base, { body: { model, stream: true, messages: [{ role: 'user', content: 'count' }] } });

/** An error status, or an error event in the stream: never a clean finish. */
function honestError(r: RawResponse): boolean {
  return r.status >= 400 || (r.text.includes('"error"') && r.text.trimEnd().endsWith('data: [DONE]'));
}

/** Waits (bounded, by polling) for what the sockets settle to; the assertion is on the count, not the time. */
async function until(what: string, ok: () => boolean): Promise<void> {
  for (let i = 0; i < 1_000 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(ok(), what);
}

describe('recovery after a stall under load', function () {
  this.timeout(60_000);
  let h: Harness;
  let clock: ManualClock;

  before(async () => {
    clock = new ManualClock(Date.now());
    // Probes are real HTTP: a timeout on the manual clock would cut one still under way when the test advances it.
    h = await startHarness({ clock, connectivity: { probeTimeoutMs: 3_600_000 }, configure: (c) => ((c.idleTimeoutMs = IDLE_MS), (c.firstTokenTimeoutMs = 60_000)) });
    h.ollama.reply = 'one two three four five six';
  });
  after(() => h.stop());

  it('closes every upstream request when its answer ends, and serves the first request after recovery locally', async () => {
    for (const [name, faults] of Object.entries(FAULTS)) {
      h.ollama.faults = faults;
      const answers = await Promise.all(Array.from({ length: CLIENTS }, () => ask(h, LOCAL)));
      assert.ok(answers.every(honestError), `Ollama ${name}: every client is told`);
      await until(`Ollama ${name}: no request to Ollama left open (${h.ollama.inFlight})`, () => h.ollama.inFlight === 0);
    }

    // Silent after the first token: each answer is committed, then the idle timeout ends it.
    h.ollama.faults = { stallAfterTokens: 1 };
    const stalled = Promise.all(Array.from({ length: CLIENTS }, () => ask(h, LOCAL)));
    await until('every stalled answer waits on its idle timer', () => clock.pending().filter((ms) => ms === IDLE_MS).length === CLIENTS);
    assert.equal(h.ollama.inFlight, CLIENTS);
    await clock.advance(IDLE_MS);
    const answers = await stalled;
    assert.ok(answers.every(honestError), 'every stalled client is told');
    assert.ok(
      answers.every((r) => r.text.includes('idle_timeout')),
      'as an idle timeout',
    );
    await until(`no stalled request to Ollama left open (${h.ollama.inFlight})`, () => h.ollama.inFlight === 0);

    // Ollama is healthy again. One incident's cool-down (4 s: the idle failures came after the
    // first one ran out) and a probe pass later, `auto` goes local again.
    h.ollama.faults = {};
    await clock.advance(10_000);
    await until('a probe reached Ollama again', () => h.oblix.health().providers.find((p) => p.id === 'ollama')!.state !== 'offline');
    const ollama = h.oblix.health().providers.find((p) => p.id === 'ollama')!;
    assert.ok(ollama.cooldownUntil === null || ollama.cooldownUntil <= clock.now(), `the cool-down ran out (until ${ollama.cooldownUntil! - clock.now()} ms from now)`);
    // Probing it every 4 s (the down pace) kept its probe and inventory connections open for good.
    assert.ok(!clock.pending().includes(4_000), `Ollama answers its probes: probed at the healthy pace (${clock.pending().join(', ')})`);
    const first = await ask(h, 'auto');
    assert.equal(first.status, 200);
    assert.deepEqual([first.headers['x-oblix-model'], first.headers['x-oblix-route']], [LOCAL, 'local-preferred']);
    assert.ok(first.text.includes('six') && !first.text.includes('"error"'), 'a whole answer');
    await until(`no request to Ollama left open after it (${h.ollama.inFlight})`, () => h.ollama.inFlight === 0);
    assert.equal(h.oblix.health().providers.find((p) => p.id === 'ollama')!.state, 'online', 'its success clears the streak');
  });
});
