// The gate routing waits at for the first inventory: shut only between begin() and the first of
// every provider known, the inventory settling, or the wait running out.
import assert from 'node:assert/strict';
import { FirstFacts } from '../../src/core/routing/first-facts';

describe('first facts', () => {
  it('nothing waits before begin(): ready() resolves at once', async () => {
    const f = new FirstFacts(['ollama']);
    assert.equal(f.waiting, false);
    assert.deepEqual(f.pending, ['ollama']);
    await f.ready();
    assert.equal(f.waiting, false);
  });

  it('waits from begin() until every provider is learnt', async () => {
    const f = new FirstFacts(['ollama', 'lmstudio']);
    f.begin(new Promise(() => {}), 60_000);
    assert.equal(f.waiting, true);
    f.learnt('ollama');
    assert.deepEqual(f.pending, ['lmstudio']);
    assert.equal(f.waiting, true);
    f.learnt('lmstudio');
    await f.ready();
    assert.equal(f.waiting, false);
    assert.deepEqual(f.pending, []);
  });
});
