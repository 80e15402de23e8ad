// The README's Cline recipe with the real Cline CLI: its `cline auth` line word for word (the port
// aside), then `cline "<task>"` (act mode, tools approved) doing one tool round trip (Cline's `editor`
// tool) against a fake Ollama through `oblix serve`, with outside traffic blocked and a throwaway
// HOME. `cline` is installed outside the repo (see CONTRIBUTING.md); the test skips when it is missing.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { arr, isRecord } from '../fakes/fake-server';
import { AGENT_TIMEOUT_MS, AgentOllama, bin, decisions, hasBin, NO_OUTSIDE, recipeBlock, run, startServe } from './agent-kit';

describe('Cline (cline CLI) through oblix serve, as the README says', function () {
  this.timeout(2 * AGENT_TIMEOUT_MS + 30_000);
  const ollama = new AgentOllama();
  let serve: { proc: ChildProcess; url: string };
  let home: string;
  let work: string;
  before(async function () {
    if (!hasBin('cline')) {
      console.log(`    cline is not installed in ${bin('cline')}: skipped (see CONTRIBUTING.md)`);
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

  it('cline auth as written, then cline "<task>": editor tool call → tool result → final answer, routed by auto', async () => {
    // Sessions in-process: by default cline starts a hub daemon that outlives the test.
    const env = { PATH: `${dirname(bin('cline'))}${delimiter}${process.env.PATH}`, HOME: home, ...NO_OUTSIDE, CLINE_SESSION_BACKEND_MODE: 'local' };
    const auth = await run('sh', ['-c', recipeBlock('**Cline**', serve.url)], env, work);
    assert.equal(auth.code, 0, `${auth.stdout}\n${auth.stderr}`);
    const file = join(work, 'hello.txt');
    ollama.toolCall = { name: 'editor', arguments: { path: file, new_text: 'hi from oblix\n' } };
    const r = await run(bin('cline'), ['Create hello.txt'], env, work);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /Hello from fake-ollama\./);
    assert.equal(readFileSync(file, 'utf8'), 'hi from oblix\n');
    const tasks = ollama.requests.filter((q) => q.path === '/api/chat');
    assert.equal(tasks.length, 2, r.stderr);
    const last = arr(tasks[1]!.body, 'messages').at(-1);
    assert.ok(isRecord(last) && last.role === 'tool', 'the second call carried the tool result');
    const routed = await decisions(serve.url);
    assert.equal(routed.length, 2);
    for (const d of routed) assert.deepEqual([d.requested, d.selected], ['auto', 'ollama:llama3.2:latest']);
  });
});
