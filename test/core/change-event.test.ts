// The core tells when what routing knows changed, so the views need not poll: Ollama starting
// after Oblix, a model pulled while it runs.
import assert from 'node:assert/strict';
import { once, EventEmitter } from 'node:events';
import { defaultConfig } from '../../src/core/config/config';
import { Oblix } from '../../src/core/oblix';
import { DEFAULT_CONNECTIVITY } from '../../src/core/routing/connectivity';
import { FakeOllama } from '../fakes/fake-ollama';

describe('core change event', () => {
  it('fires when Ollama comes up and when its models change', async () => {
    const ollama = new FakeOllama();
    const port = Number(new URL(await ollama.start()).port);
    await ollama.stop(); // not running when Oblix starts
    const oblix = new Oblix(
      { ...defaultConfig(), providers: [{ id: 'ollama', kind: 'ollama', baseURL: `http://127.0.0.1:${port}` }] },
      { connectivity: { ...DEFAULT_CONNECTIVITY, downIntervalMs: 50, healthyIntervalMs: 50, networkCheckMs: 0 } },
    );
    const changes = new EventEmitter();
    oblix.onChange(() => changes.emit('change'));
    try {
      await oblix.start();
      assert.equal(oblix.health().providers[0]!.state, 'offline');
      assert.deepEqual(oblix.models(), ['auto']);

      await ollama.start(port);
      while (oblix.health().providers[0]!.state !== 'online' || oblix.models().length < 2) await once(changes, 'change');
      assert.deepEqual(oblix.models(), ['auto', 'ollama:llama3.2:latest']);

      ollama.models.push({ name: 'qwen2.5-coder:7b', contextLength: 32768, capabilities: ['completion', 'tools'] });
      while (!oblix.models().includes('ollama:qwen2.5-coder:7b')) await once(changes, 'change');
    } finally {
      oblix.stop();
      await ollama.stop();
    }
  });
});
