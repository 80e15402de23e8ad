// What every recipe test (an agent set up as the README or docs/agents.md says) shares: a fake
// Ollama that asks for one tool call, `oblix serve` in front of it routing `auto` to it, a throwaway
// HOME with a work folder per test, optionally the loopback-only proxy; and the check that one tool
// round trip went through Oblix.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arr, isRecord } from '../fakes/fake-server';
import { AgentOllama, bin, decisions, hasBin, LoopbackOnlyProxy, startServe, type Run } from './agent-kit';

/** What the tool writes in every recipe test. */
export const WRITTEN = 'hi from oblix\n';
const LOCAL = 'ollama:llama3.2:latest';

export interface RecipeRig {
  readonly ollama: AgentOllama;
  /** The loopback-only proxy, when the rig was asked for one. */
  readonly proxy: LoopbackOnlyProxy | null;
  /** `oblix serve`'s http://127.0.0.1:PORT/v1 */
  readonly url: string;
  readonly home: string;
  /** `home/work`, the agent's working folder. */
  readonly work: string;
}

/**
 * Registers the suite's hooks (call it inside `describe`): skips the suite when `binName` is not
 * installed, else starts the fake Ollama, the proxy when asked and `oblix serve`, and gives each test
 * a fresh HOME.
 */
export function recipeRig(binName: string, agent: string, opts: { proxy?: boolean } = {}): RecipeRig {
  const ollama = new AgentOllama();
  const proxy = opts.proxy ? new LoopbackOnlyProxy() : null;
  let serve: { proc: ChildProcess; url: string } | undefined;
  let home = '';
  before(async function () {
    if (!hasBin(binName)) {
      console.log(`    ${agent} is not installed in ${bin(binName)}: skipped (see CONTRIBUTING.md)`);
      this.skip();
    }
    await ollama.start();
    await proxy?.start();
    serve = await startServe(['--local-model', 'llama3.2:latest', '--mode', 'local-only'], { OLLAMA_HOST: ollama.url });
  });
  after(async () => {
    serve?.proc.kill('SIGTERM');
    await ollama.stop();
    await proxy?.stop();
  });
  beforeEach(() => {
    ollama.reset();
    home = mkdtempSync(join(tmpdir(), 'oblix-agent-home-'));
    mkdirSync(join(home, 'work'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));
  return {
    ollama,
    proxy,
    get url() {
      return serve!.url;
    },
    get home() {
      return home;
    },
    get work() {
      return join(home, 'work');
    },
  };
}

/**
 * The agent ran to its end, `file` holds what the tool call wrote, the second task call carried the
 * tool's result, and every model call Oblix saw was `auto` routed to the local model. `isTask` picks
 * the task's calls among the agent's (opencode also asks for a session title); with a proxy, nothing
 * tried to leave.
 */
export async function assertToolRoundTrip(rig: RecipeRig, r: Run, file: string, isTask: (body: unknown) => boolean = () => true): Promise<void> {
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.equal(readFileSync(file, 'utf8'), WRITTEN);
  const chats = rig.ollama.requests.filter((q) => q.path === '/api/chat');
  const tasks = chats.filter((q) => isTask(q.body));
  assert.equal(tasks.length, 2, r.stderr);
  const last = arr(tasks[1]!.body, 'messages').at(-1);
  assert.ok(isRecord(last) && last.role === 'tool', 'the second call carried the tool result');
  const routed = await decisions(rig.url);
  assert.equal(routed.length, chats.length, 'one routing decision per model call');
  for (const d of routed) assert.deepEqual([d.requested, d.selected], ['auto', LOCAL]);
  if (rig.proxy) assert.deepEqual(rig.proxy.refused, [], 'the agent tried to reach outside');
}
