// Pulling a model through Ollama's /api/pull stream (against the fake Ollama), and which model fits.
import assert from 'node:assert/strict';
import { MODEL_CHOICES, recommendedModel } from '../../src/extension/pull/model-choice';
import { pullModel, PullError, type PullProgress } from '../../src/extension/pull/ollama-pull';
import { FakeOllama } from '../fakes/fake-ollama';

describe('pull a model', () => {
  const ollama = new FakeOllama();
  before(() => ollama.start());
  after(() => ollama.stop());
  afterEach(() => {
    ollama.pull = { steps: 5, delayMs: 0, layerBytes: 1_000_000_000 };
    ollama.faults = {};
  });

  it('reports the stream progress up to success, and the model is installed', async () => {
    const seen: PullProgress[] = [];
    for await (const p of pullModel(ollama.url, 'qwen2.5-coder:1.5b', new AbortController().signal)) seen.push(p);
    assert.equal(seen[0]?.status, 'pulling manifest');
    const sized = seen.filter((p) => p.total !== undefined);
    assert.equal(sized.length >= 5, true);
    assert.deepEqual(
      sized.slice(0, 5).map((p) => p.completed),
      [200_000_000, 400_000_000, 600_000_000, 800_000_000, 1_000_000_000],
    );
    assert.equal(seen.at(-1)?.status, 'success');
    assert.ok(ollama.models.some((m) => m.name === 'qwen2.5-coder:1.5b'));
  });

  it('stops when cancelled, and the pull does not complete', async () => {
    ollama.pull = { steps: 50, delayMs: 50, layerBytes: 1_000 };
    const abort = new AbortController();
    let count = 0;
    await assert.rejects(async () => {
      for await (const _ of pullModel(ollama.url, 'llama3.2:3b', abort.signal)) if (++count === 3) abort.abort();
    });
    assert.equal(ollama.pulled.includes('llama3.2:3b'), false);
  });

  it('tells an unreachable Ollama, and an error status with its message', async () => {
    await assert.rejects(
      () => pullModel('http://127.0.0.1:9', 'x', new AbortController().signal).next(),
      (e: unknown) => e instanceof PullError && /could not be reached/.test(e.message),
    );
    ollama.faults = { status: 500 };
    await assert.rejects(
      () => pullModel(ollama.url, 'y', new AbortController().signal).next(),
      (e: unknown) => e instanceof PullError && /refused the pull \(500\)/.test(e.message),
    );
  });

  it('recommends the largest model that fits the free memory, the smallest when none does', () => {
    const GB = 1024 ** 3;
    assert.equal(recommendedModel(0.5 * GB).name, MODEL_CHOICES[0]?.name);
    assert.equal(recommendedModel(4 * GB).name, 'llama3.2:3b');
    assert.equal(recommendedModel(8 * GB).name, 'qwen2.5-coder:7b');
    assert.equal(recommendedModel(64 * GB).name, 'qwen2.5-coder:14b');
  });
});
