// The SessionStore on disk: one file per session, `<dataDir>/sessions/<id>.json`, each written in the
// extension's export format (sessions/session-codec.ts), so a terminal session file imports into
// VS Code as it is, and a VS Code export dropped into the folder resumes in the terminal.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Session, SessionMessage, SessionStore, SessionSummary } from '../core/sessions/session';
import { decodeSession, encodeSession } from '../core/sessions/session-codec';

const UNTITLED = 'New session';
/** Ids become file names: letters, digits, `-` and `_` only, so no id can reach outside the folder. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,100}$/;

export class FileSessionStore implements SessionStore {
  constructor(readonly dir: string) {}

  async create(title = UNTITLED, id: string = randomUUID()): Promise<Session> {
    checkId(id);
    if (this.get(id)) throw new Error(`A session with id ${id} already exists.`);
    const now = new Date().toISOString();
    const s: Session = { id, title, createdAt: now, updatedAt: now, messages: [] };
    this.save(s);
    return s;
  }

  /** Newest first; a file that is not a session (a stray, a half-written one) is skipped. */
  list(): SessionSummary[] {
    return this.all()
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .map((s) => ({ id: s.id, title: s.title, updatedAt: s.updatedAt, messageCount: s.messages.length }));
  }

  get(id: string): Session | undefined {
    if (!SAFE_ID.test(id)) return undefined;
    let text: string;
    try {
      text = readFileSync(this.file(id), 'utf8');
    } catch {
      return undefined;
    }
    return decodeSession(text);
  }

  async append(id: string, message: SessionMessage): Promise<Session> {
    const s = this.require(id);
    s.messages.push(message);
    s.updatedAt = message.at;
    // The first question names an untitled session, as in the editor's chat view.
    if (s.title === UNTITLED && message.role === 'user') s.title = titleFrom(message.content);
    this.save(s);
    return s;
  }

  async rename(id: string, title: string): Promise<Session> {
    const t = title.trim();
    if (!t) throw new Error('A session title cannot be empty.');
    const s = this.require(id);
    s.title = t;
    this.save(s);
    return s;
  }

  async delete(id: string): Promise<boolean> {
    if (!this.get(id)) return false;
    rmSync(this.file(id), { force: true });
    return true;
  }

  export(id: string): string {
    return encodeSession(this.require(id));
  }

  /** Validates first (a bad document throws and writes nothing); an id already here gets a fresh one, as in the editor. */
  async import(json: string): Promise<Session> {
    const s = decodeSession(json);
    if (!SAFE_ID.test(s.id) || this.get(s.id)) s.id = randomUUID();
    this.save(s);
    return s;
  }

  private all(): Session[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    const out: Session[] = [];
    for (const name of names) {
      if (!name.endsWith('.json')) continue;
      try {
        out.push(decodeSession(readFileSync(join(this.dir, name), 'utf8')));
      } catch {
        // not a session file: left alone, not listed
      }
    }
    return out;
  }

  private require(id: string): Session {
    const s = this.get(id);
    if (!s) throw new Error(`No session with id ${id}.`);
    return s;
  }

  /** Written to a temporary file and renamed, so a crash mid-write never leaves half a session. */
  private save(s: Session): void {
    checkId(s.id);
    mkdirSync(this.dir, { recursive: true });
    const tmp = join(this.dir, `.${s.id}.${process.pid}.tmp`);
    writeFileSync(tmp, encodeSession(s) + '\n');
    renameSync(tmp, this.file(s.id));
  }

  private file(id: string): string {
    return join(this.dir, `${id}.json`);
  }
}

function checkId(id: string): void {
  if (!SAFE_ID.test(id)) throw new Error(`A session id may hold only letters, digits, '-' and '_' (at most 100): ${JSON.stringify(id)}.`);
}

function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}…` : line || UNTITLED;
}
