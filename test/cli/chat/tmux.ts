// A terminal for tests: `oblix chat` in a detached tmux session, driven with send-keys (typing,
// Ctrl+C, Ctrl+D, a bracketed paste) and read with capture-pane, as a person would use it.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const ENTRY = require.resolve('../../../src/cli/main.ts');
const ROOT = resolve(__dirname, '../../..');

export class Tmux {
  private static count = 0;
  /** Its own server socket: the tests never touch a person's tmux sessions. */
  readonly socket = `oblix-test-${process.pid}-${Tmux.count++}`;
  private readonly target = 'chat';

  /** Starts `oblix chat ARGS` with ENV (the test's environment minus provider variables, plus these). */
  constructor(args: string[], env: Record<string, string>) {
    const clean = Object.entries(process.env).filter(([k]) => !/^(OLLAMA_|OPENAI_|ANTHROPIC_|OBLIX_|NO_COLOR)/.test(k));
    const vars = [...clean, ...Object.entries(env)].map(([k, v]) => `${k}=${shellQuote(v ?? '')}`);
    // The shell stays after the chat exits, so a test can read its exit code.
    const command = `env -i ${vars.join(' ')} ${shellQuote(process.execPath)} --require tsx/cjs ${shellQuote(ENTRY)} chat ${args.map(shellQuote).join(' ')}; echo "[exited $?]"; sleep 600`;
    this.tmux('new-session', '-d', '-s', this.target, '-c', ROOT, '-x', '160', '-y', '50', command);
  }

  /** Keys as tmux names them: text, `Enter`, `C-c`, `C-d`. */
  send(...keys: string[]): void {
    this.tmux('send-keys', '-t', this.target, ...keys);
  }

  /** Text typed as it is (no key names). */
  type(text: string): void {
    this.tmux('send-keys', '-t', this.target, '-l', text);
  }

  /** A bracketed paste, as a terminal sends one when text is pasted (tmux wraps it when the program asked). */
  paste(text: string): void {
    this.tmux('set-buffer', '-b', 'paste', text);
    this.tmux('paste-buffer', '-p', '-b', 'paste', '-t', this.target);
  }

  /** The screen and its scrollback as text; `escapes`: with the colour codes. */
  screen(escapes = false): string {
    return this.tmux('capture-pane', '-p', '-J', '-S', '-500', ...(escapes ? ['-e'] : []), '-t', this.target);
  }

  /** Waits until the screen matches, and returns it; fails with the screen after `ms`. */
  async waitFor(pattern: RegExp, ms = 30_000): Promise<string> {
    const until = Date.now() + ms;
    for (;;) {
      const s = this.screen();
      if (pattern.test(s)) return s;
      if (Date.now() > until) throw new Error(`The screen never showed ${pattern}:\n${s}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
