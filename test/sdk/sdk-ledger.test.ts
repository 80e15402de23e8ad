// The package's own callers are recorded in the usage ledger like every other: OblixClient in this
// process writes `<dataDir>/usage/` (the files `oblix serve` writes and `oblix usage` reads) as `sdk`,
// with the counts and never the text; through a server, the server's ledger names it `sdk` too.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLedger } from '../../src/core/ledger/reader';
import { OblixClient } from '../../src/sdk';
import { FakeOllama } from '../fakes/fake-ollama';
import { quietMachineConfig, startServe } from '../cli/serve-process';

const QUIET = { thresholds: { maxCpuLoadPct: 101, memoryHeadroom: 0, lowBatteryPct: 0 } };
const PROMPT = 'Tell me about the zebra-crossing-4417 budget.';

describe('OblixClient and the usage ledger', function () {
  this.timeout(30_000);
  const ollama = new FakeOllama();
  before(() => ollama.start());
  after(() => ollama.stop());
  beforeEach(() => {
    ollama.reset();
    ollama.reply = 'Hello from fake-ollama.';
  });

  it('execute() in this process appends one record to <dataDir>/usage, named sdk, with counts and no text; in the file once close() resolves', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'oblix-sdk-ledger-'));
    const client = new OblixClient({ ...QUIET, ollamaHost: ollama.url, dataDir, env: {} });
    const r = await client.execute({ prompt: PROMPT });
    assert.equal(r.text, 'Hello from fake-ollama.');
    await client.close();
    const read = readLedger(join(dataDir, 'usage'));
    assert.equal(read.corrupt, 0);
    assert.equal(read.records.length, 1);
    const rec = read.records[0]!;
    assert.equal(rec.client, 'sdk');
    assert.equal(rec.dialect, 'sdk');
    assert.equal(rec.requested, 'auto');
    assert.equal(rec.model, 'ollama:llama3.2:latest');
    assert.equal(rec.local, true);
    assert.equal(rec.outcome, 'ok');
    assert.equal(rec.costUSD, 0);
    assert.equal(rec.reason, r.reason);
    assert.ok(rec.tokensIn > 0 && rec.tokensOut > 0, JSON.stringify(rec));
    const text = readdirSync(join(dataDir, 'usage'))
      .map((f) => readFileSync(join(dataDir, 'usage', f), 'utf8'))
      .join('');
    assert.ok(!text.includes('zebra-crossing-4417'), 'no prompt text in the ledger');
    assert.ok(!text.includes('fake-ollama'), 'no answer text in the ledger');
  });

  it('a failed answer is recorded with its error; a client that never asked writes nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'oblix-sdk-ledger-'));
    const client = new OblixClient({ ...QUIET, ollamaHost: ollama.url, dataDir, env: {} });
    await assert.rejects(client.execute({ prompt: PROMPT, model: 'ollama:nope' }));
    await client.close();
    const records = readLedger(join(dataDir, 'usage')).records;
    assert.equal(records.length, 1);
    assert.equal(records[0]!.outcome, 'error');
    assert.equal(records[0]!.client, 'sdk');
    const idle = mkdtempSync(join(tmpdir(), 'oblix-sdk-ledger-'));
    await new OblixClient({ ...QUIET, ollamaHost: ollama.url, dataDir: idle, env: {} }).close();
    assert.ok(!existsSync(join(idle, 'usage')) || readLedger(join(idle, 'usage')).records.length === 0);
  });

  it("through a running oblix serve (connect: 'server'), the server's ledger names the caller sdk", async () => {
    const serverData = mkdtempSync(join(tmpdir(), 'oblix-sdk-serve-'));
    const server = await startServe(['--port', '0', '--config', quietMachineConfig()], { OLLAMA_HOST: ollama.url, OBLIX_DATA_DIR: serverData });
    const own = mkdtempSync(join(tmpdir(), 'oblix-sdk-remote-'));
    try {
      const remote = new OblixClient({ port: Number(new URL(server.url).port), connect: 'server', dataDir: own, env: {} });
      await remote.execute({ prompt: PROMPT });
      await remote.close();
      // The server writes at the end of its turn: poll briefly for the line.
      let records = readLedger(join(serverData, 'usage')).records;
      for (let i = 0; i < 50 && records.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        records = readLedger(join(serverData, 'usage')).records;
      }
      assert.deepEqual(
        records.map((r) => [r.client, r.dialect]),
        [['sdk', 'openai-chat']],
      );
      assert.ok(!existsSync(join(own, 'usage')), 'the client kept no ledger of its own: the server recorded it once');
    } finally {
      await server.stop();
    }
  });
});
