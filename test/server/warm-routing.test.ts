// Warm-aware routing and pre-warming through `oblix serve`'s server with real clients (`openai`,
// `ollama`), against a fake Ollama that models load time: a cold model waits its load time (small
// real delays here) and reports it as load_duration; models unload after keep_alive on a clock the
// test steps. Nothing here asserts on time taken: only on which model served, why, and what loaded.
import assert from 'node:assert/strict';
import { Ollama } from 'ollama';
import type { Harness, HarnessOptions } from '../harness';
import { CODER, startDialectHarness } from '../dialects/ollama-fixture';

const LLAMA = 'ollama:llama3.2:latest';
const GB = 1024 ** 3;

describe('warm-aware routing (oblix serve, real clients)', function () {
  this.timeout(30_000);
  let h: Harness;
  afterEach(() => h?.stop());

  const start = (opts: HarnessOptions & { coderGb: number; llamaLoaded?: boolean }): Promise<Harness> =>
    startDialectHarness({
      ...opts,
      before: (f) => {
        const [llama, coder] = f.ollama.models;
        llama!.loaded = opts.llamaLoaded ?? true;
        coder!.sizeBytes = opts.coderGb * GB;
        f.openai.completionModels.push('gpt-4o-mini');
        opts.before?.(f);
      },
      configure: (c) => {
        c.prefer = 'balanced';
        opts.configure?.(c);
      },
    });

  it('autocomplete skips a cold model too slow to load for its budget when a warm one can serve: cold-model, with the estimate', async () => {
    // 8 GB at the default rate (1.3 s/GB) is about 10 s, over the 5 s completion first-token budget.
    h = await start({ coderGb: 8, configure: (c) => (c.roles = { completion: [`ollama:${CODER}`, 'openai:gpt-4o-mini'] }) });
    const r = await h.client.completions.create({ model: 'auto', prompt: 'def add(a, b):\n', suffix: '\n', max_tokens: 8 }).withResponse();
    assert.equal(r.response.headers.get('x-oblix-model'), 'openai:gpt-4o-mini');
    assert.equal(r.response.headers.get('x-oblix-route'), 'cold-model');
    const d = h.oblix.health().lastDecision!;
    const skipped = d.passedOver.find((p) => p.code === 'cold-model');
    assert.equal(skipped?.id, `ollama:${CODER}`);
    assert.match(skipped.detail, /not loaded: loading takes about 10 s, over the autocomplete first-token budget of 5 s/);
    assert.ok(
      d.notes.some((n) => n.startsWith('cold-model: ') && n.includes('about 10 s')),
      d.notes.join(' | '),
    );
    assert.deepEqual(h.ollama.loads, [], 'the cold model was never asked to load');
  });

  it('a cold model that loads within the budget still serves autocomplete', async () => {
    h = await start({ coderGb: 1, configure: (c) => (c.roles = { completion: [`ollama:${CODER}`, 'openai:gpt-4o-mini'] }) });
    const r = await h.client.completions.create({ model: 'auto', prompt: 'def add(a, b):\n', suffix: '\n', max_tokens: 8 }).withResponse();
    assert.equal(r.response.headers.get('x-oblix-model'), `ollama:${CODER}`);
    assert.equal(r.response.headers.get('x-oblix-route'), 'autocomplete-small');
  });

  it('with no warm model to go to, autocomplete waits for the cold one rather than failing', async () => {
    h = await start({ coderGb: 8, configure: (c) => (c.roles = { completion: [`ollama:${CODER}`] }) });
    const r = await h.client.completions.create({ model: 'auto', prompt: 'def add(a, b):\n', suffix: '\n', max_tokens: 8 }).withResponse();
    assert.equal(r.response.headers.get('x-oblix-model'), `ollama:${CODER}`);
    assert.deepEqual(h.ollama.loads, [CODER]);
  });

  it('a chat is not latency-bound: a cold model goes on serving it, loaded models of the same standing first', async () => {
    h = await start({ coderGb: 8, llamaLoaded: false, configure: (c) => (c.localModels = [LLAMA, `ollama:${CODER}`]), before: (f) => (f.ollama.models[1]!.loaded = true) });
    const r = await h.client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'What is the capital of France?' }] }).withResponse();
    // llama3.2 is listed first but cold; the coder is loaded: it goes first among the small local models.
    assert.equal(r.response.headers.get('x-oblix-model'), `ollama:${CODER}`);
    assert.equal(r.response.headers.get('x-oblix-route'), 'chat-easy-small');
    assert.deepEqual(
      h.oblix
        .health()
        .lastDecision!.candidates.map((c) => c.id)
        .slice(0, 2),
      [`ollama:${CODER}`, LLAMA],
    );
  });

  it("learns this machine's load rate from load_duration, and knows a model is loaded once it answered", async () => {
    h = await start({ coderGb: 2, llamaLoaded: false, before: (f) => ((f.ollama.models[0]!.sizeBytes = 1 * GB), (f.ollama.models[0]!.loadMs = 200)) });
    assert.equal(h.oblix.loadEstimate(`ollama:${CODER}`), 2 * 1300, 'before any load: the default rate');
    await new Ollama({ host: h.base }).chat({ model: LLAMA, messages: [{ role: 'user', content: 'Hi' }] });
    // The fake reported load_duration 200 ms for 1 GB: 200 ms per GB, so the 2 GB coder is about 400 ms.
    assert.equal(h.oblix.loadEstimate(`ollama:${CODER}`), 400);
    assert.equal(h.oblix.loadEstimate(LLAMA), null, 'loaded now');
    assert.equal(h.oblix.fact(LLAMA)?.loaded, true);
  });
});

