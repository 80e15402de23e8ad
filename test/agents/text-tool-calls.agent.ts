// Real agents through `oblix serve` while the local model writes its tool calls as text, in each
// form small models use (test/fixtures/tool-text-corpus.ts): Claude Code writes a file with its
// Write tool, Codex applies a patch. Without tool repair both would print the call and stop.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arr, isRecord } from '../fakes/fake-server';
import { WRITE_AS } from '../fixtures/tool-text-corpus';
import { AGENT_TIMEOUT_MS, CLAUDE, CODEX, NO_OUTSIDE, run, startServe, TextCallOllama } from './agent-kit';

const FORMS = Object.keys(WRITE_AS);

describe('real agents through oblix serve, the local model writing tool calls as text', function () {
  this.timeout(AGENT_TIMEOUT_MS + 30_000);
  const ollama = new TextCallOllama();
  let serve: { proc: ChildProcess; url: string };
  let home: string;
  let work: string;
  before(async function () {
    if (!existsSync(CLAUDE) && !existsSync(CODEX)) this.skip();
    await ollama.start();
    const config = join(mkdtempSync(join(tmpdir(), 'oblix-agents-config-')), 'oblix.json');
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

  /** The tool results the model got back: the second chat carries one. */
  function toolResultCame(): boolean {
    const chats = ollama.requests.filter((q) => q.path === '/api/chat' && arr(q.body, 'tools').length > 0);
    return chats.some((c) => {
      const last = arr(c.body, 'messages').at(-1);
      return isRecord(last) && last.role === 'tool';
    });
  }

  for (const form of FORMS) {
    it(`Claude Code writes a file with Write, the model writing the call as ${form}`, async function () {
      if (!existsSync(CLAUDE)) this.skip();
      const file = join(work, 'hello.txt');
      ollama.textCall = WRITE_AS[form]!('Write', { file_path: file, content: `hi from ${form}\n` });
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
      const result = JSON.parse(r.stdout) as { is_error: boolean; result: string };
      assert.equal(result.is_error, false, r.stdout);
      assert.equal(readFileSync(file, 'utf8'), `hi from ${form}\n`);
      assert.ok(toolResultCame(), 'the Write result went back to the model');
      assert.equal(result.result, 'Done: the tool did it.');
    });
  }

  for (const form of FORMS) {
    it(`Codex applies a patch, the model writing the call as ${form}`, async function () {
      if (!existsSync(CODEX)) this.skip();
      const codexHome = join(home, '.codex');
      mkdirSync(codexHome);
      writeFileSync(
        join(codexHome, 'config.toml'),
        ['model = "gpt-5.5"', 'model_provider = "oblix"', '', '[model_providers.oblix]', 'name = "Oblix"', `base_url = "${serve.url}"`, 'wire_api = "responses"', ''].join('\n'),
      );
      ollama.textCall = WRITE_AS[form]!('apply_patch', { input: `*** Begin Patch\n*** Add File: hello.txt\n+hi from ${form}\n*** End Patch\n` });
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
      assert.equal(readFileSync(join(work, 'hello.txt'), 'utf8'), `hi from ${form}\n`);
      assert.ok(toolResultCame(), 'the patch result went back to the model');
      assert.match(r.stdout, /Done: the tool did it\./);
    });
  }
});
