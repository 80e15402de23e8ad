// How the recorded agent traffic is kept small on disk: every long string (system prompts, tool
// descriptions, reminders) and every tool list is stored once in shared.jsonl and referenced by its
// hash from agents.jsonl, since agents send the same system prompt and tools with every turn.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SET_DIR = join(__dirname, 'routing-set');
/** Strings this long or longer are stored by reference. */
const SHARED_MIN_CHARS = 400;
/** Conversation items this long or longer (as JSON) too: each turn repeats the ones before it. */
const SHARED_MIN_ITEM_CHARS = 200;
const CONVERSATIONS = new Set(['messages', 'input']);

export type Label = 'small' | 'strong';

/** One recorded request, as the agent sent it to Oblix. */
export interface AgentRecord {
  id: string;
  agent: string;
  /** The Oblix endpoint it was sent to, e.g. /v1/messages. */
  path: string;
  /** main: a turn of the agent's loop (tools declared); utility: a title/topic/summary call; autocomplete. */
  role: 'main' | 'utility' | 'autocomplete';
  label: Label;
  body: unknown;
}

type Shared = Map<string, unknown>;

const ref = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

/** Replaces long strings and tool lists by `{"$ref": hash}`, adding them to `shared`. */
export function pack(value: unknown, shared: Shared, key?: string): unknown {
  if (typeof value === 'string' && value.length >= SHARED_MIN_CHARS) return intern(value, shared);
  if (Array.isArray(value)) {
    const items = value.map((v) => pack(v, shared));
    if (key === 'tools' && items.length > 0) return intern(items, shared);
    if (key !== undefined && CONVERSATIONS.has(key)) return items.map((v) => (JSON.stringify(v).length >= SHARED_MIN_ITEM_CHARS ? intern(v, shared) : v));
    return items;
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pack(v, shared, k)]));
  }
  return value;
}

function intern(value: unknown, shared: Shared): { $ref: string } {
  const h = ref(value);
  shared.set(h, value);
  return { $ref: h };
}

export function unpack(value: unknown, shared: Shared): unknown {
  if (Array.isArray(value)) return value.map((v) => unpack(v, shared));
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.$ref === 'string' && Object.keys(o).length === 1) {
      if (!shared.has(o.$ref)) throw new Error(`routing set: missing shared entry ${o.$ref}`);
      return unpack(shared.get(o.$ref), shared);
    }
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, unpack(v, shared)]));
  }
  return value;
}

export function readJsonl<T>(file: string): T[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** The recorded agent traffic with every reference resolved. */
export function loadAgentRecords(dir = SET_DIR): AgentRecord[] {
  const shared: Shared = new Map(readJsonl<{ ref: string; value: unknown }>(join(dir, 'shared.jsonl')).map((e) => [e.ref, e.value]));
  return readJsonl<AgentRecord>(join(dir, 'agents.jsonl')).map((r) => ({ ...r, body: unpack(r.body, shared) }));
}
