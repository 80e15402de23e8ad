// Re-records the agent traffic of the routing set (bench/routing-set/agents.jsonl + shared.jsonl):
// each real agent runs a few small tasks through a real `oblix serve` whose only upstream is a fake
// Ollama that calls three of the agent's own tools and then answers. A recording proxy in front of
// Oblix keeps every body the agent sent, as it sent it; machine-specific text is replaced.
//   npm run bench:routing:record [-- --agents claude-code,codex] [--tasks 3] [--repack]
// The agents are installed outside the repo, as for test/agents (OBLIX_AGENTS_DIR, default
// ~/.cache/oblix-agents): npm install --prefix ~/.cache/oblix-agents @anthropic-ai/claude-code
// @openai/codex opencode-ai @continuedev/cli cline. Missing agents are skipped and named.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, hostname, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { FakeOllama } from '../test/fakes/fake-ollama';
import { arr, isRecord, type FakeToolCall } from '../test/fakes/fake-server';
import { loadAgentRecords, pack, SET_DIR, type AgentRecord } from './routing-set-store';

const AGENTS = process.env.OBLIX_AGENTS_DIR ?? join(homedir(), '.cache', 'oblix-agents');
const BIN = (name: string): string => join(AGENTS, 'node_modules', '.bin', name);
const ENTRY = require.resolve('../src/cli/main.ts');
const RUN_TIMEOUT_MS = 90_000;
const TOOL_STEPS = 3;
/** Every proxy variable points at a closed port; only loopback is exempt. */
const NO_OUTSIDE: NodeJS.ProcessEnv = Object.fromEntries(
  ['HTTPS_PROXY', 'HTTP_PROXY', 'ALL_PROXY', 'https_proxy', 'http_proxy', 'all_proxy']
    .map((k) => [k, 'http://127.0.0.1:9'])
    .concat([
      ['NO_PROXY', '127.0.0.1,localhost'],
      ['no_proxy', '127.0.0.1,localhost'],
    ]),
);

/** Small tasks a developer gives an agent in a fresh project. */
const TASKS = [
  'Create hello.txt containing a greeting',
  'Read README.md and summarise what this project does',
  'Add a function isEven(n) to math.js and export it',
  'Find why npm test fails and fix it',
  'Rename the variable tmp to userCount in index.js',
  'Write a unit test for the add function in math.js',
  'Explain the architecture of this project and suggest how to split index.js into modules',
  'Add input validation to add() so it throws on non-numbers, and update the callers',
];

/** The tool calls the fake asks for, by the names the agents give their tools: read, list, write. */
function toolCandidates(work: string): FakeToolCall[][] {
  const file = join(work, 'README.md');
  return [
    [
      { name: 'Read', arguments: { file_path: file } },
      { name: 'read', arguments: { filePath: file } },
      { name: 'read_file', arguments: { path: 'README.md', target_file: 'README.md', filepath: 'README.md' } },
      { name: 'read_files', arguments: { files: [{ path: 'README.md' }] } },
      { name: 'exec_command', arguments: { cmd: 'cat README.md' } },
      { name: 'shell', arguments: { command: ['cat', 'README.md'] } },
    ],
    [
      { name: 'Bash', arguments: { command: 'ls', description: 'List files' } },
      { name: 'bash', arguments: { command: 'ls', description: 'List files' } },
      { name: 'run_terminal_command', arguments: { command: 'ls' } },
      { name: 'execute_command', arguments: { command: 'ls', requires_approval: false } },
      { name: 'run_commands', arguments: { commands: ['ls'] } },
      { name: 'exec_command', arguments: { cmd: 'ls' } },
      { name: 'shell', arguments: { command: ['ls'] } },
      { name: 'ls', arguments: { path: work } },
    ],
    [
      { name: 'Write', arguments: { file_path: join(work, 'hello.txt'), content: 'hello\n' } },
      { name: 'write', arguments: { filePath: join(work, 'hello.txt'), content: 'hello\n' } },
      { name: 'create_new_file', arguments: { filepath: 'hello.txt', contents: 'hello\n' } },
      { name: 'write_to_file', arguments: { path: 'hello.txt', content: 'hello\n' } },
      { name: 'editor', arguments: { command: 'create', path: 'hello.txt', file_text: 'hello\n' } },
      { name: 'apply_patch', arguments: { input: '*** Begin Patch\n*** Add File: hello.txt\n+hello\n*** End Patch\n' } },
    ],
  ];
}

