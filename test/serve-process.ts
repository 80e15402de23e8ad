// `oblix serve` as a real child process (through tsx, the same source esbuild bundles): started
// with a clean environment plus the given variables, ready once it prints its ready line.
import { spawn, type ChildProcess } from 'node:child_process';

const ENTRY = require.resolve('../src/cli/main.ts');

export interface ServeProcess {
  proc: ChildProcess;
  /** http://HOST:PORT/v1 from the ready line. */
  url: string;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code once the process ended. */
  exited: Promise<number | null>;
}

export async function startServe(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(OLLAMA_|OPENAI_|ANTHROPIC_|OBLIX_)/.test(k)));
  const proc = spawn(process.execPath, ['--require', 'tsx/cjs', ENTRY, 'serve', ...args], { env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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
  return { proc, url, stdout: () => out, stderr: () => err, exited };
}
