// The exchange engine behind execute() and the chat view, on a real core and the fake Ollama: what
// it streams and what it records in the session (the session store on a Map-backed state).
import assert from 'node:assert/strict';
import { loadingInWords } from '../../src/core/routing/load-times';
import { executeStream, type ExchangeHost, type ExecuteEvent } from '../../src/extension/exchange';
import { workspaceState, type KeyValueState } from '../../src/extension/state';
import { WorkspaceSessionStore } from '../../src/extension/workspace-session-store';
import { startHarness, type Harness } from '../harness';

class MapState implements KeyValueState {
  private readonly map = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.map.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Thenable<void> {
    this.map.set(key, structuredClone(value));
    return Promise.resolve();
  }
}

describe('the exchange engine', () => {
  let h: Harness;
  let host: ExchangeHost & { busy: number };
  before(async () => {
    h = await startHarness({ configure: (c) => (c.mode = 'local-only') });
  });
  after(() => h.stop());
  beforeEach(() => {
    h.ollama.faults = {};
    let busy = 0;
    host = {
      oblix: h.oblix,
      sessions: new WorkspaceSessionStore(workspaceState(new MapState())),
      defaultModel: 'auto',
      begin: () => (busy++, () => void busy--),
      get busy() {
        return busy;
      },
    };
  });

  const run = async (options: Parameters<typeof executeStream>[1]): Promise<ExecuteEvent[]> => {
    const events: ExecuteEvent[] = [];
    for await (const ev of executeStream(host, options)) events.push(ev);
    return events;
  };

  it('tells the chat that it waits for a cold model to load, with the estimate; a loaded model is not announced', async () => {
    const m = h.ollama.models[0]!;
    m.loaded = false;
    m.sizeBytes = 4.7 * 1024 ** 3; // 7B: about 6 s at the default rate
    await h.oblix.refreshModels('ollama');
    const heard: string[] = [];
    const onLoading = (id: string, ms: number): void => void heard.push(loadingInWords(id, ms));
    await run({ prompt: 'Say hello', onLoading });
    assert.deepEqual(heard, ['loading llama3.2:latest, about 6 s']);
    await run({ prompt: 'Again', onLoading });
    assert.equal(heard.length, 1, 'loaded by the first answer: nothing to wait for');
    delete m.sizeBytes;
  });

  it('streams the answer and records the question and the answer in a new session', async () => {
    const events = await run({ prompt: 'Say hello' });
    const done = events.at(-1)!;
    assert.equal(done.type, 'done');
    if (done.type !== 'done') return;
    const text = events.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join('');
    assert.equal(text, h.ollama.reply);
    assert.deepEqual([done.result.response, done.result.model, done.result.status], [h.ollama.reply, 'ollama:llama3.2:latest', undefined]);
    const session = host.sessions.get(done.result.sessionId)!;
    assert.deepEqual(
      session.messages.map((m) => [m.role, m.content, m.model]),
      [
        ['user', 'Say hello', undefined],
        ['assistant', h.ollama.reply, 'ollama:llama3.2:latest'],
      ],
    );
    assert.equal(host.busy, 0);
  });

  it('keeps the partial answer, marked, when the upstream fails part-way', async () => {
    h.ollama.faults = { cutAfterTokens: 1 };
    const done = (await run({ prompt: 'Say hello' })).at(-1)!;
    assert.ok(done.type === 'done' && done.result.status === 'error' && done.result.response.length > 0, JSON.stringify(done));
    assert.equal(done.stored.status, 'error');
  });

  it('records nothing when it fails before the first token', async () => {
    h.ollama.faults = { status: 500 };
    const session = await host.sessions.create();
    await assert.rejects(run({ prompt: 'Say hello', sessionId: session.id }));
    assert.deepEqual(host.sessions.get(session.id)!.messages, []);
    assert.equal(host.busy, 0);
  });
});