/** Calls one of the agent's tools per step, TOOL_STEPS times, then answers. */
class RecordingOllama extends FakeOllama {
  work = '';
  protected override toolCallFor(body: unknown): FakeToolCall | undefined {
    const declared = new Set(arr(body, 'tools').map((t) => (isRecord(t) && isRecord(t.function) ? t.function.name : undefined)));
    if (declared.size === 0) return undefined;
    const step = arr(body, 'messages').filter((m) => isRecord(m) && m.role === 'tool').length;
    if (step >= TOOL_STEPS) return undefined;
    return toolCandidates(this.work)[step]!.find((c) => declared.has(c.name));
  }
}

interface Agent {
  name: string;
  bin: string;
  /** The command for one task; files to write first are relative to home. */
  command(
    task: string,
    ctx: { url: string; home: string; work: string },
  ): { cmd: string; args: string[]; env: NodeJS.ProcessEnv; files?: Record<string, string>; setup?: [string, string[]] };
}

const AGENT_LIST: Agent[] = [
  {
    name: 'claude-code',
    bin: join(AGENTS, 'node_modules', '@anthropic-ai', `claude-code-linux-${process.arch}`, 'claude'),
    command: (task, { url }) => ({
      cmd: join(AGENTS, 'node_modules', '@anthropic-ai', `claude-code-linux-${process.arch}`, 'claude'),
      args: ['-p', task, '--output-format', 'json', '--allowedTools', 'Read,Write,Bash'],
      env: { ANTHROPIC_BASE_URL: url, ANTHROPIC_AUTH_TOKEN: 'oblix', DISABLE_AUTOUPDATER: '1', DISABLE_TELEMETRY: '1', DISABLE_ERROR_REPORTING: '1' },
    }),
  },
  {
    name: 'codex',
    bin: join(AGENTS, 'node_modules', '@openai', 'codex', 'bin', 'codex.js'),
    command: (task, { url, home, work }) => ({
      cmd: process.execPath,
      args: [join(AGENTS, 'node_modules', '@openai', 'codex', 'bin', 'codex.js'), 'exec', '--skip-git-repo-check', '--dangerously-bypass-approvals-and-sandbox', '-C', work, task],
      env: { CODEX_HOME: join(home, '.codex') },
      files: {
        '.codex/config.toml': [
          'model = "gpt-5.5"',
          'model_provider = "oblix"',
          '',
          '[model_providers.oblix]',
          'name = "Oblix"',
          `base_url = "${url}/v1"`,
          'wire_api = "responses"',
          '',
        ].join('\n'),
      },
    }),
  },
  {
    name: 'opencode',
    bin: BIN('opencode'),
    command: (task, { url }) => ({
      cmd: BIN('opencode'),
      args: ['run', task],
      env: { OPENCODE_DISABLE_AUTOUPDATE: '1', OPENCODE_DISABLE_MODELS_FETCH: '1', OPENCODE_CONFIG: 'opencode.json' },
      files: {
        'work/opencode.json': JSON.stringify({
          $schema: 'https://opencode.ai/config.json',
          provider: {
            oblix: {
              npm: '@ai-sdk/openai-compatible',
              name: 'Oblix',
              options: { baseURL: `${url}/v1`, apiKey: 'oblix' },
              models: { 'gpt-5.5': { name: 'gpt-5.5', tool_call: true }, 'gpt-5-mini': { name: 'gpt-5-mini' } },
            },
          },
          model: 'oblix/gpt-5.5',
          small_model: 'oblix/gpt-5-mini',
          autoupdate: false,
          share: 'disabled',
        }),
      },
    }),
  },
  {
    name: 'continue',
    bin: BIN('cn'),
    command: (task, { url, home }) => ({
      cmd: BIN('cn'),
      args: ['-p', task, '--config', join(home, 'continue.yaml'), '--auto'],
      env: { CONTINUE_CLI_DISABLE_TELEMETRY: '1', CONTINUE_TELEMETRY_ENABLED: '0' },
      files: {
        'continue.yaml': [
          'name: oblix',
          'version: 0.0.1',
          'schema: v1',
          'models:',
          '  - name: Oblix',
          '    provider: openai',
          '    model: gpt-5.5',
          `    apiBase: ${url}/v1`,
          '    apiKey: oblix',
          '    roles: [chat, edit, apply]',
          '',
        ].join('\n'),
      },
    }),
  },
  {
    name: 'cline',
    bin: BIN('cline'),
    command: (task, { url, home, work }) => ({
      cmd: BIN('cline'),
      args: [task, '--json', '--config', join(home, '.cline'), '-c', work, '-t', '80'],
      env: {},
      setup: [BIN('cline'), ['auth', '-p', 'openai', '-k', 'oblix', '-m', 'gpt-5.5', '-b', `${url}/v1`, '--config', join(home, '.cline')]],
    }),
  },
];

