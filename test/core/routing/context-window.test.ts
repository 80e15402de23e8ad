// The window a local model runs with, and num_ctx in steps when a prompt needs more.
import assert from 'node:assert/strict';
import { fitContext, type FitInput } from '../../../src/core/routing/context-window';
import type { ModelFact } from '../../../src/core/routing/model-facts';

const GB = 1024 ** 3;
const fact = (f: Partial<ModelFact> = {}): ModelFact => ({
  id: 'ollama:qwen',
  providerId: 'ollama',
  model: 'qwen',
  digest: 'd',
  sizeBytes: 4 * GB,
  loaded: false,
  loadedContextLength: null,
  contextLength: 131072,
  capabilities: ['completion'],
  ...f,
});
const fit = (need: number, f: Partial<ModelFact> = {}, more: Partial<FitInput> = {}) =>
  fitContext({ fact: fact(f), need, runtimeDefault: 4096, memAvailableBytes: 64 * GB, memoryHeadroom: 1.2, ...more });

describe('context window', () => {
  it('uses the default window, not the trained maximum, and sends no num_ctx when the prompt fits it', () => {
    assert.deepEqual(fit(4000), { window: 4096 });
  });

  it('raises num_ctx in fixed steps when the prompt needs more', () => {
    for (const [need, step] of [
      [4097, 8192],
      [8192, 8192],
      [9000, 16384],
      [20_000, 32768],
      [40_000, 65536],
      [100_000, 131072],
    ] as const) {
      const r = fit(need);
      assert.deepEqual([r.window, r.numCtx, r.problem], [step, step, undefined], `need ${need}`);
      assert.match(r.note ?? '', new RegExp(`num_ctx ${step} for ollama:qwen`));
    }
  });

  it('never asks for more than the trained maximum, and passes over a prompt beyond it', () => {
    assert.deepEqual([fit(20_000, { contextLength: 24_576 }).numCtx], [24_576]);
    const r = fit(30_000, { contextLength: 24_576 });
    assert.deepEqual([r.problem?.hard, r.problem?.code], [true, 'context-too-long']);
  });

  it("takes the Modelfile's num_ctx and the runtime default (OLLAMA_CONTEXT_LENGTH) as the default window", () => {
    assert.deepEqual(fit(6000, { configuredContextLength: 8192 }), { window: 8192 });
    assert.deepEqual(fit(6000, {}, { runtimeDefault: 16384 }), { window: 16384 });
    assert.deepEqual(fit(6000, { contextLength: 2048 }, { runtimeDefault: 16384 }).problem?.code, 'context-too-long');
  });

  it('keeps a model loaded with a larger window on that window, even for a short prompt, so it is not reloaded', () => {
    assert.equal(fit(100, { loaded: true, loadedContextLength: 32768 }).numCtx, 32768);
    assert.equal(fit(40_000, { loaded: true, loadedContextLength: 32768 }).numCtx, 65536);
  });

  it('says low-memory (soft) when the KV cache of the larger window would not fit in free memory', () => {
    // 128 KiB per token (a 7-8B model in f16): 32768 tokens = 4 GiB, plus the 4 GiB model, × 1.2.
    const r = fit(20_000, { kvBytesPerToken: 128 * 1024 }, { memAvailableBytes: 8 * GB });
    assert.deepEqual([r.numCtx, r.problem?.hard, r.problem?.code], [32768, false, 'low-memory']);
    assert.equal(fit(20_000, { kvBytesPerToken: 128 * 1024 }, { memAvailableBytes: 16 * GB }).problem, undefined);
  });
  it('a model loaded with a larger window keeps it for a prompt up to exactly that window, and not past it', () => {
    const loaded = { loaded: true, loadedContextLength: 16384 };
    assert.deepEqual([fit(100, loaded).window, fit(100, loaded).numCtx], [16384, 16384]);
    assert.deepEqual([fit(16384, loaded).window, fit(16384, loaded).numCtx], [16384, 16384]);
    assert.match(fit(16384, loaded).note ?? '', /num_ctx 16384 for ollama:qwen: the window it is loaded with/);
    assert.deepEqual([fit(16385, loaded).window, fit(16385, loaded).numCtx], [32768, 32768]);
  });

  it('a model loaded with just the default window (or unloaded with a stale length) sends no num_ctx for a short prompt', () => {
    assert.deepEqual(fit(100, { loaded: true, loadedContextLength: 4096 }), { window: 4096 });
    assert.deepEqual(fit(100, { loaded: false, loadedContextLength: 16384 }), { window: 4096 });
  });

  it('the default window is the Modelfile num_ctx or the runtime default, capped at the trained maximum', () => {
    assert.deepEqual(fit(100, { contextLength: 2048 }), { window: 2048 });
    assert.deepEqual(fit(100, { contextLength: null }), { window: 4096 });
    assert.deepEqual(fit(100, { configuredContextLength: 8192 }), { window: 8192 });
  });

  it('a raised window needs memory for the KV cache and the model: exactly enough is enough; headroom 0 turns it off', () => {
    // 8192-token window: (1000 B x 8192 + 4 GB) x 1.0
    const needBytes = 1000 * 8192 + 4 * GB;
    const at = (memAvailableBytes: number, memoryHeadroom = 1) => fit(5000, { kvBytesPerToken: 1000 }, { memAvailableBytes, memoryHeadroom }).problem;
    assert.equal(at(needBytes), undefined);
    const short = at(needBytes - 1);
    assert.deepEqual([short?.hard, short?.code], [false, 'low-memory']);
    assert.match(short?.detail ?? '', /ollama:qwen would need about 4\.0 GB to run with a 8192-token window; 4\.0 GB free/);
    assert.equal(at(1, 0), undefined);
  });

  it('a model loaded with a window smaller than the default gets the default (the request reloads it), without num_ctx', () => {
    assert.deepEqual(fit(100, { loaded: true, loadedContextLength: 2048 }), { window: 4096 });
  });

  it('an unknown trained maximum never refuses: it steps up like any other', () => {
    assert.deepEqual(fit(9000, { contextLength: null }), {
      window: 16384,
      numCtx: 16384,
      note: 'num_ctx 16384 for ollama:qwen: ~9000 tokens exceed its 4096-token default window',
    });
  });

  it('past the trained maximum: the exact detail', () => {
    assert.deepEqual(fit(30_000, { contextLength: 24_576 }), {
      window: 24_576,
      problem: { hard: true, code: 'context-too-long', detail: '~30000 tokens (prompt plus answer) exceed the 24576-token context ollama:qwen was trained for' },
    });
  });
});
