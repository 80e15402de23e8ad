// OblixClient against a fake Ollama on loopback: execute() whole and streamed, sessions, a stop,
// serve() answering the official `openai` client, and connect: 'server' through `oblix serve`.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { OblixClient, OblixOptionsError, type ExecuteChunk } from '../../src/sdk';
import { FakeOllama } from '../fakes/fake-ollama';
import { quietMachineConfig, startServe } from '../cli/serve-process';

const QUIET = { thresholds: { maxCpuLoadPct: 101, memoryHeadroom: 0, lowBatteryPct: 0 } };

describe('OblixClient', function () {
  this.timeout(30_000);
  const ollama = new FakeOllama();
  let client: OblixClient;
  before(() => ollama.start());
  after(() => ollama.stop());
  beforeEach(() => {
    ollama.reset();
    ollama.reply = 'Hello from fake-ollama.';
    client = new OblixClient({ ...QUIET, ollamaHost: ollama.url, dataDir: mkdtempSync(join(tmpdir(), 'oblix-sdk-')), env: {} });
  });
  afterEach(() => client.close());

  it('execute() answers with the text, the model, the reason and the usage', async () => {
    const r = await client.execute({ prompt: 'hi', temperature: 0.2, maxTokens: 50 });
    assert.equal(r.text, 'Hello from fake-ollama.');
    assert.equal(r.model, 'ollama:llama3.2:latest');
    assert.match(r.reason, /^[a-z]+(-[a-z]+)*-small$/, 'a reason code, as x-oblix-route gives it');
    assert.ok(r.usage && r.usage.completion_tokens > 0);
    const sent = ollama.requests.at(-1)!.body as { messages: unknown[]; options: { temperature: number; num_predict: number } };
    assert.equal(sent.options.temperature, 0.2);
    assert.equal(sent.options.num_predict, 50);
    assert.deepEqual(client.sessions.list(), [], 'no sessionId: nothing is kept');
  });

  it('stream: true gives the text in chunks, then the result', async () => {
    const chunks: ExecuteChunk[] = [];
    for await (const c of client.execute({
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'hi' },
      ],
      stream: true,
    }))
      chunks.push(c);
    const texts = chunks.filter((c) => c.type === 'text');
    assert.ok(texts.length > 1, 'more than one piece');
    assert.equal(texts.map((c) => c.text).join(''), 'Hello from fake-ollama.');
    const last = chunks.at(-1)!;
    assert.equal(last.type, 'done');
    assert.equal(last.type === 'done' && last.result.text, 'Hello from fake-ollama.');
  });

  it('sessionId keeps the conversation in a session file that the next call continues', async () => {
    await client.execute({ prompt: 'first', sessionId: 'my-chat' });
    await client.execute({ prompt: 'second', sessionId: 'my-chat' });
    const sent = (ollama.requests.at(-1)!.body as { messages: { content: string }[] }).messages.map((m) => m.content);
    assert.deepEqual(sent, ['first', 'Hello from fake-ollama.', 'second']);
    const s = client.sessions.get('my-chat')!;
    assert.equal(s.messages.length, 4);
    assert.equal(s.messages[3]!.model, 'ollama:llama3.2:latest');
    const json = client.sessions.export('my-chat');
    const copy = await client.sessions.import(json);
    assert.deepEqual(copy.messages, s.messages);
    assert.equal(await client.sessions.delete('my-chat'), true);
  });

  it('an aborted signal stops the answer: the text so far, status stopped, kept in the session', async () => {
    ollama.reply = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');
    ollama.faults.tokenDelayMs = 50;
    const abort = new AbortController();
    let result;
    for await (const c of client.execute({ prompt: 'count', stream: true, sessionId: 'stop', signal: abort.signal })) {
      if (c.type === 'text' && c.text.includes('w2')) abort.abort();
      if (c.type === 'done') result = c.result;
    }
    assert.equal(result!.status, 'stopped');
    assert.ok(!result!.text.includes('w99'));
    assert.equal(client.sessions.get('stop')!.messages[1]!.status, 'stopped');
  });

  it('a wrong option is refused with the field named', async () => {
    assert.throws(
      () => new OblixClient({ mode: 'sideways' as 'auto', env: {} }),
      (e: unknown) => e instanceof OblixOptionsError && /mode must be one of/.test(e.message),
    );
    assert.throws(() => new OblixClient({ prot: 1 } as never), /prot.*did you mean "port"/);
    await assert.rejects(client.execute({ prompt: '  ' }), /needs a non-empty prompt/);
  });

  it('serve() answers the official openai client from the same router', async () => {
    const served = await client.serve({ port: 0 });
    const openai = new OpenAI({ baseURL: served.url, apiKey: 'unused' });
    const r = await openai.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(r.choices[0]!.message.content, 'Hello from fake-ollama.');
    assert.equal(r.model, 'auto (selected: ollama:llama3.2:latest)');
    await served.close();
  });

  it("connect: 'server' uses a running oblix serve (its decisions), and fails clearly when none runs", async () => {
    const server = await startServe(['--port', '0', '--config', quietMachineConfig()], { OLLAMA_HOST: ollama.url });
    try {
      const port = Number(new URL(server.url).port);
      const remote = new OblixClient({ port, connect: 'server', env: {} });
      assert.equal(await remote.where(), `http://127.0.0.1:${port}`);
      const r = await remote.execute({ prompt: 'through the server', sessionId: 'remote-1' });
      assert.equal(r.text, 'Hello from fake-ollama.');
      assert.equal(r.model, 'ollama:llama3.2:latest');
      assert.equal(r.reason, 'chat-easy-small');
      assert.ok(r.usage);
      const health = (await (await fetch(`${server.base}/health`)).json()) as { decisions: { selected: string }[] };
      assert.equal(health.decisions.length, 1, 'the server routed it');
      assert.equal(ollama.requests.at(-1)!.headers['x-session-id'], undefined, 'the upstream never sees the session header');
      await remote.close();
    } finally {
      await server.stop();
    }
    const none = new OblixClient({ port: 9, connect: 'server', env: {} });
    await assert.rejects(none.execute({ prompt: 'hi' }), /No Oblix server answers at http:\/\/127\.0\.0\.1:9 \(GET \/health\)/);
  });
});
