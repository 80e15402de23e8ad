// `oblix chat -p` and `echo … | oblix chat`: the answer alone on stdout, the routing on stderr; in
// process when no server runs, through `oblix serve` when one answers at the configured address.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLedger } from '../../../src/core/ledger/reader';
import { FakeOllama } from '../../fakes/fake-ollama';
import { quietMachineConfig, startServe } from '../serve-process';

const ENTRY = require.resolve('../../../src/cli/main.ts');

function run(args: string[], env: Record<string, string>, stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(OLLAMA_|OPENAI_|ANTHROPIC_|OBLIX_)/.test(k)));
  const proc = spawn(process.execPath, ['--require', 'tsx/cjs', ENTRY, 'chat', ...args], { env: { ...clean, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  proc.stdin.end(stdin ?? '');
  return new Promise((resolve) => proc.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('oblix chat, one question', function () {
  this.timeout(60_000);
  const ollama = new FakeOllama();
  let env: Record<string, string>;
  let config: string;
  before(() => ollama.start());
  after(() => ollama.stop());
  beforeEach(() => {
    ollama.reset();
    config = quietMachineConfig();
    env = { OLLAMA_HOST: ollama.url, OBLIX_DATA_DIR: mkdtempSync(join(tmpdir(), 'oblix-oneshot-')) };
  });

  it('-p prints the answer alone on stdout; the model, reason, tokens and time go to stderr', async () => {
    const r = await run(['-p', 'what is 2+2?', '--config', config, '--port', '9'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Hello from fake-ollama.\n');
    assert.match(r.stderr, /^oblix: ollama:llama3\.2:latest · [a-z-]+ · \d+ in, \d+ out · [\d.]+ s\n$/);
    // eslint-disable-next-line no-control-regex -- matches the terminal's ANSI escapes
    assert.doesNotMatch(r.stderr, /\x1b\[/, 'stderr is not a terminal: no colours');
  });

  it("records the answer in the data dir's usage ledger as oblix-cli, with no text, before the process exits", async () => {
    const r = await run(['-p', 'what is the zebra-4417 of 2+2?', '--config', config, '--port', '9'], env);
    assert.equal(r.code, 0, r.stderr);
    const dir = join(env.OBLIX_DATA_DIR!, 'usage');
    const read = readLedger(dir);
    assert.deepEqual(
      read.records.map((x) => [x.client, x.dialect, x.model, x.outcome]),
      [['oblix-cli', 'sdk', 'ollama:llama3.2:latest', 'ok']],
    );
    const text = readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('');
    assert.ok(!text.includes('zebra-4417') && !text.includes('fake-ollama'), 'neither the question nor the answer');
  });

  it('a question on stdin is answered the same way', async () => {
    const r = await run(['--config', config, '--port', '9'], env, 'what is 2+2?\n');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Hello from fake-ollama.\n');
    assert.deepEqual((ollama.requests.at(-1)!.body as { messages: unknown[] }).messages, [{ role: 'user', content: 'what is 2+2?\n' }]);
  });

  it('no question is a usage error (exit 2); a failed answer exits 1 with the reason', async () => {
    const none = await run(['--config', config, '--port', '9'], env, '  \n');
    assert.equal(none.code, 2);
    assert.match(none.stderr, /No question: give one with -p "…" or on stdin\./);
    const bad = await run(['-p', 'hi', '--model', 'ollama:nope', '--config', config, '--port', '9'], env);
    assert.equal(bad.code, 1);
    assert.equal(bad.stdout, '');
    assert.match(bad.stderr, /^oblix: .*nope/m);
  });

  it('uses the oblix serve that answers at --port, so the server routes and records it', async () => {
    const server = await startServe(['--port', '0', '--config', quietMachineConfig()], { OLLAMA_HOST: ollama.url });
    try {
      const port = new URL(server.url).port;
      // No OLLAMA_HOST for the chat: only the server knows where the model is.
      const r = await run(['-p', 'through the server', '--port', port, '--config', config], { OBLIX_DATA_DIR: env.OBLIX_DATA_DIR! });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, 'Hello from fake-ollama.\n');
      const health = (await (await fetch(`${server.base}/health`)).json()) as { decisions: { requested: string; selected: string }[] };
      assert.deepEqual(
        health.decisions.map((d) => d.selected),
        ['ollama:llama3.2:latest'],
      );
    } finally {
      await server.stop();
    }
  });

  it('chat --help prints the chat usage and asks nothing', async () => {
    const r = await run(['--help', '-p', 'never sent'], env);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: oblix chat \[-p QUESTION\] \[--model ID\] \[--resume SESSION\] \[--in-process\]/);
    assert.equal(ollama.requests.filter((q) => q.path === '/api/chat').length, 0);
  });

  it('an unknown flag names the closest', async () => {
    const r = await run(['--promt', 'x'], env);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Unknown option '--promt': did you mean --prompt\? See oblix chat --help\./);
  });
});
