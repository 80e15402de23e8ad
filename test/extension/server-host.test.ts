// The extension's server host on real ports (VS Code's module faked): start, re-point, restart on a
// new port with an answer in flight, stop, and each way a port can be taken (another program,
// another window's Oblix, with or without a key, an address that cannot be bound).
import assert from 'node:assert/strict';
import * as http from 'node:http';
import OpenAI from 'openai';
import type * as vscodeTypes from 'vscode';
import { defaultConfig, type OblixConfig } from '../../src/core/config/config';
import { OblixServer } from '../../src/core/server/http-server';
import { COMMAND } from '../../src/extension/ids';
import type { ExtensionSettings } from '../../src/extension/settings-parse';
import { freePort } from '../e2e/free-port';
import { startHarness, type Harness } from '../harness';
import { sseData } from '../raw-http';
import { commands, useFakeVscode, window } from '../lm/fake-vscode';

useFakeVscode();
// Loaded after the fake is in place (a static import would load the real, absent, 'vscode').
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the fake 'vscode' is in place
const { ServerHost } = require('../../src/extension/server-host') as typeof import('../../src/extension/server-host');

const HOST = '127.0.0.1';

function settings(port: number, config: Partial<OblixConfig> = {}, serverEnabled = true): ExtensionSettings {
  return {
    serverEnabled,
    editorModelsOnEndpoint: false,
    requireApiKey: false,
    defaultModel: 'auto',
    localOnlyFiles: [],
    config: { ...defaultConfig(), host: HOST, port, ...config },
    missingKeys: [],
    problems: [],
  };
}

async function status(port: number, path = '/health'): Promise<number | 'refused'> {
  try {
    return (await fetch(`http://${HOST}:${port}${path}`)).status;
  } catch {
    return 'refused';
  }
}

