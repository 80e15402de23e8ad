// Canary secrets: a key, URL credentials and an upstream that echoes the Authorization header back.
// No byte of them may appear in any response, in /health, or in what `oblix serve` prints.
import assert from 'node:assert/strict';
import { FakeOpenAI } from '../fakes/fake-openai';
import { raw } from '../raw-http';
import { startServe } from '../cli/serve-process';

const KEY = 'sk-canary-openai-7f3a9c1e5b2d4f60';
const OTHER = 'sk-ant-canary-echoed-0a1b2c3d4e5f';
const USER = 'canaryuser';
const PASS = 'canarypass-91b3';
const SERVER_KEY = 'oblix-canary-server-key-5566';
const CANARIES = [KEY, OTHER, USER, PASS, SERVER_KEY];

function assertClean(text: string, where: string): void {
  for (const c of CANARIES) assert.ok(!text.includes(c), `${where} leaks '${c}': ${text.slice(0, 2000)}`);
}

describe('robustness: secret canaries', function () {
  this.timeout(30_000);
  const openai = new FakeOpenAI();
  before(() => openai.start());
  after(() => openai.stop());

  it('never appear in error bodies, stream errors, /health or the log', async () => {
    const base = openai.url.replace('http://', `http://${USER}:${PASS}@`);
    const s = await startServe(['--port', '0', '--cloud-model', 'openai:gpt-4o-mini'], { OPENAI_BASE_URL: `${base}/v1`, OPENAI_API_KEY: KEY, OBLIX_API_KEY: SERVER_KEY });
    const origin = s.url.replace(/\/v1$/, '');
    const auth = { authorization: `Bearer ${SERVER_KEY}` };
    const body = (stream: boolean): unknown => ({ model: 'openai:gpt-4o-mini', stream, messages: [{ role: 'user', content: 'hi' }] });
    try {
      // An upstream that quotes the credentials it was sent, as some proxies do in their errors.
      openai.faults = { status: 401, message: `Incorrect API key provided. Authorization: Bearer ${KEY}; also saw api_key=${OTHER} from http://${USER}:${PASS}@proxy` };
      const plain = await raw(origin, { body: body(false), headers: auth });
      assert.equal(plain.status, 401);
      assertClean(plain.text, 'a non-stream error body');
      assert.match(plain.text, /Bearer \*\*\*/, 'the upstream message itself is kept, with the key blanked');

      openai.faults = { errorMidStream: `upstream rejected Bearer ${KEY} (key ${OTHER})` };
      const streamed = await raw(origin, { body: body(true), headers: auth });
      assert.match(streamed.text, /"error"/);
      assertClean(streamed.text, 'a stream error event');

      const health = await raw(origin, { method: 'GET', path: '/health', headers: auth });
      assert.equal(health.status, 200);
      assertClean(health.text, '/health');
      assert.match(health.text, /\*\*\*@127\.0\.0\.1/, 'the base URL is shown without its credentials');

      const wrong = await raw(origin, { body: body(false), headers: { authorization: 'Bearer nope' } });
      assert.equal(wrong.status, 401);
      assertClean(wrong.text, 'the 401 for a wrong server key');
    } finally {
      s.proc.kill('SIGTERM');
      await s.exited;
    }
    assertClean(s.stdout(), 'stdout');
    assertClean(s.stderr(), 'stderr');
  });
});
