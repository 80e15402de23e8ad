// Translation matrix, embeddings: the `openai` SDK's /v1/embeddings and the `ollama` client's
// /api/embed × every upstream kind that embeds (Ollama, OpenAI-kind; Anthropic has no embeddings).
import assert from 'node:assert/strict';
import { Ollama } from 'ollama';
import { fakeVector } from '../../fakes/fake-ollama';
import { fakeOpenAIVector } from '../../fakes/fake-openai';
import type { Harness } from '../../harness';
import { EMBEDDERS, resetMatrix, startMatrixHarness } from './fixture';

const INPUT = ['alpha', 'beta'];

/** The vector each fake gives a text: the client must get exactly these, in input order. */
function expected(kind: 'ollama' | 'openai', model: string, text: string, dims: number): number[] {
  return kind === 'ollama' ? fakeVector(`${model}|${text}`, dims) : fakeOpenAIVector(model, text, dims);
}

describe('translation matrix: embeddings', () => {
  let h: Harness;
  before(async () => (h = await startMatrixHarness()));
  after(() => h.stop());

  it('→ anthropic (no embeddings API): a 400 in each dialect’s shape, before Anthropic is asked', async () => {
    resetMatrix(h, false);
    await assert.rejects(
      h.client.embeddings.create({ model: 'anthropic:claude-sonnet-5', input: 'x' }),
      (e: { status?: number; param?: string }) => e.status === 400 && e.param === 'model',
    );
    await assert.rejects(
      new Ollama({ host: h.base }).embed({ model: 'anthropic:claude-sonnet-5', input: 'x' }),
      (e: Error & { status_code?: number }) => e.status_code === 400 && /cannot embed/.test(e.message),
    );
    assert.equal(h.anthropic.requests.filter((r) => r.method === 'POST').length, 0);
  });

  for (const e of EMBEDDERS) {
    const received = (): Record<string, unknown>[] => h[e.kind].requests.filter((r) => r.path === e.path).map((r) => r.body as Record<string, unknown>);

    it(`/v1/embeddings, two inputs with dimensions → ${e.kind}`, async () => {
      resetMatrix(h, false);
      const r = await h.client.embeddings.create({ model: e.id, input: INPUT, dimensions: 2, encoding_format: 'float' });
      const [sent, ...more] = received();
      assert.equal(more.length, 0);
      assert.equal(sent!.model, e.upstreamModel);
      assert.deepEqual(sent!.input, INPUT);
      assert.equal(sent!.dimensions, 2);
      assert.equal(r.model, e.id);
      assert.deepEqual(
        r.data.map((d) => [d.object, d.index, d.embedding]),
        INPUT.map((t, i) => ['embedding', i, expected(e.kind, e.upstreamModel, t, 2)]),
      );
      assert.ok(r.usage.prompt_tokens > 0);
      assert.equal(r.usage.total_tokens, r.usage.prompt_tokens);
    });

    it(`/v1/embeddings in base64 (the SDK's default) → ${e.kind}`, async () => {
      resetMatrix(h, false);
      const r = await h.client.embeddings.create({ model: e.id, input: 'alpha' });
      // The SDK decodes base64 into float32s: the floats after a float32 round trip.
      assert.deepEqual(r.data[0]!.embedding, Array.from(new Float32Array(expected(e.kind, e.upstreamModel, 'alpha', e.kind === 'ollama' ? 4 : 3))));
    });

    it(`/api/embed, two inputs → ${e.kind}`, async () => {
      resetMatrix(h, false);
      const client = new Ollama({ host: h.base });
      const model = e.kind === 'ollama' ? e.upstreamModel : e.id;
      const r = await client.embed({ model, input: INPUT });
      const [sent, ...more] = received();
      assert.equal(more.length, 0);
      assert.equal(sent!.model, e.upstreamModel);
      assert.deepEqual(sent!.input, INPUT);
      assert.equal(r.model, e.id);
      const dims = e.kind === 'ollama' ? 4 : 3;
      assert.deepEqual(
        r.embeddings,
        INPUT.map((t) => expected(e.kind, e.upstreamModel, t, dims)),
      );
      assert.ok(r.prompt_eval_count > 0);
    });

    it(`/api/embeddings (the older endpoint, one prompt) → ${e.kind}`, async () => {
      resetMatrix(h, false);
      const model = e.kind === 'ollama' ? e.upstreamModel : e.id;
      const r = await new Ollama({ host: h.base }).embeddings({ model, prompt: 'alpha' });
      const sent = received();
      assert.equal(sent.length, 1);
      assert.equal(sent[0]!.model, e.upstreamModel);
      assert.deepEqual(sent[0]!.input, ['alpha']);
      assert.deepEqual(r.embedding, expected(e.kind, e.upstreamModel, 'alpha', e.kind === 'ollama' ? 4 : 3));
    });
  }
});
