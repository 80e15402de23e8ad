// The README's opencode recipe with the real opencode (`opencode run`): its opencode.json word for
// word (the port aside) in the project, one tool round trip (opencode's `write` tool) against a fake
// Ollama through `oblix serve`, with outside traffic blocked and a throwaway HOME. opencode is
// installed outside the repo (see CONTRIBUTING.md); the test skips when it is missing.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arr, isRecord } from '../fakes/fake-server';
import { AGENT_TIMEOUT_MS, AgentOllama, bin, decisions, hasBin, NO_OUTSIDE, recipeBlock, run, startServe } from './agent-kit';

describe('opencode through oblix serve, as the README says', function () {
  this.timeout(AGENT_TIMEOUT_MS + 30_000);
  const ollama = new AgentOllama();
  let serve: { proc: ChildProcess; url: string };
  let home: string;
  let work: string;
  before(async function () {
    if (!hasBin('opencode')) {
      console.log(`    opencode is not installed in ${bin('opencode')}: skipped (see CONTRIBUTING.md)`);
      this.skip();
    }
    await ollama.start();
    serve = await startServe(['--local-model', 'llama3.2:latest', '--mode', 'local-only'], { OLLAMA_HOST: ollama.url });
  });
  after(async () => {
    serve?.proc.kill('SIGTERM');
    await ollama.stop();
  });
  beforeEach(() => {
    ollama.reset();
    home = mkdtempSync(join(tmpdir(), 'oblix-agent-home-'));
    work = join(home, 'work');
    mkdirSync(work);
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('opencode run: write tool call → tool result → final answer, routed by auto', async () => {
    writeFileSync(join(work, 'opencode.json'), recipeBlock('**opencode**', serve.url));
    const file = join(work, 'hello.txt');
    ollama.toolCall = { name: 'write', arguments: { filePath: file, content: 'hi from oblix\n' } };
    const r = await run(bin('opencode'), ['run', 'Create hello.txt'], { PATH: process.env.PATH, HOME: home, ...NO_OUTSIDE }, work);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /Hello from fake-ollama\./);
    assert.equal(readFileSync(file, 'utf8'), 'hi from oblix\n');
    // Besides the task opencode asks for a session title; the task's second call carries the tool result.
    const tasks = ollama.requests.filter((q) => q.path === '/api/chat' && arr(q.body, 'tools').length > 0);
    assert.equal(tasks.length, 2, r.stderr);
    const last = arr(tasks[1]!.body, 'messages').at(-1);
    assert.ok(isRecord(last) && last.role === 'tool', 'the second call carried the tool result');
    const routed = await decisions(serve.url);
    assert.ok(routed.length >= 2);
    for (const d of routed) assert.deepEqual([d.requested, d.selected], ['auto', 'ollama:llama3.2:latest']);
  });
});
