// oblix.privacy.localOnlyFiles: which attached files keep a question local, through the real core
// behind the chat view and Ask Oblix (the exchange engine), with a cloud model that auto would prefer.
import assert from 'node:assert/strict';
import { executeStream, type ExchangeHost } from '../../src/extension/exchange';
import { DEFAULT_LOCAL_ONLY_FILES, localOnlyGlob, localOnlyReason } from '../../src/extension/local-only-files';
import { workspaceState, type KeyValueState } from '../../src/extension/state';
import { WorkspaceSessionStore } from '../../src/extension/workspace-session-store';
import { startHarness, type Harness } from '../harness';

/** A selection as chat/ask.ts's fence() writes it (that module needs vscode). */
const fence = (code: string, language: string, file: string, first: number, last = first): string =>
  `From \`${file}\` (${language}, ${last > first ? `lines ${first}–${last}` : `line ${first}`}):\n\`\`\`${language}\n${code}\n\`\`\``;

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

describe('oblix.privacy.localOnlyFiles', () => {
  it('matches the default globs: .env files, keys, anything under secrets/', () => {
    const g = DEFAULT_LOCAL_ONLY_FILES;
    for (const p of ['.env', 'config/.env.local', '/home/me/app/.env', 'certs/server.pem', 'id.key', 'deploy/secrets/db.yaml', 'C:\\\\work\\\\app\\\\.env'])
      assert.ok(localOnlyGlob(p, g), p);
    for (const p of ['src/env.ts', 'README.md', 'keys.ts', 'docs/secrets.md']) assert.equal(localOnlyGlob(p, g), null, p);
  });

  it('finds attached files by their reference header, in any user turn', () => {
    const env = fence('PORT=3000', 'dotenv', 'config/.env', 1);
    assert.equal(localOnlyReason([{ role: 'user', content: `Why?\n\n${env}` }], DEFAULT_LOCAL_ONLY_FILES), 'localOnlyFiles **/.env* (.env)');
    assert.equal(localOnlyReason([{ role: 'user', content: `Why?\n\n${fence('x', 'ts', 'src/a.ts', 1)}` }], DEFAULT_LOCAL_ONLY_FILES), null);
    assert.equal(localOnlyReason([{ role: 'user', content: `Why?\n\n${env}` }], []), null);
  });

  describe('through the exchange engine (chat view, Ask Oblix)', () => {
    let h: Harness;
    let host: ExchangeHost;
    before(async () => {
      // The local model needs more memory than the machine has: auto prefers the cloud.
      h = await startHarness({ configure: (c) => (c.thresholds = { maxCpuLoadPct: 101, memoryHeadroom: 100, lowBatteryPct: 0 }) });
      host = {
        oblix: h.oblix,
        sessions: new WorkspaceSessionStore(workspaceState(new MapState())),
        defaultModel: 'auto',
        begin: () => () => undefined,
        localOnlyFiles: DEFAULT_LOCAL_ONLY_FILES,
      };
    });
    after(() => h.stop());

    const ask = async (prompt: string, sessionId?: string): Promise<{ model: string; route: string; sessionId: string }> => {
      for await (const ev of executeStream(host, { prompt, ...(sessionId && { sessionId }) })) if (ev.type === 'done') return ev.result;
      throw new Error('no answer');
    };
    const cloudPosts = (): number => [...h.openai.requests, ...h.anthropic.requests].filter((r) => r.method === 'POST').length;

    it('a question about a .env selection is served locally, and so is the rest of that session', async () => {
      const plain = await ask('What is a dotenv file?');
      assert.equal(plain.model, 'openai:gpt-4o-mini');
      h.resetFakes();
      const first = await ask(`Is this right?\n\n${fence('PORT=3000\nDEBUG=1', 'dotenv', 'config/.env', 1, 2)}`);
      assert.deepEqual([first.model, first.route], ['ollama:llama3.2:latest', 'secret-kept-local']);
      const next = await ask('And what does DEBUG do?', first.sessionId);
      assert.deepEqual([next.model, next.route], ['ollama:llama3.2:latest', 'secret-kept-local']);
      assert.equal(cloudPosts(), 0);
    });
  });
});
