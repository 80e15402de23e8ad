// What the real-agent tests share: where the agents are installed, how they run with outside
// traffic blocked, and `oblix serve` started from the sources.
import { spawn, type ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import * as net from 'node:net';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeOllama } from '../fakes/fake-ollama';
import { arr, isRecord, type FakeToolCall } from '../fakes/fake-server';

export const AGENTS = process.env.OBLIX_AGENTS_DIR ?? join(homedir(), '.cache', 'oblix-agents');
export const CLAUDE = join(AGENTS, 'node_modules', '@anthropic-ai', `claude-code-linux-${process.arch}`, 'claude');
export const CODEX = join(AGENTS, 'node_modules', '@openai', 'codex', 'bin', 'codex.js');
/** The agents npm puts on its bin path: opencode, cn (Continue), cline, qwen (qwen-code), pi. */
export const bin = (name: string): string => join(AGENTS, 'node_modules', '.bin', name);
export const hasBin = (name: string): boolean => existsSync(bin(name));
export const ENTRY = require.resolve('../../src/cli/main.ts');
export const AGENT_TIMEOUT_MS = 120_000;
/** Every proxy variable points at a closed port; only loopback is exempt. */
export const NO_OUTSIDE = Object.fromEntries(
  ['HTTPS_PROXY', 'HTTP_PROXY', 'ALL_PROXY', 'https_proxy', 'http_proxy', 'all_proxy']
    .map((k) => [k, 'http://127.0.0.1:9'])
    .concat([
      ['NO_PROXY', '127.0.0.1,localhost'],
      ['no_proxy', '127.0.0.1,localhost'],
    ]),
);

/** An Ollama that calls the tool when the conversation ends with the user, and answers after a tool result. */
export class AgentOllama extends FakeOllama {
  protected override toolCallFor(body: unknown): FakeToolCall | undefined {
    const last = arr(body, 'messages').at(-1);
    return isRecord(last) && last.role === 'tool' ? undefined : super.toolCallFor(body);
  }
}

/**
 * An Ollama like a small local model that writes its tool calls as text: while the conversation ends
 * with the user it answers `textCall` (a form from test/fixtures/tool-text-corpus.ts), after a tool
 * result it answers in words.
 */
export class TextCallOllama extends FakeOllama {
  textCall = '';

  protected override route(req: http.IncomingMessage, res: http.ServerResponse, path: string, body: unknown): Promise<boolean> {
    if (path === '/api/chat') {
      const last = arr(body, 'messages').at(-1);
      this.reply = isRecord(last) && last.role === 'tool' ? 'Done: the tool did it.' : this.textCall;
    }
    return super.route(req, res, path, body);
  }
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Kills a process and every process below it. A recipe runs under `sh -c`, and dash forks its last
 * command rather than exec it: killing the shell alone would leave the agent running.
 */
export function killTree(root: number): void {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // it ended while the list was read
    }
    // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  for (const pid of tree) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, timeoutMs = AGENT_TIMEOUT_MS): Promise<Run> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => killTree(p.pid!), timeoutMs);
    p.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export async function startServe(args: string[], env: NodeJS.ProcessEnv): Promise<{ proc: ChildProcess; url: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(OLLAMA_|OPENAI_|ANTHROPIC_|OBLIX_)/.test(k)));
  const dataDir = mkdtempSync(join(tmpdir(), 'oblix-data-'));
  const proc = spawn(process.execPath, ['--require', 'tsx/cjs', ENTRY, 'serve', '--port', '0', ...args], {
    env: { ...clean, OBLIX_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.once('exit', () => rmSync(dataDir, { recursive: true, force: true })); // its ledger goes with it
  proc.stderr!.resume();
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Oblix listening on (http:\/\/\S+\/v1)/.exec(out);
      if (m) resolve(m[1]!);
    });
    proc.once('exit', (code) => reject(new Error(`oblix serve exited ${code}`)));
  });
  return { proc, url };
}

export const README = join(__dirname, '..', '..', 'README.md');
export const AGENTS_DOC = join(__dirname, '..', '..', 'docs', 'agents.md');
/** The port every recipe in the docs uses, replaced by the test server's. */
const DOC_PORT = '62549';

/**
 * The first (or `nth`) fenced block after the paragraph that starts with `marker` in a doc (README.md by default),
 * word for word but for the port: the tests run the recipes as written.
 */
export function recipeBlock(marker: string, url: string, doc = README, nth = 0): string {
  const text = readFileSync(doc, 'utf8');
  const at = text.indexOf(`\n${marker}`);
  if (at < 0) throw new Error(`${doc} has no paragraph starting ${marker}`);
  const block = [...text.slice(at).matchAll(/\n```[a-z]*\n([\s\S]*?)\n```/g)][nth];
  if (!block) throw new Error(`${doc} has no code block ${nth} after ${marker}`);
  return block[1]!.replaceAll(DOC_PORT, new URL(url).port) + '\n';
}

/** The routing decisions `oblix serve` kept (GET /health), newest first. */
export async function decisions(url: string): Promise<{ requested: string; selected: string | null; reason: string }[]> {
  const r = await fetch(url.replace(/\/v1$/, '/health'));
  return ((await r.json()) as { decisions: { requested: string; selected: string | null; reason: string }[] }).decisions;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * An HTTP proxy on loopback that tunnels (CONNECT) or forwards only to loopback and refuses every
 * other host, naming it in `refused`: for agents that send all their traffic through HTTPS_PROXY and
 * ignore NO_PROXY (qwen-code), so that Oblix on loopback is reachable and nothing else is.
 */
export class LoopbackOnlyProxy {
  readonly refused: string[] = [];
  private readonly tunnels = new Set<net.Socket>();
  private readonly server = http.createServer((req, res) => {
    req.on('error', () => res.destroy());
    const target = new URL(req.url ?? '/', 'http://invalid');
    if (!LOOPBACK.has(target.hostname)) return this.refuse(target.host, () => res.writeHead(403).end());
    const upstream = http.request(target, { method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });

  url = '';

  constructor() {
    this.server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
      // An agent may drop a refused tunnel mid-answer: a reset then is no error of the proxy's.
      client.on('error', () => client.destroy());
      // Every tunnel, refused ones too: an agent may keep a refused one open, and stop() must not wait for it.
      this.tunnels.add(client);
      client.on('close', () => this.tunnels.delete(client));
      const [host = '', port = '443'] = (req.url ?? '').split(/:(?=\d+$)/);
      if (!LOOPBACK.has(host)) return this.refuse(req.url ?? '', () => client.end('HTTP/1.1 403 Forbidden\r\n\r\n'));
      const upstream = net.connect(Number(port), host.replace(/^\[|\]$/g, ''), () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
    });
  }

  private refuse(host: string, answer: () => void): void {
    this.refused.push(host);
    answer();
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  /** NO_OUTSIDE's variables pointed at this proxy. */
  env(): Record<string, string> {
    return Object.fromEntries(Object.entries(NO_OUTSIDE).map(([k, v]) => [k, /proxy$/i.test(k) && !/^no_/i.test(k) ? this.url : String(v)]));
  }

  async stop(): Promise<void> {
    for (const t of this.tunnels) t.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
