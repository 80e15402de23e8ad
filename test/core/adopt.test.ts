// After a settings change the extension builds a new core: it keeps what the old one knew of the
// providers whose settings did not change, so its first requests do not route blind.
import assert from 'node:assert/strict';
import { Oblix } from '../../src/core/oblix';
import { validateChatRequest } from '../../src/core/dialects/openai-chat/parse';
import { startHarness, type Harness } from '../harness';

describe('a new core adopts what the old one knew', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ before: ({ ollama }) => (ollama.models = [{ name: 'llama3.2:latest', contextLength: 2048, capabilities: ['completion'] }]) });
  });
  after(() => h.stop());
  const long = validateChatRequest({ model: 'auto', messages: [{ role: 'user', content: 'x = 1;\n'.repeat(10_000) }] });
  const config = (): ConstructorParameters<typeof Oblix>[0] => JSON.parse(JSON.stringify(h.oblix['config'])) as ConstructorParameters<typeof Oblix>[0];

  it('knows the facts and state of unchanged providers before its own first probe', () => {
    const next = new Oblix({ ...config(), mode: 'auto' });
    next.adopt(h.oblix);
    assert.deepEqual(next.health().factsPending, []);
    const plan = next.plan(long);
    assert.deepEqual(
      plan.passedOver.map((p) => [p.id, p.code]),
      [['ollama:llama3.2:latest', 'context-too-long']],
    );
    assert.equal(next.health().providers.find((p) => p.id === 'ollama')!.state, 'online');
  });

  it('forgets a provider whose settings changed', () => {
    const c = config();
    c.providers[0] = { ...c.providers[0]!, baseURL: 'http://127.0.0.1:9' };
    const next = new Oblix(c);
    next.adopt(h.oblix);
    assert.deepEqual(next.health().factsPending, ['ollama']);
    assert.deepEqual(next.plan(long).passedOver, []);
    assert.equal(next.health().providers.find((p) => p.id === 'ollama')!.state, 'unknown');
  });
});
