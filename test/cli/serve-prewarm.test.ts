// `oblix serve --prewarm` loads the local chat model at start (an empty /api/generate), and the
// config file's `prewarm` and `keepAlive` fields: read when right, refused when wrong.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseServeArgs, readConfigFile, UsageError } from '../../src/cli/options';
import { FakeOllama } from '../fakes/fake-ollama';
import { quietMachineConfig, startServe, type Running } from './serve-process';

describe('oblix serve: --prewarm and keepAlive', function () {
  this.timeout(30_000);
  const ollama = new FakeOllama();
  let s: Running | undefined;
  before(() => ollama.start());
  after(() => ollama.stop());
  afterEach(() => s?.stop());
  beforeEach(() => {
    ollama.reset();
    ollama.loads.length = 0;
    for (const m of ollama.models) m.loaded = false;
  });

  /** Polls what the fake saw (the warm-up runs in the background after the ready line); no timing asserted. */
  const until = async (what: () => boolean): Promise<void> => {
    for (let i = 0; i < 200 && !what(); i++) await sleep(25);
  };

  it('--prewarm loads the model auto would pick for chat, with the config keepAlive, and says so', async () => {
    s = await startServe(['--port', '0', '--config', quietMachineConfig({ keepAlive: '1h' }), '--mode', 'local-only', '--prewarm'], { OLLAMA_HOST: ollama.url });
    await until(() => /pre-warmed/.test(s!.stderr()));
    assert.deepEqual(ollama.loads, ['llama3.2:latest']);
    const warm = ollama.requests.find((r) => r.path === '/api/generate')?.body as Record<string, unknown>;
    assert.deepEqual([warm.model, warm.prompt, warm.keep_alive], ['llama3.2:latest', '', '1h']);
    assert.match(s.stderr(), /oblix: pre-warmed ollama:llama3\.2:latest \(chat\) in \d+\.\d s/);
  });

  it('reads prewarm and keepAlive from a config file; a digits-only keepAlive is seconds; defaults: off and not sent', () => {
    assert.equal(parseServeArgs([], {}).prewarm, false);
    assert.equal(parseServeArgs([], {}).keepAlive, undefined);
    assert.equal(parseServeArgs(['--prewarm'], {}).prewarm, true);
    const c = readConfigFile(quietMachineConfig({ prewarm: true, keepAlive: '30m' }), {});
    assert.deepEqual([c.prewarm, c.keepAlive], [true, '30m']);
    assert.equal(readConfigFile(quietMachineConfig({ keepAlive: '-1' }), {}).keepAlive, -1);
    assert.equal(readConfigFile(quietMachineConfig({ keepAlive: 600 }), {}).keepAlive, 600);
  });

  it('refuses a keepAlive that is no duration and a prewarm that is no boolean, naming each', () => {
    assert.throws(
      () => readConfigFile(quietMachineConfig({ keepAlive: 'forever' }), {}),
      (e) => e instanceof UsageError && /"keepAlive" must be a duration such as "30m", "1h" or "-1" \(keep loaded\), or a number of seconds, not "forever"/.test(e.message),
    );
    assert.throws(
      () => readConfigFile(quietMachineConfig({ prewarm: 'yes' }), {}),
      (e) => e instanceof UsageError && /"prewarm" must be true or false, not "yes"/.test(e.message),
    );
  });
});
