// The workspace-state session store through the two Memento methods it uses.
import assert from 'node:assert/strict';
import { MAX_SESSION_BYTES } from '../../src/core/sessions/session-codec';
import { STATE_KEY, workspaceState, type KeyValueState } from '../../src/extension/state';
import { WorkspaceSessionStore } from '../../src/extension/workspace-session-store';

/** A Memento backed by a Map; `persisted` is what VS Code would have written to disk. */
class MapState implements KeyValueState {
  readonly persisted = new Map<string, string>();
  get<T>(key: string): T | undefined;
  get<T>(key: string, defaultValue: T): T;
  get<T>(key: string, defaultValue?: T): T | undefined {
    const raw = this.persisted.get(key);
    return raw === undefined ? defaultValue : (JSON.parse(raw) as T);
  }
  update(key: string, value: unknown): Thenable<void> {
    this.persisted.set(key, JSON.stringify(value)); // what VS Code stores is JSON: nothing else survives a reload
    return Promise.resolve();
  }
}

const at = (s: number): string => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();

describe('WorkspaceSessionStore', () => {
  it('creates, appends with model and usage, lists newest first, and survives a reload', async () => {
    const state = new MapState();
    const store = new WorkspaceSessionStore(workspaceState(state));
    const a = await store.create();
    const b = await store.create('Second');
    await store.append(a.id, { role: 'user', content: 'How do I reverse a list in Python?\nThanks', at: at(10) });
    await store.append(a.id, {
      role: 'assistant',
      content: 'Use reversed().',
      at: at(11),
      model: 'ollama:llama3.2',
      route: 'local-preferred',
      usage: { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 },
    });
    await store.append(b.id, { role: 'user', content: 'hi', at: at(5) });
    assert.deepEqual(
      store.list().map((s) => [s.title, s.messageCount]),
      [
        ['How do I reverse a list in Python?', 2],
        ['Second', 1],
      ],
    );

    const reloaded = new WorkspaceSessionStore(workspaceState(state)); // a window reload: a new store on the same state
    const again = reloaded.get(a.id)!;
    assert.equal(again.messages[1]!.model, 'ollama:llama3.2');
    assert.deepEqual(again.messages[1]!.usage, { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 });
    assert.equal(state.get<{ version: number }>(STATE_KEY.sessions)!.version, 1);
  });

  it('renames and deletes; refuses an empty title and unknown ids', async () => {
    const store = new WorkspaceSessionStore(workspaceState(new MapState()));
    const s = await store.create();
    assert.equal((await store.rename(s.id, '  Refactor plan ')).title, 'Refactor plan');
    await assert.rejects(store.rename(s.id, '   '), /empty/);
    await assert.rejects(store.append('nope', { role: 'user', content: 'x', at: at(1) }), /No session/);
    assert.equal(await store.delete(s.id), true);
    assert.equal(await store.delete(s.id), false);
    assert.deepEqual(store.list(), []);
  });

  it('exports and imports a session; an id already present gets a new one', async () => {
    const store = new WorkspaceSessionStore(workspaceState(new MapState()));
    const s = await store.create('Exported');
    await store.append(s.id, { role: 'user', content: 'q', at: at(1) });
    await store.append(s.id, { role: 'assistant', content: 'partial', at: at(2), model: 'openai:gpt-4o-mini', route: 'cloud-only', status: 'stopped' });
    const json = store.export(s.id);
    assert.equal(JSON.parse(json).oblixSession, 1);
    const copy = await store.import(json);
    assert.notEqual(copy.id, s.id);
    assert.deepEqual(copy.messages, store.get(s.id)!.messages);
    const other = new WorkspaceSessionStore(workspaceState(new MapState()));
    assert.equal((await other.import(json)).id, s.id);
  });

  it('rejects a bad import with a readable error and changes nothing', async () => {
    const state = new MapState();
    const store = new WorkspaceSessionStore(workspaceState(state));
    await store.create('Keep me');
    const before = state.persisted.get(STATE_KEY.sessions);
    const good = JSON.parse(store.export(store.list()[0]!.id)) as { session: { messages: unknown[] } };
    const cases: [string, RegExp][] = [
      ['not json', /not JSON/],
      ['[]', /must be an object/],
      ['{"session": {}}', /not an Oblix session/],
      ['{"oblixSession": 99, "session": {}}', /newer Oblix/],
      [JSON.stringify({ ...good, session: { ...good.session, messages: [{ role: 'robot', content: 'x', at: at(1) }] } }), /messages\[0\]"\.role/],
      [JSON.stringify({ ...good, session: { ...good.session, messages: [{ role: 'user', content: 'x', at: 'yesterday' }] } }), /messages\[0\]"\.at must be a date/],
      [JSON.stringify({ ...good, session: { ...good.session, messages: [{ role: 'assistant', content: 'x', at: at(1), usage: { prompt_tokens: -1 } }] } }), /usage\.prompt_tokens/],
      // 1e309 parses as Infinity, which an export would write as null and a re-import would refuse.
      [
        JSON.stringify({
          ...good,
          session: { ...good.session, messages: [{ role: 'assistant', content: 'x', at: at(1), usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } }] },
        }).replace('"prompt_tokens":1', '"prompt_tokens":1e309'),
        /usage\.prompt_tokens must be a finite number/,
      ],
      [
        JSON.stringify({
          ...good,
          session: { ...good.session, messages: [{ role: 'assistant', content: 'x', at: at(1), metrics: { timeToFirstTokenMs: 5, tokensPerSecond: 1 } }] },
        }).replace('"tokensPerSecond":1', '"tokensPerSecond":-1e309'),
        /metrics\.tokensPerSecond must be a finite number/,
      ],
      [`${JSON.stringify(good)}${' '.repeat(MAX_SESSION_BYTES)}`, /imports session exports of up to 16 MB/],
    ];
    for (const [json, message] of cases) await assert.rejects(store.import(json), message, json.slice(0, 40));
    assert.equal(state.persisted.get(STATE_KEY.sessions), before);
    assert.equal(store.list().length, 1);
  });
});

describe('WorkspaceSessionStore change event', () => {
  it('fires after every change, whoever made it, and not after a disposed listener', async () => {
    const store = new WorkspaceSessionStore(workspaceState(new MapState()));
    let changes = 0;
    const sub = store.onDidChange(() => changes++);
    const s = await store.create();
    await store.append(s.id, { role: 'user', content: 'hi', at: at(1) });
    await store.rename(s.id, 'Renamed');
    const imported = await store.import(store.export(s.id));
    await store.delete(imported.id);
    assert.equal(await store.delete('no-such-id'), false);
    assert.equal(changes, 5);
    sub.dispose();
    await store.create();
    assert.equal(changes, 5);
  });
});
