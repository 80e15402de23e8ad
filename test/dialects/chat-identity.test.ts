// What identifies a chat completion, through the real `openai` SDK: an id `chatcmpl-` and 32 hex
// digits (no dashes), the same on every chunk of a stream, and `created` as a Unix time in seconds.
import assert from 'node:assert/strict';
import { startHarness, type Harness } from '../harness';

const ID = /^chatcmpl-[0-9a-f]{32}$/;

describe('chat completion identity', () => {
  let h: Harness;
  before(async () => (h = await startHarness()));
  after(() => h.stop());

  const seconds = (created: number): void => {
    assert.ok(Number.isInteger(created) && Math.abs(created - Date.now() / 1000) < 86_400, String(created));
  };

  it('a completion', async () => {
    const c = await h.client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'Hi' }] });
    assert.match(c.id, ID);
    seconds(c.created);
  });

  it('a stream: one id and one created on every chunk', async () => {
    const stream = await h.client.chat.completions.create({ model: 'auto', stream: true, messages: [{ role: 'user', content: 'Hi' }] });
    const ids = new Set<string>();
    const created = new Set<number>();
    for await (const chunk of stream) {
      ids.add(chunk.id);
      created.add(chunk.created);
    }
    assert.equal(ids.size, 1);
    assert.match([...ids][0]!, ID);
    assert.equal(created.size, 1);
    seconds([...created][0]!);
  });
});