describe('keep_alive and pre-warming (oblix serve, real clients)', function () {
  this.timeout(30_000);
  let h: Harness;
  afterEach(() => h?.stop());

  it('sends keepAlive as keep_alive on chat, completions and Ollama passthrough; a client that sets its own keeps it', async () => {
    h = await startDialectHarness({ configure: (c) => (c.keepAlive = '30m') });
    await h.client.chat.completions.create({ model: LLAMA, messages: [{ role: 'user', content: 'Hi' }] });
    await h.client.completions.create({ model: `ollama:${CODER}`, prompt: 'def f():', max_tokens: 4 });
    const ollama = new Ollama({ host: h.base });
    await ollama.chat({ model: LLAMA, messages: [{ role: 'user', content: 'Hi' }] });
    await ollama.chat({ model: LLAMA, messages: [{ role: 'user', content: 'Hi' }], keep_alive: '5s' });
    assert.deepEqual(h.ollama.keepAlives, ['30m', '30m', '30m', '5s']);
  });

  it("sends no keep_alive unless configured (Ollama's own default)", async () => {
    h = await startDialectHarness();
    await h.client.chat.completions.create({ model: LLAMA, messages: [{ role: 'user', content: 'Hi' }] });
    assert.deepEqual(h.ollama.keepAlives, [undefined]);
  });

  it('pre-warms the model auto would pick for chat and the autocomplete model, with an empty /api/generate and keep_alive', async () => {
    h = await startDialectHarness({
      before: (f) => (f.ollama.models[0]!.loadMs = 20),
      configure: (c) => ((c.prefer = 'balanced'), (c.keepAlive = -1), (c.roles = { completion: [`ollama:${CODER}`] })),
    });
    const outcomes = await h.oblix.prewarm();
    assert.deepEqual(
      outcomes.map((o) => [o.id, o.role, o.result]),
      [
        [LLAMA, 'chat', 'loaded'],
        [`ollama:${CODER}`, 'autocomplete', 'loaded'],
      ],
    );
    assert.deepEqual(h.ollama.loads, ['llama3.2:latest', CODER]);
    const warmups = h.ollama.requests.filter((r) => r.path === '/api/generate').map((r) => r.body as Record<string, unknown>);
    assert.deepEqual(
      warmups.map((b) => [b.model, b.prompt, b.keep_alive]),
      [
        ['llama3.2:latest', '', -1],
        [CODER, '', -1],
      ],
    );
    assert.equal(h.oblix.fact(LLAMA)?.loaded, true);
    // Again: both are loaded, nothing is sent.
    assert.deepEqual(
      (await h.oblix.prewarm()).map((o) => o.result === 'skipped' && o.why),
      ['already loaded', 'already loaded'],
    );
  });

  it('a model that unloaded after idle (keep_alive passed on the fake clock) is cold again at the next inventory', async () => {
    let now = 1_000_000;
    h = await startDialectHarness({ before: (f) => (f.ollama.loading.now = () => now) });
    await h.client.chat.completions.create({ model: LLAMA, messages: [{ role: 'user', content: 'Hi' }] });
    await h.oblix.refreshModels('ollama');
    assert.equal(h.oblix.fact(LLAMA)?.loaded, true);
    now += 5 * 60_000;
    await h.oblix.refreshModels('ollama');
    assert.equal(h.oblix.fact(LLAMA)?.loaded, false);
  });
});
