// `oblix serve` as a child process for tests: started through tsx (the same source esbuild
// bundles) with a clean environment, resolved at its ready line.
import { spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Readable } from 'node:stream';
import { join } from 'node:path';

const ENTRY = require.resolve('../../src/cli/main.ts');

export interface Running {
  proc: ChildProcess;
  /** http://127.0.0.1:PORT/v1 */
  url: string;
  /** http://127.0.0.1:PORT */
  base: string;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code once the process ended. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * A --config file that switches load-based routing off: the machine running the tests is busy
 * running them, and a test that expects a local model must not depend on the CPU load.
 */
export function quietMachineConfig(extra: Record<string, unknown> = {}): string {
  const file = join(mkdtempSync(join(tmpdir(), 'oblix-test-')), 'oblix.json');
  writeFileSync(file, JSON.stringify({ thresholds: { maxCpuLoadPct: 101, memoryHeadroom: 0, lowBatteryPct: 0 }, ...extra }));
  return file;
}

export async function startServe(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Running> {
  const proc = spawnOblix(['serve', ...args], env);
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line; stderr: ${err}`)), 15_000);
    const look = (): void => {
      const m = /^Oblix listening on (http:\/\/\S+\/v1)$/m.exec(out);
      if (!m) return;
      clearTimeout(timer);
      proc.stdout!.off('data', look);
      resolve(m[1]!);
    };
    proc.stdout!.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}: ${err}`));
    });
  });
  return {
    proc,
    url,
    base: url.replace(/\/v1$/, ''),
    stdout: () => out,
    stderr: () => err,
    exited,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGKILL');
      await exited;
    },
  };
}

/** The test runner's environment without the variables Oblix reads, so a developer's shell cannot change a test. */
function cleanEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(OLLAMA_|OPENAI_|ANTHROPIC_|OBLIX_)/.test(k)));
  // A usage ledger of its own, never the developer's ~/.oblix.
  return { ...clean, ...env, OBLIX_DATA_DIR: env.OBLIX_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'oblix-data-')) };
}

/** `oblix <args>` with cleanEnv; the data directory cleanEnv made goes once the process ended (one the test named stays). */
function spawnOblix(args: string[], env: NodeJS.ProcessEnv): ChildProcessByStdio<null, Readable, Readable> {
  const full = cleanEnv(env);
  const proc = spawn(process.execPath, ['--require', 'tsx/cjs', ENTRY, ...args], { env: full, stdio: ['ignore', 'pipe', 'pipe'] });
  if (env.OBLIX_DATA_DIR === undefined) proc.once('exit', () => rmSync(full.OBLIX_DATA_DIR!, { recursive: true, force: true }));
  return proc;
}

/**
 * Runs `oblix <args>` to its end (usage errors, `models`...). A process still running after 15 s
 * (a server that started where it should have refused) is killed and reported with code null.
 */
export async function runToExit(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const proc = spawnOblix(args, env);
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => proc.kill('SIGKILL'), 60_000); // a bound for a hung process, far above a start on a loaded machine
  const [code] = (await once(proc, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, stdout, stderr };
}
