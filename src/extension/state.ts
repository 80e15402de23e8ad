// The extension's saved state: every key of the workspace and global state, the type of its value,
// and a wrapper over VS Code's Memento that takes only those keys with those values. A mistyped key
// or a value of the wrong shape fails the type check instead of a read after the next reload.
import type { Memento } from 'vscode';
import type { Session } from '../core/sessions/session';

export const STATE_KEY = {
  currentSession: 'oblix.currentSession',
  sessions: 'oblix.sessions',
  firstStartShown: 'oblix.firstStartShown',
} as const;

/** Every session as one versioned record; workspace-session-store.ts migrates older versions. */
export interface StoredSessions {
  version: number;
  sessions: Session[];
}

/** Workspace state: kept per folder. */
export interface WorkspaceValues {
  /** The session the chat view shows. */
  [STATE_KEY.currentSession]: string;
  [STATE_KEY.sessions]: StoredSessions;
}

/** Global state: kept per user. */
export interface GlobalValues {
  /** The first-start notification was shown once. */
  [STATE_KEY.firstStartShown]: boolean;
}

/** The two methods of Memento the wrapper uses, so tests can pass a Map-backed state. */
export type KeyValueState = Pick<Memento, 'get' | 'update'>;

export class TypedState<V> {
  constructor(private readonly memento: KeyValueState) {}

  /** What was stored (by this version or an older one: read it defensively); undefined if nothing. */
  get<K extends keyof V & string>(key: K): V[K] | undefined {
    return this.memento.get<V[K]>(key);
  }

  update<K extends keyof V & string>(key: K, value: V[K]): Thenable<void> {
    return this.memento.update(key, value);
  }
}

export type WorkspaceState = TypedState<WorkspaceValues>;
export type GlobalState = TypedState<GlobalValues>;

export const workspaceState = (memento: KeyValueState): WorkspaceState => new TypedState(memento);
export const globalState = (memento: KeyValueState): GlobalState => new TypedState(memento);
