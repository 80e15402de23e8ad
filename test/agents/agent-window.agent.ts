// The window recipes with the real agents: what `oblix models` prints for a local model, set as it
// says, is the window Claude Code, Codex and opencode then work with (Claude Code reports it in its
// result's modelUsage, Codex in its session log, opencode in `opencode models --verbose`); without it
// Claude Code and Codex assume 1M and ~258K.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runToExit } from '../cli/serve-process';
import { AGENT_TIMEOUT_MS, AGENTS_DOC, bin, CLAUDE, CODEX, hasBin, NO_OUTSIDE, recipeBlock, run, startServe, TextCallOllama } from './agent-kit';

const MODEL = 'qwen2.5-coder:7b';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}

describe('real agents know the window oblix models tells them', function () {
  this.timeout(AGENT_TIMEOUT_MS + 60_000);
  const ollama = new TextCallOllama();
  let serve: { proc: ChildProcess; url: string };
  let printed: string;
  let home: string;
  let work: string;
  before(async function () {
    if (!existsSync(CLAUDE) && !existsSync(CODEX) && !hasBin('opencode')) this.skip();
    ollama.models = [{ name: MODEL, contextLength: 32768, capabilities: ['completion', 'tools'] }];
    ollama.textCall = 'Hello there.';
    await ollama.start();
    const args = ['--local-model', MODEL, '--mode', 'local-only'];
    const models = await runToExit(['models', ...args], { OLLAMA_HOST: ollama.url });
    assert.equal(models.code, 0, models.stderr);
    printed = models.stdout;
    serve = await startServe(args, { OLLAMA_HOST: ollama.url });
  });
  after(async () => {
    serve?.proc.kill('SIGTERM');
    await ollama.stop();
  });
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'oblix-agent-home-'));
    work = join(home, 'work');
    mkdirSync(work);
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  /** A `NAME=value` or `name = value` setting from the printed recipes. */
  const setting = (name: string): string => new RegExp(`${name} ?= ?(\\d+)`).exec(printed)?.[1] ?? assert.fail(`oblix models printed no ${name}:\n${printed}`);

  it('Claude Code: ANTHROPIC_MODEL=auto and CLAUDE_CODE_MAX_CONTEXT_TOKENS as printed → its context window is the local one', async function () {
    if (!existsSync(CLAUDE)) this.skip();
    const ask = async (extra: NodeJS.ProcessEnv): Promise<{ contextWindow: number }> => {
      const r = await run(
        CLAUDE,
        ['-p', 'Say hi', '--output-format', 'json'],
        {
          PATH: process.env.PATH,
          HOME: home,
          ...NO_OUTSIDE,
          ANTHROPIC_BASE_URL: serve.url.replace(/\/v1$/, ''),
          ANTHROPIC_AUTH_TOKEN: 'oblix',
          CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
          DISABLE_AUTOUPDATER: '1',
          ...extra,
        },
        work,
      );
      assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
      const usage = Object.values((JSON.parse(r.stdout) as { modelUsage: Record<string, { contextWindow: number }> }).modelUsage);
      return usage[0]!;
    };
    const before = await ask({});
    assert.ok(before.contextWindow >= 200_000, `without the recipe Claude Code assumes ${before.contextWindow}`);
    ollama.reset();
    const after = await ask({
      ANTHROPIC_MODEL: 'auto',
      CLAUDE_CODE_MAX_CONTEXT_TOKENS: setting('CLAUDE_CODE_MAX_CONTEXT_TOKENS'),
      CLAUDE_CODE_MAX_OUTPUT_TOKENS: setting('CLAUDE_CODE_MAX_OUTPUT_TOKENS'),
    });
    assert.equal(after.contextWindow, 32768);
    // Its answers ask for the room the recipe leaves them (Oblix passes max_tokens on as num_predict).
    const chat = ollama.requests.filter((q) => q.path === '/api/chat').at(-1);
    assert.equal((chat?.body as { options?: { num_predict?: number } }).options?.num_predict, 8192);
  });

  it('Codex: model_context_window and model_auto_compact_token_limit as printed → its session works in the local window', async function () {
    if (!existsSync(CODEX)) this.skip();
    const windowIn = async (limits: string[]): Promise<number> => {
      const codexHome = mkdtempSync(join(home, 'codex-'));
      writeFileSync(
        join(codexHome, 'config.toml'),
        ['model = "auto"', 'model_provider = "oblix"', ...limits, '', '[model_providers.oblix]', 'name = "Oblix"', `base_url = "${serve.url}"`, 'wire_api = "responses"', ''].join(
          '\n',
        ),
      );
      const r = await run(
        process.execPath,
        [CODEX, 'exec', '--skip-git-repo-check', '-C', work, 'Say hi'],
        { PATH: process.env.PATH, HOME: home, CODEX_HOME: codexHome, ...NO_OUTSIDE },
        work,
      );
      assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
      const log = files(join(codexHome, 'sessions'))
        .map((f) => readFileSync(f, 'utf8'))
        .join('\n');
      return Number(/"model_context_window":\s*(\d+)/.exec(log)?.[1] ?? assert.fail('no model_context_window in the session log'));
    };
    assert.ok((await windowIn([])) > 200_000, 'without the recipe Codex assumes its own large window');
    const window = await windowIn([`model_context_window = ${setting('model_context_window')}`, `model_auto_compact_token_limit = ${setting('model_auto_compact_token_limit')}`]);
    // Codex keeps 5 % of the window in reserve and reports the rest.
    assert.equal(window, Math.floor(32768 * 0.95));
  });

  it('opencode: the limit docs/agents.md gives, as printed → opencode knows the local window', async function () {
    if (!hasBin('opencode')) this.skip();
    const printedLimit = /"limit": \{ "context": (\d+), "output": (\d+) \}/.exec(printed) ?? assert.fail(`oblix models printed no opencode limit:\n${printed}`);
    writeFileSync(join(work, 'opencode.json'), recipeBlock('- opencode, in `opencode.json`:', serve.url, AGENTS_DOC));
    const r = await run(bin('opencode'), ['models', 'oblix', '--verbose'], { PATH: process.env.PATH, HOME: home, ...NO_OUTSIDE }, work);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    const model = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as { id: string; limit: { context: number; output: number } };
    assert.equal(model.id, 'auto');
    assert.deepEqual(model.limit, { context: Number(printedLimit[1]), output: Number(printedLimit[2]) });
    assert.equal(model.limit.context, 32768);
  });
});
