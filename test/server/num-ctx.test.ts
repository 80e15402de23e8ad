// A prompt longer than the local model's default window but within its trained maximum stays
// local: Ollama gets options.num_ctx in a fixed step, and the decision says so.
import assert from 'node:assert/strict';
import { lastBody, startHarness, type Harness } from '../harness';

const prose = (tokens: number): string => 'The quick brown fox jumps over the lazy dog. '.repeat(Math.ceil(tokens / 10));

describe('num_ctx for the local model', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      configure: (c) => (c.localModels = ['ollama:llama3.2:latest', 'ollama:coder:latest']),
      before: ({ ollama }) => ollama.models.push({ name: 'coder:latest', contextLength: 32768, capabilities: ['completion', 'tools'], numCtx: 16384 }),
    });
  });
  after(() => h.stop());

  const ask = async (model: string, tokens: number) => {
    const { data, response } = await h.client.chat.completions.create({ model, messages: [{ role: 'user', content: prose(tokens) }] }).withResponse();
    const options = lastBody(h.ollama, '/api/chat').options as Record<string, unknown>;
    return { model: data.model, route: response.headers.get('x-oblix-route'), numCtx: options.num_ctx, decision: h.oblix.health().lastDecision! };
  };

  it('sends no num_ctx when the prompt fits the default window', async () => {
    const r = await ask('auto', 1_000);
    assert.deepEqual([r.model, r.numCtx, r.decision.notes], ['auto (selected: ollama:llama3.2:latest)', undefined, []]);
    assert.equal(r.decision.candidates[0]!.contextWindow, 4096);
  });

  it('raises num_ctx to the step the prompt needs, and names it in the decision', async () => {
    for (const [tokens, step] of [
      [6_000, 8192],
      [12_000, 16384],
      [25_000, 32768],
    ] as const) {
      const r = await ask('auto', tokens);
      assert.deepEqual([r.model, r.route, r.numCtx], ['auto (selected: ollama:llama3.2:latest)', 'local-preferred', step], `${tokens} tokens`);
      assert.equal(r.decision.candidates[0]!.numCtx, step);
      assert.match(r.decision.notes.join(' '), new RegExp(`num_ctx ${step} for ollama:llama3.2:latest`));
    }
  });

  it("uses the Modelfile's num_ctx as the default window, and raises it for an explicit model too", async () => {
    assert.equal((await ask('ollama:coder:latest', 12_000)).numCtx, undefined);
    const r = await ask('ollama:coder:latest', 20_000);
    assert.deepEqual([r.numCtx, r.decision.candidates[0]!.contextWindow], [32768, 32768]);
  });

  it("a coding agent's habitual max_tokens (64000) keeps a local model, its answer capped at the window's room", async () => {
    const { data, response } = await h.client.chat.completions.create({ model: 'auto', max_tokens: 64_000, messages: [{ role: 'user', content: prose(1_000) }] }).withResponse();
    assert.equal(data.model, 'auto (selected: ollama:llama3.2:latest)');
    assert.equal(response.headers.get('x-oblix-route'), 'local-preferred');
    const options = lastBody(h.ollama, '/api/chat').options as Record<string, unknown>;
    const c = h.oblix.health().lastDecision!.candidates[0]!;
    // 1,000 tokens of prompt plus the 8K reserve fit the 16K step; the answer gets what the window has left.
    assert.equal(options.num_ctx, 16384);
    assert.equal(options.num_predict, c.answerRoom);
    assert.ok(c.answerRoom! > 8192 && c.answerRoom! < 16384 - 1_000, String(c.answerRoom));
  });

  it('an answer limit below the room is kept as the client set it', async () => {
    await h.client.chat.completions.create({ model: 'auto', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] });
    assert.equal((lastBody(h.ollama, '/api/chat').options as Record<string, unknown>).num_predict, 50);
  });

  it("shows each model's default window in /health", () => {
    const facts = h.oblix.health().modelFacts;
    assert.deepEqual(
      facts.map((f) => [f.id, f.contextLength, f.configuredContextLength ?? null, f.defaultWindow]),
      [
        ['ollama:llama3.2:latest', 131072, null, 4096],
        ['ollama:coder:latest', 32768, 16384, 16384],
      ],
    );
  });
});
