// A client that goes away cancels the upstream generation; a slow reader loses nothing.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import OpenAI from 'openai';
import { startHarness, type Harness, HARNESS_MODELS } from '../harness';

const PROVIDERS = HARNESS_MODELS;
const HI: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Tell me a story' }];
const TWENTY_WORDS = Array.from({ length: 20 }, (_, i) => `word${i}`).join(' ');

/** Polls until cond() holds, for at most `ms`; resolves whether it did. */
async function eventually(cond: () => boolean, ms = 3_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

describe('client abort cancels the upstream', () => {
  let h: Harness;
  const saved = { ollama: '', openai: '', anthropic: '' };
  before(async () => {
    h = await startHarness();
    saved.ollama = h.ollama.reply;
    saved.openai = h.openai.reply;
    saved.anthropic = h.anthropic.reply;
  });
  after(() => h.stop());
  beforeEach(() => {
    h.resetFakes();
  });
  afterEach(() => {
    h.ollama.reply = saved.ollama;
    h.openai.reply = saved.openai;
    h.anthropic.reply = saved.anthropic;
  });

  for (const p of PROVIDERS) {
    it(`${p.id}: aborting a slow stream after the first token closes the upstream request`, async () => {
      const fake = h[p.fake];
      fake.reply = TWENTY_WORDS;
      fake.faults = { tokenDelayMs: 200 };
      const before = fake.aborted;
      const ac = new AbortController();
      const started = Date.now();
      const stream = await h.client.chat.completions.create({ model: p.id, messages: HI, stream: true }, { signal: ac.signal });
      let first = '';
      for await (const chunk of stream) {
        const content = chunk.choices[0]?.delta.content;
        if (content) {
          first = content;
          ac.abort();
          break;
        }
      }
      assert.equal(first, 'word0');
      assert.ok(await eventually(() => fake.aborted > before), `${p.fake} saw the abort`);
      // The whole reply would take 19 × 200 ms; the upstream was let go long before that.
      assert.ok(Date.now() - started < 2_000, `took ${Date.now() - started} ms`);
      assert.equal(fake.aborted, before + 1);
      // The client left; the provider did nothing wrong and must not be marked down for it.
      await new Promise((r) => setTimeout(r, 100));
      const health = h.oblix.health().providers.find((x) => x.id === p.id.slice(0, p.id.indexOf(':')))!;
      assert.equal(health.state, 'online', `${p.fake} after a client abort: ${JSON.stringify(health)}`);
      assert.equal(health.consecutiveFailures, 0);
    });

    it(`${p.id}: aborting a non-stream request while the upstream stalls closes the upstream request`, async () => {
      const fake = h[p.fake];
      fake.faults = { stallMs: 5_000 };
      const before = fake.aborted;
      const ac = new AbortController();
      const timer = setTimeout(() => ac.abort(), 100);
      try {
        await assert.rejects(h.client.chat.completions.create({ model: p.id, messages: HI }, { signal: ac.signal }), OpenAI.APIUserAbortError);
      } finally {
        clearTimeout(timer);
      }
      assert.ok(await eventually(() => fake.aborted > before), `${p.fake} saw the abort`);
    });
  }

  it('the server answers normally after the aborts', async () => {
    for (const p of PROVIDERS) {
      const res = await h.client.chat.completions.create({ model: p.id, messages: HI });
      assert.equal(res.choices[0]!.message.content, h[p.fake].reply, p.id);
    }
  });
});

describe('backpressure: a slow reader loses nothing', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.stop());

  for (const p of PROVIDERS) {
    it(`${p.id}: a long stream read after a 500 ms pause arrives whole and ends with [DONE]`, async () => {
      const fake = h[p.fake];
      const saved = fake.reply;
      // ~20k tokens, a few MB of SSE: more than the socket buffers hold while the reader is paused.
      const words = Array.from({ length: 20_000 }, (_, i) => `w${i}`);
      fake.reply = words.join(' ');
      try {
        const base = new URL(h.base);
        const payload = JSON.stringify({ model: p.id, messages: HI, stream: true, max_tokens: 100_000 });
        const text = await new Promise<string>((resolve, reject) => {
          const req = http.request(
            {
              host: base.hostname,
              port: base.port,
              method: 'POST',
              path: '/v1/chat/completions',
              headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
              agent: false,
            },
            (res) => {
              assert.equal(res.statusCode, 200);
              res.pause();
              const chunks: Buffer[] = [];
              res.on('error', reject);
              res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
              setTimeout(() => {
                res.on('data', (c: Buffer) => chunks.push(c));
                res.resume();
              }, 500);
            },
          );
          req.on('error', reject);
          req.end(payload);
        });
        const data = text
          .split('\n')
          .filter((l) => l.startsWith('data: '))
          .map((l) => l.slice('data: '.length));
        assert.equal(data[data.length - 1], '[DONE]');
        let content = '';
        let finish: string | null = null;
        for (const d of data.slice(0, -1)) {
          const chunk = JSON.parse(d) as { error?: unknown; choices: Array<{ delta: { content?: string | null }; finish_reason: string | null }> };
          assert.equal(chunk.error, undefined, d);
          for (const c of chunk.choices) {
            content += c.delta.content ?? '';
            finish = c.finish_reason ?? finish;
          }
        }
        assert.equal(content, fake.reply, 'the full text, in order');
        assert.equal(finish, 'stop');
      } finally {
        fake.reply = saved;
      }
    });
  }
});
