// docs/agents.md's pi recipe with the real pi (`pi -p`): its ~/.pi/agent/models.json and its command
// word for word (the port aside), one tool round trip (pi's `write` tool) against a fake Ollama
// through `oblix serve`, with a throwaway HOME. pi honours HTTPS_PROXY and NO_PROXY: its proxy here
// lets only loopback through and names what else was tried, and the test shows nothing was. pi is
// installed outside the repo (see CONTRIBUTING.md); the test skips when it is missing.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { arr, isRecord } from '../fakes/fake-server';
import { AGENT_TIMEOUT_MS, AgentOllama, AGENTS_DOC, bin, decisions, hasBin, LoopbackOnlyProxy, recipeBlock, run, startServe } from './agent-kit';

describe('pi through oblix serve, as docs/agents.md says', function () {
  this.timeout(AGENT_TIMEOUT_MS + 30_000);
  const ollama = new AgentOllama();
  const proxy = new LoopbackOnlyProxy();
  let serve: { proc: ChildProcess; url: string };
  let home: string;
  let work: string;
  before(async function () {
    if (!hasBin('pi')) {
      console.log(`    pi is not installed in ${bin('pi')}: skipped (see CONTRIBUTING.md)`);
      this.skip();
    }
    await ollama.start();
    await proxy.start();
    serve = await startServe(['--local-model', 'llama3.2:latest', '--mode', 'local-only'], { OLLAMA_HOST: ollama.url });
  });
  after(async () => {
    serve?.proc.kill('SIGTERM');
    await ollama.stop();
    await proxy.stop();
  });
  beforeEach(() => {
    ollama.reset();
    home = mkdtempSync(join(tmpdir(), 'oblix-agent-home-'));
    work = join(home, 'work');
    mkdirSync(work);
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('pi -p: write tool call → tool result → final answer, routed by auto, nothing sent outside', async () => {
    mkdirSync(join(home, '.pi', 'agent'), { recursive: true });
    writeFileSync(join(home, '.pi', 'agent', 'models.json'), recipeBlock('**pi**', serve.url, AGENTS_DOC, 0));
    const command = recipeBlock('**pi**', serve.url, AGENTS_DOC, 1).trimEnd();
    assert.match(command, /\bpi --model oblix\/auto$/);
    const file = join(work, 'hello.txt');
    ollama.toolCall = { name: 'write', arguments: { path: file, content: 'hi from oblix\n' } };
    const r = await run('sh', ['-c', `${command} -p 'Create hello.txt'`], { PATH: `${dirname(bin('pi'))}${delimiter}${process.env.PATH}`, HOME: home, ...proxy.env() }, work);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.equal(r.stdout.trim(), 'Hello from fake-ollama.');
    assert.equal(readFileSync(file, 'utf8'), 'hi from oblix\n');
    const tasks = ollama.requests.filter((q) => q.path === '/api/chat');
    assert.equal(tasks.length, 2, r.stderr);
    const last = arr(tasks[1]!.body, 'messages').at(-1);
    assert.ok(isRecord(last) && last.role === 'tool', 'the second call carried the tool result');
    const routed = await decisions(serve.url);
    assert.equal(routed.length, 2);
    for (const d of routed) assert.deepEqual([d.requested, d.selected], ['auto', 'ollama:llama3.2:latest']);
    assert.deepEqual(proxy.refused, [], 'pi tried to reach outside');
  });
});
