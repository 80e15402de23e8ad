// The fakes' write batching does what it says: the whole body in one read, or cut into small pieces.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { FakeOpenAI } from './fake-openai';
import type { WriteBatching } from './write-batching';

/** The body's reads as a plain node:http client sees them (one `data` event per read). */
function reads(url: string): Promise<string[]> {
  const body = JSON.stringify({ model: 'gpt-3.5-turbo-instruct', prompt: 'x', stream: true });
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/v1/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, agent: false }, (res) => {
      const out: string[] = [];
      res.setEncoding('utf8');
      res.on('data', (c: string) => out.push(c));
      res.on('end', () => resolve(out));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('fake upstream write batching', () => {
  const fake = new FakeOpenAI();
  before(() => fake.start());
  after(() => fake.stop());

  async function bodyIn(mode: WriteBatching | undefined): Promise<string[]> {
    fake.batching = mode;
    return reads(fake.url);
  }

  it('sends the same body in every batching, in one read or in pieces of the given size', async () => {
    fake.reply = 'Grüße — one two three.';
    const plain = (await bodyIn(undefined)).join('');
    const [one, split] = [await bodyIn('all-at-once'), await bodyIn({ splitEvery: 7 })];
    const sameIds = (t: string): string => t.replace(/cmpl-[0-9a-f]+/g, 'cmpl-x').replace(/"created":\d+/g, '"created":0');
    assert.equal(one.length, 1, 'all-at-once is one read');
    assert.equal(sameIds(one[0]!), sameIds(plain));
    assert.ok(split.length > 10, `split in many reads, got ${split.length}`);
    assert.equal(sameIds(split.join('')), sameIds(plain));
  });
});
