// The interactive terminal: Node's own readline, not a line-editing library. Why: it has line
// editing, history, Ctrl+C as a 'SIGINT' event and Ctrl+D as 'close', and its keypress parser
// already names bracketed paste's markers (`paste-start`, `paste-end`); it adds nothing to the
// bundle. What it lacks, multi-line paste, is the few lines below: while a paste is under way, its
// line breaks gather the lines instead of sending them; the Enter after the paste sends them all.
import * as readline from 'node:readline';
import type { ChatSession } from './chat-session';
import type { Style } from './style';

const PASTE_ON = '\x1b[?2004h';
const PASTE_OFF = '\x1b[?2004l';

export function runRepl(chat: ChatSession, style: Style, where: string): Promise<void> {
  const input = process.stdin;
  const output = process.stdout;
  const rl = readline.createInterface({ input, output, prompt: style.cyan('> '), historySize: 500, terminal: true });
  let pasting = false;
  let gathered: string[] = [];
  let answering: AbortController | null = null;
  const queue: string[] = [];

  output.write(PASTE_ON);
  output.write(style.dim(`Oblix chat (${where}), session ${chat.sessionId}. /help for commands, Ctrl+D to leave.\n`));
  // readline's own keypress listener runs first: by the time this one sees `paste-end`, the paste's lines were gathered.
  input.on('keypress', (_s: string | undefined, key: { name?: string } | undefined) => {
    if (key?.name === 'paste-start') pasting = true;
    else if (key?.name === 'paste-end') pasting = false;
  });

  let running = false;
  /** Lines are handled one at a time, in order: a line sent while another runs waits its turn. */
  const drain = async (): Promise<void> => {
    if (running) return;
    running = true;
    for (let line = queue.shift(); line !== undefined; line = queue.shift()) {
      answering = new AbortController();
      try {
        await chat.handle(line, answering.signal);
      } finally {
        answering = null;
      }
    }
    running = false;
    rl.prompt();
  };

  rl.on('line', (line) => {
    if (pasting) {
      gathered.push(line);
      return;
    }
    const text = [...gathered, line].join('\n');
    gathered = [];
    queue.push(text);
    void drain();
  });

  rl.on('SIGINT', () => {
    if (answering) {
      queue.length = 0; // what was sent behind the stopped answer goes too
      answering.abort();
      return;
    }
    // As in a shell: Ctrl+C drops what was typed, and never leaves (Ctrl+D does).
    gathered = [];
    rl.write(null, { ctrl: true, name: 'u' });
    output.write(style.dim('\n(Ctrl+D leaves)\n'));
    rl.prompt();
  });

  rl.prompt();
  return new Promise((resolve) => {
    rl.on('close', () => {
      answering?.abort();
      output.write(PASTE_OFF + '\n');
      resolve();
    });
  });
}
