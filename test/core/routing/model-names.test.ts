// One place turns a client's model name into the id routing serves: aliases, bare names, Ollama
// names, explicit ids; the refusals (ambiguous, unknown) come from here too.
import assert from 'node:assert/strict';
import { OblixError } from '../../../src/core/errors/oblix-error';
import type { Provider } from '../../../src/core/providers/provider';
import { ModelNames } from '../../../src/core/routing/model-names';

const provider = (id: string, kind: string): [string, Provider] => [id, { id, kind } as unknown as Provider];
const ids = ['ollama:llama3.2:latest', 'openai:gpt-4o-mini', 'lmstudio:gpt-4o-mini'];

function names(installed: string[] = ['ollama:llama3.2:latest'], bareReads: string[] = []): ModelNames {
  return new ModelNames({
    aliases: { 'my-model': 'openai:gpt-4o-mini', 'claude-*': 'auto' },
    providers: new Map([provider('ollama', 'ollama'), provider('openai', 'openai'), provider('lmstudio', 'openai-compatible')]),
    catalog: {
      entry: (id) => (ids.includes(id) ? ({ id } as never) : null),
      matchBare: (name) => (bareReads.push(name), ids).filter((id) => id.slice(id.indexOf(':') + 1) === name || id.slice(id.indexOf(':') + 1) === `${name}:latest`),
    },
    known: (id) => installed.includes(id),
    usable: () => ['auto', ...installed],
  });
}

describe('model names', () => {
  it('maps aliases, auto, explicit ids and bare names one model answers to', () => {
    const n = names();
    assert.equal(n.fromClient('my-model'), 'openai:gpt-4o-mini');
    assert.equal(n.fromClient('claude-sonnet-4-5'), 'auto');
    assert.equal(n.fromClient('auto:latest'), 'auto');
    assert.equal(n.fromClient('openai:gpt-4o-mini'), 'openai:gpt-4o-mini');
    assert.equal(n.fromClient('llama3.2'), 'ollama:llama3.2:latest');
  });

  it("reads an unknown name with a tag as Ollama's only when Ollama has it, or has not told", () => {
    assert.equal(names().fromClient('qwen:7b'), 'qwen:7b');
    assert.equal(names([]).fromClient('qwen:7b'), 'ollama:qwen:7b');
  });

  it("leaves an ambiguous bare name for explicit() to refuse inside routing (so it is logged), unless an Ollama client names Ollama's", () => {
    const n = names();
    assert.equal(n.fromClient('gpt-4o-mini'), 'gpt-4o-mini');
    assert.equal(n.fromClient('gpt-4o-mini', true), 'gpt-4o-mini', 'neither is an Ollama model');
    assert.throws(
      () => n.explicit('gpt-4o-mini'),
      (e: OblixError) => e.has('model_ambiguous') && e.status === 400 && e.param === 'model' && /openai:gpt-4o-mini, lmstudio:gpt-4o-mini/.test(e.message),
    );
    assert.throws(
      () => n.explicit('nope'),
      (e: OblixError) => e.has('model_not_found') && e.status === 404,
    );
    assert.equal(n.explicit('openai:gpt-4o-mini'), 'openai:gpt-4o-mini');
  });

  it('reads a bare name once on its way from a client to routing: explicit() takes the id fromClient() gave', () => {
    const reads: string[] = [];
    const n = names(undefined, reads);
    assert.equal(n.explicit(n.fromClient('llama3.2')), 'ollama:llama3.2:latest');
    assert.deepEqual(reads, ['llama3.2']);
  });

  it("shows an Ollama model by Ollama's own name, others by id", () => {
    const n = names();
    assert.equal(n.ollamaName('ollama:llama3.2'), 'llama3.2:latest');
    assert.equal(n.ollamaName('ollama:openai:x'), 'ollama:openai:x');
    assert.equal(n.ollamaName('openai:gpt-4o-mini'), 'openai:gpt-4o-mini');
  });
});
