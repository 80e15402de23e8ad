// docs/agents.md's qwen-code recipe with the real qwen-code (`qwen "<task>"`, one-shot): its
// ~/.qwen/settings.json and its command word for word (the port aside), one tool round trip
// (qwen-code's `write_file` tool) against a fake Ollama through `oblix serve`, with a throwaway HOME.
// qwen-code sends all its traffic through HTTPS_PROXY and ignores NO_PROXY, so its proxy here is one
// on loopback that lets only loopback through: the test also shows that with the recipe nothing tried
// to leave. qwen-code is installed outside the repo (see CONTRIBUTING.md); the test skips when it is missing.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { arr, isRecord } from '../fakes/fake-server';
import { AGENT_TIMEOUT_MS, AgentOllama, AGENTS_DOC, bin, decisions, hasBin, LoopbackOnlyProxy, recipeBlock, run, startServe } from './agent-kit';

describe('qwen-code through oblix serve, as docs/agents.md says', function () {
  this.timeout(AGENT_TIMEOUT_MS + 30_000);
  const ollama = new AgentOllama();
  const proxy = new LoopbackOnlyProxy();
  let serve: { proc: ChildProcess; url: string };
  let home: string;
  let work: string;
  before(async function () {
    if (!hasBin('qwen')) {
      console.log(`    qwen-code is not installed in ${bin('qwen')}: skipped (see CONTRIBUTING.md)`);
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

  it('qwen "<task>": write_file tool call → tool result → final answer, routed by auto, nothing sent outside', async () => {
    mkdirSync(join(home, '.qwen'));
    writeFileSync(join(home, '.qwen', 'settings.json'), recipeBlock('**qwen-code**', serve.url, AGENTS_DOC, 0));
    const command = recipeBlock('**qwen-code**', serve.url, AGENTS_DOC, 1).trimEnd();
    assert.match(command, /\nqwen$/);
    const file = join(work, 'hello.txt');
    ollama.toolCall = { name: 'write_file', arguments: { file_path: file, content: 'hi from oblix\n' } };
    // One-shot with a prompt; auto-edit lets it write without asking (it offers no write tool otherwise).
    const r = await run(
      'sh',
      ['-c', `${command} 'Create hello.txt' --approval-mode auto-edit`],
      { PATH: `${dirname(bin('qwen'))}${delimiter}${process.env.PATH}`, HOME: home, ...proxy.env() },
      work,
    );
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
    assert.deepEqual(proxy.refused, [], 'qwen-code tried to reach outside');
  });
});
