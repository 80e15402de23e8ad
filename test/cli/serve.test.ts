// `oblix serve` as a user runs it: a real process, flags and environment, the ready line, a clean stop.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import OpenAI from 'openai';
import { FakeOllama } from '../fakes/fake-ollama';
import { FakeOpenAI } from '../fakes/fake-openai';
import { quietMachineConfig, runToExit, startServe } from './serve-process';

describe('oblix serve', function () {
  this.timeout(120_000); // process starts under tsx: slow on a loaded 2-core machine
  const ollama = new FakeOllama();
  const openai = new FakeOpenAI();
  before(() => Promise.all([ollama.start(), openai.start()]));
  after(() => Promise.all([ollama.stop(), openai.stop()]));

  it('reads the ecosystem variables, prints the ready line, serves, and stops on SIGTERM', async () => {
    const s = await startServe(['--port', '0', '--config', quietMachineConfig(), '--local-model', 'llama3.2:latest', '--cloud-model', 'openai:gpt-4o-mini'], {
      OLLAMA_HOST: ollama.url,
      OPENAI_BASE_URL: `${openai.url}/v1`,
      OPENAI_API_KEY: 'sk-secret-value-for-test',
      OBLIX_API_KEY: 'local-token',
    });
    try {
      assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const client = new OpenAI({ baseURL: s.url, apiKey: 'local-token', maxRetries: 0 });
      const res = await client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(res.model, 'auto (selected: ollama:llama3.2:latest)');
      const cloud = await client.chat.completions.create({ model: 'openai:gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(cloud.choices[0]!.message.content, openai.reply);
      await assert.rejects(new OpenAI({ baseURL: s.url, apiKey: 'wrong', maxRetries: 0 }).models.list(), (e: { status?: number }) => e.status === 401);
      s.proc.kill('SIGTERM');
      const [code] = (await once(s.proc, 'exit')) as [number | null];
      assert.equal(code, 0);
      assert.doesNotMatch(s.stderr(), /sk-secret-value-for-test/, 'keys never reach the log');
    } finally {
      s.proc.kill('SIGKILL');
    }
  });

  it('starts with nothing configured and says what is missing', async () => {
    const s = await startServe(['--port', '0'], { OLLAMA_HOST: 'http://127.0.0.1:9' });
    try {
      const health = (await (await fetch(s.url.replace(/\/v1$/, '/health'))).json()) as { providers: { id: string; state: string }[]; problems: string[] };
      assert.equal(health.providers[0]!.id, 'ollama');
      assert.ok(health.problems.some((p) => /ollama/i.test(p)));
      const res = await fetch(`${s.url}/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] }) });
      assert.equal(res.status, 503);
      const body = (await res.json()) as { error: { message: string } };
      assert.match(body.error.message, /OPENAI_API_KEY|ANTHROPIC_API_KEY/);
    } finally {
      s.proc.kill('SIGINT');
      await once(s.proc, 'exit');
    }
  });

  it('refuses bad flags with a readable message and exit code 2', async () => {
    // Five process starts: in parallel, so a loaded machine does not add their start-up times up.
    const cases = [['serve', '--port', 'abc'], ['serve', '--mode', 'fast'], ['serve', '--bogus'], ['serve', '--cloud-model', 'nokey:x'], ['frobnicate']];
    const results = await Promise.all(cases.map((args) => runToExit(args)));
    results.forEach(({ code, stderr }, i) => {
      assert.equal(code, 2, cases[i]!.join(' '));
      assert.match(stderr, /^oblix: /, cases[i]!.join(' '));
    });
  });
});
