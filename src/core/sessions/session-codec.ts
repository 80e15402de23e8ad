// Export and import of sessions as JSON, with a schema version so later versions can migrate.
import { errorMessage } from '../errors/error-message';
import { SESSION_SCHEMA_VERSION, type Session, type SessionMessage } from './session';

export interface SessionDocument {
  oblixSession: number;
  session: Session;
}

export class SessionFormatError extends Error {}

/** A session export larger than this is refused before it is parsed (long sessions are a few MB). */
export const MAX_SESSION_BYTES = 16 * 1024 * 1024;

export function tooLargeMessage(bytes: number): string {
  return `This file is ${(bytes / 1024 / 1024).toFixed(1)} MB; Oblix imports session exports of up to ${MAX_SESSION_BYTES / 1024 / 1024} MB.`;
}

export function encodeSession(session: Session): string {
  const doc: SessionDocument = { oblixSession: SESSION_SCHEMA_VERSION, session };
  return JSON.stringify(doc, null, 2);
}

/** Parses and checks a document; every problem names where it is. */
export function decodeSession(json: string): Session {
  if (json.length > MAX_SESSION_BYTES) throw new SessionFormatError(tooLargeMessage(Buffer.byteLength(json)));
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new SessionFormatError(`This is not JSON: ${errorMessage(err)}`);
  }
  const doc = obj(raw, 'the file');
  const version = doc.oblixSession;
  if (typeof version !== 'number') throw new SessionFormatError('This is not an Oblix session export (no "oblixSession" version).');
  if (version > SESSION_SCHEMA_VERSION)
    throw new SessionFormatError(`This session was exported by a newer Oblix (format ${version}); this one reads format ${SESSION_SCHEMA_VERSION}.`);
  const s = obj(doc.session, '"session"');
  const messages = arr(s.messages, '"session.messages"').map((m, i) => message(m, `"session.messages[${i}]"`));
  return {
    id: str(s.id, '"session.id"'),
    title: str(s.title, '"session.title"'),
    createdAt: date(s.createdAt, '"session.createdAt"'),
    updatedAt: date(s.updatedAt, '"session.updatedAt"'),
    messages,
  };
}

function message(v: unknown, where: string): SessionMessage {
  const m = obj(v, where);
  const role = m.role;
  if (role !== 'system' && role !== 'user' && role !== 'assistant') throw new SessionFormatError(`${where}.role must be system, user or assistant.`);
  const out: SessionMessage = { role, content: str(m.content, `${where}.content`, true), at: date(m.at, `${where}.at`) };
  if (m.model !== undefined) out.model = str(m.model, `${where}.model`);
  if (m.route !== undefined) out.route = str(m.route, `${where}.route`, true);
  if (m.why !== undefined) out.why = str(m.why, `${where}.why`, true);
  if (m.status !== undefined) {
    if (m.status !== 'stopped' && m.status !== 'error') throw new SessionFormatError(`${where}.status must be stopped or error.`);
    out.status = m.status;
  }
  if (m.metrics !== undefined) {
    const x = obj(m.metrics, `${where}.metrics`);
    const n = (k: string): number | null => {
      if (x[k] === null) return null;
      if (!finite(x[k])) throw new SessionFormatError(`${where}.metrics.${k} must be a finite number of at least 0, or null.`);
      return x[k] as number;
    };
    out.metrics = { timeToFirstTokenMs: n('timeToFirstTokenMs'), tokensPerSecond: n('tokensPerSecond') };
  }
  if (m.usage !== undefined) {
    const u = obj(m.usage, `${where}.usage`);
    const n = (k: string): number => {
      if (!finite(u[k])) throw new SessionFormatError(`${where}.usage.${k} must be a finite number of at least 0.`);
      return u[k] as number;
    };
    out.usage = { prompt_tokens: n('prompt_tokens'), completion_tokens: n('completion_tokens'), total_tokens: n('total_tokens') };
  }
  return out;
}

/** JSON's 1e309 parses as Infinity, which an export would write back as null: refuse it here. */
function finite(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

function obj(v: unknown, where: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new SessionFormatError(`${where} must be an object.`);
  return v as Record<string, unknown>;
}

function arr(v: unknown, where: string): unknown[] {
  if (!Array.isArray(v)) throw new SessionFormatError(`${where} must be an array.`);
  return v;
}

function str(v: unknown, where: string, allowEmpty = false): string {
  if (typeof v !== 'string' || (!allowEmpty && v.trim() === '')) throw new SessionFormatError(`${where} must be a${allowEmpty ? '' : ' non-empty'} string.`);
  return v;
}

function date(v: unknown, where: string): string {
  const s = str(v, where);
  if (Number.isNaN(Date.parse(s))) throw new SessionFormatError(`${where} must be a date (ISO 8601).`);
  return s;
}
