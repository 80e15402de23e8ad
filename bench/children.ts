// The servers under test, each in its own process: the fake upstream, `oblix serve` (the built
// dist/cli.js), Portkey's gateway (bench/gateway, when installed) and the floor proxy. Every child
// is ended by its pid when the benchmark ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..');

export interface Child {
  name: string;
  pid: number;
  /** What the child printed (stdout and stderr), for error reports. */
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of running) if (c.exitCode === null && c.pid) process.kill(c.pid, 'SIGKILL');
});

/** Starts `node args...` and resolves once a line of its output matches `ready`. */
export function startNode(name: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp, timeoutMs = 20_000): Promise<{ child: Child; match: RegExpExecArray }> {
  const proc = spawn(process.execPath, args, { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(proc);
  let out = '';
  const child: Child = {
    name,
    pid: proc.pid!,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        const hard = setTimeout(() => proc.kill('SIGKILL'), 3_000);
        proc.once('exit', () => {
          clearTimeout(hard);
          running.delete(proc);
          resolve();
        });
        proc.kill('SIGTERM');
      }),
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${name} did not start within ${timeoutMs} ms. Output:\n${out.slice(-2000)}`)), timeoutMs);
    const fail = (err: Error): void => {
      clearTimeout(timer);
      void child.stop();
      reject(err);
    };
    const onData = (d: Buffer): void => {
      out += d.toString('utf8');
      if (out.length > 200_000) out = out.slice(-100_000);
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, match: m });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code, signal) => fail(new Error(`${name} exited (${code ?? signal}) before it was ready. Output:\n${out.slice(-2000)}`)));
  });
}

/** A clean environment: none of the developer's own keys or upstream addresses leak into a child. */
export function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const k of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TERM']) if (process.env[k] !== undefined) env[k] = process.env[k];
  // The usage ledger of a benchmarked server goes to a temporary directory, not ~/.oblix.
  env.OBLIX_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'oblix-bench-data-'));
  return { ...env, ...extra };
}

export async function startFakeUpstreamProcess(): Promise<{ child: Child; url: string }> {
  const { child, match } = await startNode('fake upstream', ['--require', 'tsx/cjs', path.join('bench', 'fake-upstream.ts')], baseEnv({}), /fake upstream on (http:\/\/\S+)/);
  return { child, url: match[1]! };
}

/**
 * `oblix serve` from dist/cli.js with one cloud provider, `fakecloud`, pointed at the fake
 * (marked `local: false`: a loopback URL would otherwise count as a local model, and it stands
 * for a cloud here), and Ollama at a closed port: `auto` plans, passes over the absent local
 * runtime and chooses `fakecloud:gpt-4o-mini` (reason `no-local-model`).
 */
export async function startOblix(
  upstreamUrl: string,
  opts: { nodeArgs?: string[]; cli?: string; config?: Record<string, unknown> } = {},
): Promise<{ child: Child; url: string; configFile: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'oblix-bench-'));
  const configFile = path.join(dir, 'oblix.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      providers: [{ id: 'fakecloud', kind: 'openai', baseURL: upstreamUrl, apiKeyEnv: 'OBLIX_BENCH_UPSTREAM_KEY', local: false }],
      cloudModels: ['fakecloud:gpt-4o-mini'],
      mode: 'auto',
      ...opts.config,
    }),
  );
  const { child, match } = await startNode(
    'oblix serve',
    [...(opts.nodeArgs ?? []), opts.cli ?? path.join(REPO, 'dist', 'cli.js'), 'serve', '--port', '0', '--config', configFile],
    baseEnv({ OBLIX_BENCH_UPSTREAM_KEY: 'x', OLLAMA_HOST: 'http://127.0.0.1:9' }),
    /Oblix listening on (http:\/\/\S+)/,
  );
  const stop = child.stop;
  child.stop = async () => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  };
  return { child, url: match[1]!, configFile };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Where `npm run bench:setup` installs Portkey's gateway: a package of its own, out of the extension's dependencies. */
export const PORTKEY_DIR = path.join(REPO, 'bench', 'gateway', 'node_modules', '@portkey-ai', 'gateway');
export const PORTKEY_SETUP = 'npm run bench:setup';

/** Portkey's gateway version when bench/gateway has it installed; null when it does not. */
export function installedPortkey(): string | null {
  const manifest = path.join(PORTKEY_DIR, 'package.json');
  return existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : null;
}

/**
 * Portkey's open-source gateway (`@portkey-ai/gateway`, build/start-server.js, from bench/gateway).
 * It takes only `--port=N` and listens on every interface; bench/loopback-only.cjs makes it bind 127.0.0.1.
 */
export async function startPortkey(): Promise<{ child: Child; url: string }> {
  const port = await freePort();
  const { child } = await startNode(
    'portkey gateway',
    ['--require', path.join(REPO, 'bench', 'loopback-only.cjs'), path.join(PORTKEY_DIR, 'build', 'start-server.js'), `--port=${port}`, '--headless'],
    baseEnv({ NODE_ENV: 'production' }),
    /Ready for connections/,
  );
  return { child, url: `http://127.0.0.1:${port}/v1` };
}

/**
 * The floor (bench/passthrough.ts): a bare node:http → undici proxy, bundled by esbuild and run
 * under plain node like `oblix serve`, so its memory and CPU compare with Oblix's. `reading-floor`
 * (bench/reading-floor.ts) is the same proxy reading the request and the upstream's stream.
 */
export async function startFloor(upstreamUrl: string, entry: 'passthrough' | 'reading-floor' = 'passthrough'): Promise<{ child: Child; url: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'oblix-floor-'));
  const bundle = path.join(dir, `${entry}.js`);
  await build({ entryPoints: [path.join(REPO, 'bench', `${entry}.ts`)], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
  const { child, match } = await startNode(entry === 'passthrough' ? 'floor proxy' : 'reading floor', [bundle, upstreamUrl], baseEnv({}), /Oblix listening on (http:\/\/\S+)/);
  const stop = child.stop;
  child.stop = async () => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  };
  return { child, url: match[1]! };
}
