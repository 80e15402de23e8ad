// SIGTERM with answers in flight: `oblix serve` stops accepting, lets them run for its grace
// period, then ends every stream still open with an error event and [DONE] (never a bare cut at
// the socket), and exits 0.
import assert from 'node:assert/strict';
import { FakeOpenAI } from '../fakes/fake-openai';
import { raw, sseData } from '../raw-http';
import { startServe } from '../cli/serve-process';

const STREAMS = 16;

describe('robustness: shutdown with streams in flight', function () {
  this.timeout(40_000);
  const openai = new FakeOpenAI();
  before(() => openai.start());
  after(() => openai.stop());

  it(`ends ${STREAMS} running streams honestly and exits 0`, async () => {
    openai.reply = Array.from({ length: 60 }, (_, i) => `w${i}`).join(' ');
    openai.faults = { tokenDelayMs: 200 }; // ~12 s an answer: far longer than the grace period
    const s = await startServe(['--port', '0', '--cloud-model', 'openai:gpt-4o-mini'], { OPENAI_BASE_URL: `${openai.url}/v1`, OPENAI_API_KEY: 'sk-test-shutdown-1234' });
    const base = s.url.replace(/\/v1$/, '');
    const body = { model: 'openai:gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'talk' }] };
    const streams = Array.from({ length: STREAMS }, () => raw(base, { body }));
    // Every stream has begun once the fake has seen all the requests and a token went out.
    const until = Date.now() + 10_000;
    while (openai.requests.filter((r) => r.path === '/v1/chat/completions').length < STREAMS && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 400));
    s.proc.kill('SIGTERM');
    const results = await Promise.all(streams);
    for (const r of results) {
      assert.equal(r.status, 200, r.text);
      const data = sseData(r.text);
      assert.equal(data[data.length - 1], '[DONE]', 'the stream ends with [DONE], not at the socket');
      const last = JSON.parse(data[data.length - 2]!) as { error?: { code?: string; message?: string } };
      assert.equal(last.error?.code, 'server_shutting_down', r.text.slice(-300));
      assert.match(last.error?.message ?? '', /shutting down/);
    }
    assert.equal(await s.exited, 0);
    assert.match(s.stderr(), /SIGTERM, stopping/);
  });
});