describe('ServerHost', () => {
  let h: Harness;
  const infos: string[] = [];
  const errors: string[] = [];
  const shown: unknown[][] = [];
  const executed: unknown[][] = [];
  let pick: string | undefined;
  const log = { info: (m: string) => infos.push(m), error: (m: string) => errors.push(m) } as unknown as vscodeTypes.LogOutputChannel;
  let host: InstanceType<typeof ServerHost>;

  before(async () => {
    h = await startHarness();
    window.showErrorMessage = (...args: unknown[]) => {
      shown.push(args);
      return Promise.resolve(pick);
    };
    commands.executeCommand = (...args: unknown[]) => {
      executed.push(args);
      return Promise.resolve();
    };
  });
  after(async () => {
    delete window.showErrorMessage;
    delete commands.executeCommand;
    await h.stop();
  });
  beforeEach(() => {
    host = new ServerHost(log);
    for (const list of [infos, errors, shown, executed]) list.length = 0;
    pick = undefined;
    h.openai.reset();
  });
  afterEach(() => host.stop(0));

  it('starts on the port and serves there', async () => {
    const port = await freePort();
    assert.deepEqual(await host.apply(h.oblix, settings(port)), { kind: 'own', url: `http://${HOST}:${port}/v1` });
    assert.deepEqual(host.state, { kind: 'own', url: `http://${HOST}:${port}/v1` });
    assert.equal(await status(port), 200);
    assert.deepEqual(infos, [`Server listening on http://${HOST}:${port}/v1`]);
  });

  it('the same address again re-points the running server (a new key applies at once), without a restart', async () => {
    const port = await freePort();
    const first = await host.apply(h.oblix, settings(port));
    const again = await host.apply(h.oblix, settings(port, { apiKey: 'sk-oblix-local-1234' }));
    assert.equal(again, first);
    assert.equal(await status(port), 401);
    assert.equal(infos.length, 1, 'listened once');
  });

  it('a new port: stops the old server and starts on the new one', async () => {
    const [a, b] = [await freePort(), await freePort()];
    await host.apply(h.oblix, settings(a));
    assert.deepEqual(await host.apply(h.oblix, settings(b)), { kind: 'own', url: `http://${HOST}:${b}/v1` });
    assert.equal(await status(a), 'refused');
    assert.equal(await status(b), 200);
  });

  it('switched off: stops, and says off', async () => {
    const port = await freePort();
    await host.apply(h.oblix, settings(port));
    assert.deepEqual(await host.apply(h.oblix, settings(port, {}, false)), { kind: 'off' });
    assert.equal(await status(port), 'refused');
    assert.deepEqual(await host.apply(h.oblix, settings(port, {}, false)), { kind: 'off' });
    // ...and on again at the same address: a fresh start, not a re-point of the stopped server.
    assert.deepEqual(await host.apply(h.oblix, settings(port)), { kind: 'own', url: `http://${HOST}:${port}/v1` });
    assert.equal(await status(port), 200);
  });

  it('dispose stops the server', async () => {
    const port = await freePort();
    await host.apply(h.oblix, settings(port));
    host.dispose();
    const until = Date.now() + 5_000;
    while ((await status(port)) !== 'refused' && Date.now() < until) await new Promise((r) => setImmediate(r));
    assert.equal(await status(port), 'refused');
  });

  it('a port held by another program: failed, with the message, a log line and a way to another port', async () => {
    const other = http.createServer((_req, res) => res.writeHead(404).end('not here'));
    await new Promise<void>((r) => other.listen(0, HOST, r));
    const port = (other.address() as { port: number }).port;
    try {
      pick = 'Choose Another Port';
      const message = `Port ${port} on ${HOST} is used by another program, so the Oblix endpoint could not start.`;
      assert.deepEqual(await host.apply(h.oblix, settings(port)), { kind: 'failed', message });
      assert.deepEqual(errors, [message]);
      assert.deepEqual(shown, [[message, 'Choose Another Port']]);
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(executed, [[COMMAND.choosePort]]);
    } finally {
      other.close();
    }
  });

  it('the message dismissed: no command runs', async () => {
    const other = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'));
    await new Promise<void>((r) => other.listen(0, HOST, r));
    const port = (other.address() as { port: number }).port;
    try {
      assert.equal((await host.apply(h.oblix, settings(port))).kind, 'failed'); // a /health, but not Oblix's
      await new Promise((r) => setImmediate(r));
      assert.equal(shown.length, 1);
      assert.deepEqual(executed, []);
    } finally {
      other.close();
    }
  });

  it("a port where another window's Oblix answers: shared, using it", async () => {
    const port = h.server.port;
    const url = `http://${HOST}:${port}/v1`;
    assert.deepEqual(await host.apply(h.oblix, settings(port)), { kind: 'shared', url });
    assert.deepEqual(infos, [`Another VS Code window already serves Oblix on ${url}; this window uses it.`]);
    assert.deepEqual([errors, shown], [[], []]);
  });

  it('...also when that Oblix wants a key (its 401 names Oblix)', async () => {
    const keyed = new OblixServer(h.oblix, { host: HOST, port: 0, allowedOrigins: [], apiKey: 'sk-oblix-other-1234', maxBodyBytes: 1_000_000 });
    await keyed.listen();
    try {
      assert.deepEqual(await host.apply(h.oblix, settings(keyed.port)), { kind: 'shared', url: `http://${HOST}:${keyed.port}/v1` });
    } finally {
      await keyed.close(0);
    }
  });

  it('an address that cannot be bound: failed, with the system error', async () => {
    const state = await host.apply(h.oblix, settings(4321, { host: '192.0.2.1' })); // TEST-NET-1: never this machine's
    assert.equal(state.kind, 'failed');
    assert.match((state as { message: string }).message, /^The Oblix endpoint could not start on 192\.0\.2\.1:4321: listen EADDRNOTAVAIL/);
    assert.equal(shown.length, 1);
  });

  it('a restart while an answer streams: the answer finishes on the old server, then the new port serves', async () => {
    const [a, b] = [await freePort(), await freePort()];
    h.openai.reply = 'one two three four five six';
    h.openai.faults = { tokenDelayMs: 20 };
    await host.apply(h.oblix, settings(a));
    const client = new OpenAI({ baseURL: `http://${HOST}:${a}/v1`, apiKey: 'x', maxRetries: 0 });
    const stream = await client.chat.completions.create({ model: 'openai:gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'count' }] });
    const it = stream[Symbol.asyncIterator]();
    let text = '';
    const first = await it.next(); // the answer is under way
    text += first.done ? '' : (first.value.choices[0]?.delta.content ?? '');
    const restarted = host.apply(h.oblix, settings(b));
    for (let r = await it.next(); !r.done; r = await it.next()) text += r.value.choices[0]?.delta.content ?? '';
    assert.equal(text, 'one two three four five six');
    assert.deepEqual(await restarted, { kind: 'own', url: `http://${HOST}:${b}/v1` });
    assert.equal(await status(a), 'refused');
    assert.equal(await status(b), 200);
  });

  it('stop with a grace: an answer still running after it ends with an error event and [DONE]', async () => {
    const port = await freePort();
    h.openai.faults = { stallAfterTokens: 1 };
    await host.apply(h.oblix, settings(port));
    const res = await fetch(`http://${HOST}:${port}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai:gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'x' }] }),
    });
    const reader = res.body!.getReader();
    await reader.read(); // under way
    await host.stop(50);
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
    const data = sseData(rest);
    assert.equal(data[data.length - 1], '[DONE]');
    assert.equal((JSON.parse(data[data.length - 2]!) as { error: { code: string } }).error.code, 'server_shutting_down');
    assert.equal(await status(port), 'refused');
  });
});
