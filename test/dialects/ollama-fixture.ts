// A harness whose fake Ollama also has a fill-in-the-middle coder and an embedding model, for the
// Ollama, completions and embeddings dialect tests.
import { startHarness, type Harness, type HarnessOptions } from '../harness';

export const CODER = 'qwen2.5-coder:1.5b';
export const EMBEDDER = 'nomic-embed-text:latest';

export function startDialectHarness(opts: HarnessOptions = {}): Promise<Harness> {
  return startHarness({
    ...opts,
    before: (fakes) => {
      fakes.ollama.models.push({ name: CODER, contextLength: 32768, capabilities: ['completion', 'insert'] }, { name: EMBEDDER, contextLength: 8192, capabilities: ['embedding'] });
      opts.before?.(fakes);
    },
    configure: (config) => {
      config.localModels = ['ollama:llama3.2:latest', `ollama:${CODER}`, `ollama:${EMBEDDER}`];
      opts.configure?.(config);
    },
  });
}

/** Requests a fake received on a path. */
export function hits(fake: { requests: { path: string }[] }, path: string): number {
  return fake.requests.filter((r) => r.path === path).length;
}
