// Sessions as files: the terminal's session file imports into the editor's store, and the editor's
// export resumes in the terminal, both through the one codec (core/sessions/session-codec.ts).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeSession } from '../../src/core/sessions/session-codec';
import { workspaceState, type KeyValueState } from '../../src/extension/state';
import { WorkspaceSessionStore } from '../../src/extension/workspace-session-store';
import { FileSessionStore } from '../../src/sdk/file-session-store';

class MapState implements KeyValueState {
  private readonly data = new Map<string, string>();
  get<T>(key: string): T | undefined;
  get<T>(key: string, defaultValue: T): T;
  get<T>(key: string, defaultValue?: T): T | undefined {
    const raw = this.data.get(key);
    return raw === undefined ? defaultValue : (JSON.parse(raw) as T);
  }
  update(key: string, value: unknown): Thenable<void> {
    this.data.set(key, JSON.stringify(value));
    return Promise.resolve();
  }
}

const at = (s: number): string => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();

describe('FileSessionStore', () => {
  let dir: string;
  beforeEach(() => (dir = join(mkdtempSync(join(tmpdir(), 'oblix-sessions-')), 'sessions')));

  it('keeps each session in its own file, in the export format, and lists them newest first', async () => {
    const store = new FileSessionStore(dir);
    const a = await store.create();
    const b = await store.create('Second');
    await store.append(a.id, { role: 'user', content: 'How do I reverse a list?\nThanks', at: at(10) });
    await store.append(a.id, {
      role: 'assistant',
      content: 'xs[::-1]',
      at: at(11),
      model: 'ollama:llama3.2',
      route: 'local-preferred',
      usage: { prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 },
    });
    assert.deepEqual(readdirSync(dir).sort(), [`${a.id}.json`, `${b.id}.json`].sort());
    const onDisk = readFileSync(join(dir, `${a.id}.json`), 'utf8');
    assert.deepEqual(decodeSession(onDisk), store.get(a.id));
    assert.equal(store.get(a.id)!.title, 'How do I reverse a list?');
    const reopened = new FileSessionStore(dir);
    // b was made now; a's last message is dated 2026-01-01.
    assert.deepEqual(
      reopened.list().map((s) => [s.id, s.messageCount]),
      [
        [b.id, 0],
        [a.id, 2],
      ],
    );
    assert.equal(await reopened.delete(b.id), true);
    assert.equal(await reopened.delete(b.id), false);
    assert.deepEqual(readdirSync(dir), [`${a.id}.json`]);
  });

  it('a terminal session imports into VS Code, and a VS Code export resumes in the terminal', async () => {
    const terminal = new FileSessionStore(dir);
    const t = await terminal.create();
    await terminal.append(t.id, { role: 'user', content: 'from the terminal', at: at(1) });
    await terminal.append(t.id, { role: 'assistant', content: 'hello, terminal', at: at(2), model: 'openai:gpt-4o-mini', route: 'cloud-preferred', status: 'stopped' });
    const editor = new WorkspaceSessionStore(workspaceState(new MapState()));
    // What a person does: Oblix: Import Session… on the file the terminal wrote.
    const imported = await editor.import(readFileSync(join(dir, `${t.id}.json`), 'utf8'));
    assert.deepEqual(imported, terminal.get(t.id));

    const e = await editor.create();
    await editor.append(e.id, { role: 'user', content: 'from the editor', at: at(3) });
    await editor.append(e.id, {
      role: 'assistant',
      content: 'hello, editor',
      at: at(4),
      model: 'ollama:llama3.2',
      route: 'local-preferred',
      metrics: { timeToFirstTokenMs: 12, tokensPerSecond: 40 },
    });
    // Oblix: Export Session… saved into the data directory, or /import through the SDK: both read it.
    writeFileSync(join(dir, `${e.id}.json`), editor.export(e.id));
    assert.deepEqual(terminal.get(e.id), editor.get(e.id));
    const copy = await terminal.import(editor.export(e.id));
    assert.notEqual(copy.id, e.id, 'an id already here gets a fresh one');
    assert.deepEqual(copy.messages, editor.get(e.id)!.messages);
  });

  it('refuses an id that is not a plain name, so no file is written outside the folder', async () => {
    const store = new FileSessionStore(dir);
    await assert.rejects(store.create(undefined, '../escape'), /A session id may hold only letters, digits, '-' and '_'/);
    assert.equal(store.get('../escape'), undefined);
  });

  it('a bad import changes nothing and says what is wrong', async () => {
    const store = new FileSessionStore(dir);
    await assert.rejects(store.import('{"oblixSession": 1, "session": {"id": "x"}}'), /"session.messages" must be an array/);
    assert.deepEqual(store.list(), []);
  });
});
