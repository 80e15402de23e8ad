// The SessionStore on the workspace state (state.ts; a Map-backed Memento in unit tests).
// Everything is one versioned record, written on each change.
import { randomUUID } from 'node:crypto';
import { Emitter } from '../core/support/emitter';
import { SESSION_SCHEMA_VERSION, type Session, type SessionMessage, type SessionStore, type SessionSummary } from '../core/sessions/session';
import { decodeSession, encodeSession } from '../core/sessions/session-codec';
import { STATE_KEY, type StoredSessions, type WorkspaceState } from './state';

export class WorkspaceSessionStore implements SessionStore {
  private sessions: Session[];
  private readonly changed = new Emitter<void>();
  /**
   * Fires after every change, whoever made it (the chat view, a palette command, another
   * extension's execute()), so every view of the sessions follows. Shaped like a VS Code event.
   */
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: WorkspaceState) {
    this.sessions = migrate(state.get(STATE_KEY.sessions));
  }

  async create(title = 'New session'): Promise<Session> {
    const now = new Date().toISOString();
    const s: Session = { id: randomUUID(), title, createdAt: now, updatedAt: now, messages: [] };
    this.sessions.push(s);
    await this.save();
    return s;
  }

  list(): SessionSummary[] {
    return [...this.sessions]
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .map((s) => ({ id: s.id, title: s.title, updatedAt: s.updatedAt, messageCount: s.messages.length }));
  }

  get(id: string): Session | undefined {
    return this.sessions.find((s) => s.id === id);
  }

  async append(id: string, message: SessionMessage): Promise<Session> {
    const s = this.require(id);
    s.messages.push(message);
    s.updatedAt = message.at;
    // The first question names an untitled session, as chat tools do.
    if (s.title === 'New session' && message.role === 'user') s.title = titleFrom(message.content);
    await this.save();
    return s;
  }

  async rename(id: string, title: string): Promise<Session> {
    const t = title.trim();
    if (!t) throw new Error('A session title cannot be empty.');
    const s = this.require(id);
    s.title = t;
    await this.save();
    return s;
  }

  async delete(id: string): Promise<boolean> {
    const before = this.sessions.length;
    this.sessions = this.sessions.filter((s) => s.id !== id);
    if (this.sessions.length === before) return false;
    await this.save();
    return true;
  }

  export(id: string): string {
    return encodeSession(this.require(id));
  }

  async import(json: string): Promise<Session> {
    const s = decodeSession(json);
    // An import never overwrites: a session already here gets a fresh id.
    if (this.get(s.id)) s.id = randomUUID();
    this.sessions.push(s);
    await this.save();
    return s;
  }

  private require(id: string): Session {
    const s = this.get(id);
    if (!s) throw new Error(`No session with id ${id}.`);
    return s;
  }

  private async save(): Promise<void> {
    const stored: StoredSessions = { version: SESSION_SCHEMA_VERSION, sessions: this.sessions };
    await this.state.update(STATE_KEY.sessions, stored);
    this.changed.fire();
  }
}

function migrate(stored: StoredSessions | undefined): Session[] {
  if (!stored || !Array.isArray(stored.sessions)) return [];
  // Version 1 is the first format; later versions add their migrations here.
  return structuredClone(stored.sessions);
}

function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}…` : line || 'New session';
}
