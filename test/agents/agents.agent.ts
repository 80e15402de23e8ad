// Real agents against a real `oblix serve`: Claude Code (`claude -p`) over /v1/messages and Codex
// (`codex exec`) over /v1/responses, each doing one tool round trip against a fake Ollama that asks
// for a tool once and answers once the tool's result comes back. The agents are installed outside
// the repo (OBLIX_AGENTS_DIR, default ~/.cache/oblix-agents: `npm install --prefix ~/.cache/oblix-agents
// @anthropic-ai/claude-code @openai/codex`); the tests skip when they are missing. Their outside
// traffic is blocked: a proxy that does not exist, their own no-telemetry settings, a throwaway HOME.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arr, isRecord } from '../fakes/fake-server';
import { AGENT_TIMEOUT_MS, AgentOllama, CLAUDE, CODEX, NO_OUTSIDE, run, startServe } from './agent-kit';

describe('real agents through oblix serve', function () {
  this.timeout(AGENT_TIMEOUT_MS + 30_000);
  const ollama = new AgentOllama();
  let serve: { proc: ChildProcess; url: string };
  let home: string;
  let work: string;
  before(async function () {
    if (!existsSync(CLAUDE) && !existsSync(CODEX)) this.skip();
    await ollama.start();
    const config = join(mkdtempSync(join(tmpdir(), 'oblix-agents-config-')), 'oblix.json');
    // Codex offers apply_patch as a custom tool only to models it knows: the gpt-5 name goes to Ollama here.
    writeFileSync(config, JSON.stringify({ modelAliases: { 'gpt-5*': 'ollama:llama3.2:latest' } }));
    serve = await startServe(['--config', config, '--local-model', 'llama3.2:latest', '--mode', 'local-only'], { OLLAMA_HOST: ollama.url });
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

  it('Claude Code (claude -p): Write tool call → tool result → final answer', async function () {
    if (!existsSync(CLAUDE)) this.skip();
    const file = join(work, 'hello.txt');
    ollama.toolCall = { name: 'Write', arguments: { file_path: file, content: 'hi from oblix\n' } };
    const r = await run(
      CLAUDE,
      ['-p', 'Create hello.txt', '--output-format', 'json', '--allowedTools', 'Write'],
      {
        PATH: process.env.PATH,
        HOME: home,
        ...NO_OUTSIDE,
        ANTHROPIC_BASE_URL: serve.url.replace(/\/v1$/, ''),
        ANTHROPIC_AUTH_TOKEN: 'oblix',
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
        DISABLE_AUTOUPDATER: '1',
      },
      work,
    );
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    const result = JSON.parse(r.stdout) as { is_error: boolean; result: string; num_turns: number };
    assert.equal(result.is_error, false, r.stdout);
    assert.equal(result.result, 'Hello from fake-ollama.');
    assert.equal(readFileSync(file, 'utf8'), 'hi from oblix\n');
    const chats = ollama.requests.filter((q) => q.path === '/api/chat');
    assert.equal(chats.length, 2);
    const last = arr(chats[1]!.body, 'messages').at(-1);
    assert.ok(isRecord(last) && last.role === 'tool', 'the second call carried the tool result');
  });

  it('Codex (codex exec): apply_patch custom tool call → output → final answer', async function () {
    if (!existsSync(CODEX)) this.skip();
    const codexHome = join(home, '.codex');
    mkdirSync(codexHome);
    writeFileSync(
      join(codexHome, 'config.toml'),
      [
        // A model in Codex's own catalog whose apply_patch is a freeform (custom) tool.
        'model = "gpt-5.5"',
        'model_provider = "oblix"',
        '',
        '[model_providers.oblix]',
        'name = "Oblix"',
        `base_url = "${serve.url}"`,
        'wire_api = "responses"',
        '',
      ].join('\n'),
    );
    ollama.toolCall = { name: 'apply_patch', arguments: { input: '*** Begin Patch\n*** Add File: hello.txt\n+hi from oblix\n*** End Patch\n' } };
    const r = await run(
      process.execPath,
      [CODEX, 'exec', '--skip-git-repo-check', '--dangerously-bypass-approvals-and-sandbox', '-C', work, 'Create hello.txt'],
      {
        PATH: process.env.PATH,
        HOME: home,
        CODEX_HOME: codexHome,
        ...NO_OUTSIDE,
      },
      work,
    );
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /Hello from fake-ollama\./);
    assert.equal(readFileSync(join(work, 'hello.txt'), 'utf8'), 'hi from oblix\n');
    const chats = ollama.requests.filter((q) => q.path === '/api/chat');
    assert.equal(chats.length, 2, r.stderr);
  });
});
