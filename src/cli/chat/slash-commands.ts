// The chat's slash commands: parsing, and a clear answer with the closest command for a mistyped one.
import { closestName } from '../../core/support/closest-name';

export const COMMANDS = {
  '/why': 'the last routing decision: the model, the reason, the candidates and what was passed over',
  '/model': '[id] show or set the model (auto, or an id such as ollama:llama3.2)',
  '/mode': '[auto|local-only|cloud-only] show or set where prompts may go',
  '/prefer': 'local|balanced|quality  which tier auto tries first',
  '/new': 'start a new session',
  '/sessions': 'list the saved sessions',
  '/resume': 'ID  continue a saved session (an id, or the start of one)',
  '/export': 'FILE  write this session to FILE, in the format VS Code imports',
  '/help': 'this list',
} as const;

export type CommandName = keyof typeof COMMANDS;

export type Parsed = { ok: true; name: CommandName; arg: string } | { ok: false; message: string };

/** `/model ollama:x` → { name: '/model', arg: 'ollama:x' }; an unknown one → a message naming the closest. */
export function parseCommand(line: string): Parsed {
  const [word = '', ...rest] = line.trim().split(/\s+/);
  const arg = rest.join(' ');
  if (word in COMMANDS) return { ok: true, name: word as CommandName, arg };
  const near = closestName(word, Object.keys(COMMANDS));
  return { ok: false, message: `Unknown command ${word}${near ? `: did you mean ${near}?` : '.'} Type /help for the list.` };
}

export function helpText(): string {
  return [
    ...Object.entries(COMMANDS).map(([name, what]) => `  ${name.padEnd(10)} ${what}`),
    '  Ctrl+C stops an answer (and clears the line); Ctrl+D leaves. Pasted text may run over several lines.',
  ].join('\n');
}
