// What the interactive chat does with a line: a question goes to the router (streamed, with the
// footer line), a slash command is carried out. Separate from the terminal (repl.ts) so that both
// the one-shot mode and the terminal share it.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { ROUTING_MODES, type RoutingMode } from '../../core/config/config';
import { errorMessage } from '../../core/errors/error-message';
import { PREFERENCES, type Preference } from '../../core/routing/tiers';
import type { OblixClient } from '../../sdk/client';
import { engineOf } from '../../sdk/engine-of';
import { answerFooter } from './answer-footer';
import { helpText, parseCommand } from './slash-commands';
import type { Style } from './style';
import { whyText } from './why-text';

export interface ChatOutput {
  write(text: string): void;
}

export class ChatSession {
  sessionId: string;

  constructor(
    private readonly client: OblixClient,
    private readonly out: ChatOutput,
    private readonly style: Style,
    public model = 'auto',
    resume?: string,
  ) {
    this.sessionId = resume ?? randomUUID();
  }

  /** A question or a command; resolves when it is done (the answer ended, stopped or failed). */
  async handle(line: string, signal: AbortSignal): Promise<void> {
    const text = line.trim();
    if (text === '') return;
    if (text.startsWith('/') && !text.includes('\n')) return this.command(text);
    return this.ask(line, signal);
  }

  async ask(prompt: string, signal: AbortSignal): Promise<void> {
    try {
      for await (const c of this.client.execute({ prompt, sessionId: this.sessionId, model: this.model, stream: true, signal })) {
        if (c.type === 'text') this.out.write(c.text);
        else this.out.write(`\n${this.style.dim(answerFooter(c.result))}\n`);
      }
    } catch (err) {
      this.out.write(`\n${this.style.red(`oblix: ${errorMessage(err)}`)}\n`);
    }
  }

  private async command(line: string): Promise<void> {
    const parsed = parseCommand(line);
    if (!parsed.ok) return this.say(this.style.red(parsed.message));
    const { name, arg } = parsed;
    try {
      const engine = await engineOf(this.client);
      switch (name) {
        case '/help':
          return this.say(helpText());
        case '/why':
          return this.say(whyText(await engine.lastDecision()));
        case '/model':
          return this.setModel(arg, await engine.models());
        case '/mode': {
          if (!arg) return this.say(`mode: ${await engine.mode()}`);
          if (!ROUTING_MODES.includes(arg as RoutingMode)) return this.say(this.style.red(`Unknown mode '${arg}': use auto, local-only or cloud-only.`));
          await engine.setMode(arg as RoutingMode);
          return this.say(`mode: ${arg}`);
        }
        case '/prefer': {
          if (!arg) return this.say(`prefer: ${await engine.prefer()}`);
          if (!PREFERENCES.includes(arg as Preference)) return this.say(this.style.red(`Unknown preference '${arg}': use local, balanced or quality.`));
          await engine.setPrefer(arg as Preference);
          return this.say(`prefer: ${arg}`);
        }
        case '/new':
          this.sessionId = randomUUID();
          return this.say(`New session ${this.sessionId}.`);
        case '/sessions':
          return this.say(this.sessionList());
        case '/resume':
          return this.resume(arg);
        case '/export':
          return this.export(arg);
      }
    } catch (err) {
      this.say(this.style.red(`oblix: ${errorMessage(err)}`));
    }
  }

  private setModel(id: string, known: string[]): void {
    if (!id) return this.say(`model: ${this.model}\navailable: ${known.join(', ')}`);
    if (!known.includes(id)) return this.say(this.style.red(`No model '${id}' is available now. Available: ${known.join(', ')}.`));
    this.model = id;
    this.say(`model: ${id}`);
  }

  private sessionList(): string {
    const list = this.client.sessions.list();
    if (list.length === 0) return 'No saved sessions yet.';
    return list
      .map((s) => `${s.id === this.sessionId ? '*' : ' '} ${s.id}  ${s.updatedAt.slice(0, 16).replace('T', ' ')}  ${String(s.messageCount).padStart(3)} messages  ${s.title}`)
      .join('\n');
  }

  /** An id or an unambiguous start of one, as `git` takes commits. */
  private resume(prefix: string): void {
    if (!prefix) return this.say(this.style.red('Usage: /resume ID (see /sessions).'));
    const matches = this.client.sessions.list().filter((s) => s.id.startsWith(prefix));
    if (matches.length !== 1)
      return this.say(this.style.red(matches.length ? `'${prefix}' matches ${matches.length} sessions: give more of the id.` : `No session '${prefix}'. See /sessions.`));
    const s = this.client.sessions.get(matches[0]!.id)!;
    this.sessionId = s.id;
    const last = s.messages.filter((m) => m.role !== 'system').slice(-2);
    this.say([`Resumed "${s.title}" (${s.messages.length} messages).`, ...last.map((m) => this.style.dim(`${m.role === 'user' ? '>' : ' '} ${m.content}`))].join('\n'));
  }

  private export(file: string): void {
    if (!file) return this.say(this.style.red('Usage: /export FILE'));
    if (!this.client.sessions.get(this.sessionId)) return this.say(this.style.red('Nothing to export yet: this session has no messages.'));
    writeFileSync(file, this.client.sessions.export(this.sessionId) + '\n');
    this.say(`Exported to ${file} (VS Code: Oblix: Import Session…).`);
  }

  private say(text: string): void {
    this.out.write(`${text}\n`);
  }
}