interface Captured {
  agent: string;
  path: string;
  body: unknown;
}

/** Forwards to Oblix and keeps every JSON body sent to a generation endpoint. */
function recordingProxy(target: URL, sink: Captured[], agent: () => string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const path = (req.url ?? '/').split('?')[0]!;
      if (raw.length > 0 && /\/(?:messages|responses|chat\/completions|completions)$/.test(path)) {
        try {
          sink.push({ agent: agent(), path, body: JSON.parse(raw.toString('utf8')) });
        } catch {
          // not JSON: not a request the set can use
        }
      }
      const up = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      up.on('error', () => res.destroy());
      up.end(raw);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function startServe(config: string, ollamaUrl: string): Promise<{ proc: ChildProcess; url: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(OLLAMA_|OPENAI_|ANTHROPIC_|OBLIX_)/.test(k)));
  const proc = spawn(process.execPath, ['--require', 'tsx/cjs', ENTRY, 'serve', '--port', '0', '--config', config, '--local-model', 'llama3.2:latest', '--mode', 'local-only'], {
    env: { ...clean, OLLAMA_HOST: ollamaUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stderr!.resume();
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Oblix listening on (http:\/\/\S+)\/v1/.exec(out);
      if (m) resolve(m[1]!);
    });
    proc.once('exit', (code) => reject(new Error(`oblix serve exited ${code}`)));
  });
  return { proc, url };
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => p.kill('SIGKILL'), RUN_TIMEOUT_MS);
    p.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: -1, out: String(err) });
    });
    p.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

/** Replaces what names this machine, this user or this run's temporary folders. */
function scrub(text: string, home: string, work: string): string {
  let t = text.split(work).join('/home/dev/project').split(home).join('/home/dev');
  for (const s of [tmpdir(), homedir(), hostname(), userInfo().username].filter((x) => x.length >= 4))
    t = t.split(s).join(s === hostname() ? 'devbox' : s === userInfo().username ? 'dev' : '/home/dev');
  return t.replace(/\b20\d\d-\d\d-\d\d\b/g, '2025-01-15').replace(/oblix-rec-[A-Za-z0-9]{6}/g, 'project');
}

/** Ids that name this installation: Claude Code's user and device hashes, Codex's installation id. */
function anonymize(json: string): string {
  return json.replace(/\b[0-9a-f]{64}\b/g, '0'.repeat(64)).replace(/("x-codex-installation-id":")[^"]+"/g, '$1' + '00000000-0000-0000-0000-000000000000"');
}

/** A turn of the main loop declares tools; a utility call (title, topic, summary) declares none. */
function roleOf(path: string, body: unknown): AgentRecord['role'] {
  if (path.endsWith('/completions') && !path.endsWith('/chat/completions')) return 'autocomplete';
  return isRecord(body) && Array.isArray(body.tools) && body.tools.length > 0 ? 'main' : 'utility';
}

async function main(): Promise<void> {
  const only = process.argv.includes('--agents') ? new Set(process.argv[process.argv.indexOf('--agents') + 1]!.split(',')) : undefined;
  const taskCount = Number(process.argv[process.argv.indexOf('--tasks') + 1]) || TASKS.length;
  if (process.argv.includes('--repack')) return write([]); // after a change to the packing, without running agents
  const ollama = new RecordingOllama();
  await ollama.start();
  const configDir = mkdtempSync(join(tmpdir(), 'oblix-rec-config-'));
  const config = join(configDir, 'oblix.json');
  // Every name the agents ask for goes to the fake; Codex offers apply_patch only to gpt-5 names it knows.
  writeFileSync(config, JSON.stringify({ modelAliases: { 'gpt-5*': 'ollama:llama3.2:latest', 'claude-*': 'ollama:llama3.2:latest' } }));
  const serve = await startServe(config, ollama.url);
  const captured: Captured[] = [];
  let current = '';
  const proxy = await recordingProxy(new URL(serve.url), captured, () => current);
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
  const outcome: string[] = [];
  try {
    for (const agent of AGENT_LIST) {
      if (only && !only.has(agent.name)) continue;
      if (!existsSync(agent.bin)) {
        outcome.push(`${agent.name}: not installed in ${AGENTS}, skipped`);
        continue;
      }
      current = agent.name;
      let ok = 0;
      let lastError = '';
      for (const task of TASKS.slice(0, taskCount)) {
        const home = mkdtempSync(join(tmpdir(), 'oblix-rec-'));
        const work = join(home, 'work');
        mkdirSync(work);
        writeFileSync(join(work, 'README.md'), '# demo\n\nA small demo project.\n');
        writeFileSync(join(work, 'math.js'), 'export function add(a, b) {\n  return a + b;\n}\n');
        writeFileSync(join(work, 'index.js'), "import { add } from './math.js';\nconst tmp = add(1, 2);\nconsole.log(tmp);\n");
        ollama.work = work;
        const c = agent.command(task, { url: proxyUrl, home, work });
        for (const [rel, text] of Object.entries(c.files ?? {})) {
          mkdirSync(join(home, rel, '..'), { recursive: true });
          writeFileSync(join(home, rel), text);
        }
        const env = { PATH: process.env.PATH, HOME: home, ...NO_OUTSIDE, ...c.env };
        if (c.setup) await run(c.setup[0], c.setup[1], env, work);
        const before = captured.length;
        const r = await run(c.cmd, c.args, env, work);
        for (const q of captured.slice(before)) q.body = JSON.parse(scrub(JSON.stringify(q.body), home, work));
        if (r.code === 0 && captured.length > before) ok++;
        else lastError = `exit ${r.code}, ${captured.length - before} requests: ${r.out.slice(-300).replace(/\s+/g, ' ')}`;
        rmSync(home, { recursive: true, force: true });
      }
      const n = captured.filter((q) => q.agent === agent.name).length;
      outcome.push(`${agent.name}: ${ok}/${taskCount} tasks finished, ${n} requests recorded${lastError ? `; last failure: ${lastError}` : ''}`);
    }
  } finally {
    proxy.close();
    serve.proc.kill('SIGTERM');
    await ollama.stop();
    rmSync(configDir, { recursive: true, force: true });
  }
  if (!only || only.has('continue-autocomplete')) captured.push(...autocompleteRequests());
  write(captured);
  for (const line of outcome) console.log(line);
}

/**
 * Autocomplete cannot be driven headless (Continue's `cn` has no tab completion), so these are
 * built in the shape Continue's autocomplete sends to an OpenAI-compatible /v1/completions: a
 * fill-in-the-middle prompt with the model's FIM tokens, cut at fixed points of this repository's
 * own sources. Marked as constructed (agent `continue-autocomplete`) in LABELS.md.
 */
function autocompleteRequests(): Captured[] {
  const files = [
    'src/core/routing/tiers.ts',
    'src/core/routing/task-kind.ts',
    'src/core/routing/stickiness.ts',
    'src/core/routing/difficulty.ts',
    'src/core/dialects/completions/parse.ts',
    'src/core/routing/token-estimate.ts',
  ];
  const out: Captured[] = [];
  for (const f of files) {
    const text = readFileSync(join(__dirname, '..', f), 'utf8');
    for (const at of [0.3, 0.5, 0.7, 0.9]) {
      const cut = text.indexOf('\n', Math.floor(text.length * at)) + 1;
      const prefix = text.slice(Math.max(0, cut - 800), cut) + '  ';
      const suffix = text.slice(cut, cut + 300);
      out.push({
        agent: 'continue-autocomplete',
        path: '/v1/completions',
        body: {
          model: 'qwen2.5-coder:1.5b',
          prompt: `<|fim_prefix|>${prefix}<|fim_suffix|>${suffix}<|fim_middle|>`,
          max_tokens: 128,
          temperature: 0.01,
          stop: ['<|endoftext|>', '<|fim_pad|>', '\n\n'],
          stream: true,
        },
      });
    }
  }
  return out;
}

/** agents.jsonl and shared.jsonl, replacing the agents recorded this time and keeping the others. */
function write(captured: Captured[]): void {
  const shared = new Map<string, unknown>();
  const counters = new Map<string, number>();
  const records: AgentRecord[] = captured.map((q) => {
    const n = (counters.get(q.agent) ?? 0) + 1;
    counters.set(q.agent, n);
    const role = roleOf(q.path, q.body);
    return { id: `${q.agent}-${String(n).padStart(3, '0')}`, agent: q.agent, path: q.path, role, label: role === 'main' ? 'strong' : 'small', body: q.body };
  });
  // Keep the agents not re-recorded this time, unpacked and packed again so shared.jsonl stays whole.
  const kept = loadAgentRecords().filter((r) => !counters.has(r.agent));
  const all = [...kept, ...records].map((r) => ({ ...r, body: pack(JSON.parse(anonymize(JSON.stringify(r.body))), shared) }));
  mkdirSync(SET_DIR, { recursive: true });
  writeFileSync(join(SET_DIR, 'agents.jsonl'), all.map((r) => JSON.stringify(r)).join('\n') + '\n');
  writeFileSync(join(SET_DIR, 'shared.jsonl'), [...shared].map(([ref, value]) => JSON.stringify({ ref, value })).join('\n') + '\n');
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
