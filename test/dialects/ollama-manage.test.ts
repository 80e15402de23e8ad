// Model management forwarded to the real Ollama, the parts a puller or deleter sees beyond a plain
// success: a query string, an answer Ollama sends without a content type, a client that reads slowly
// through a long pull, and an Ollama that goes away in the middle of one.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { Harness } from '../harness';
import { raw } from '../raw-http';
import { startDialectHarness } from './ollama-fixture';

/** NDJSON lines of a body. */
function lines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('Ollama dialect: model management, beyond a plain success', () => {
  let h: Harness;
  beforeEach(async () => (h = await startDialectHarness()));
  afterEach(() => h.stop());

  it('a query string on /api/pull does not change where the pull goes', async () => {
    const r = await raw(h.base, { path: '/api/pull?insecure=false', body: { model: 'tinyllama', stream: false } });
    assert.deepEqual([r.status, r.json], [200, { status: 'success' }]);
    assert.deepEqual(h.ollama.pulled, ['tinyllama']);
  });

  it('a delete that Ollama answers with no content type comes back as JSON, and the model is gone from /api/tags', async () => {
    await raw(h.base, { path: '/api/pull', body: { model: 'tinyllama', stream: false } });
    const r = await raw(h.base, { method: 'DELETE', path: '/api/delete', body: { model: 'ollama:tinyllama' } });
    assert.deepEqual([r.status, r.headers['content-type'], r.headers['x-oblix-route']], [200, 'application/json', 'model-management']);
    const tags = (await raw(h.base, { method: 'GET', path: '/api/tags' })).json as { models: { name: string }[] };
    assert.ok(!tags.models.some((m) => m.name === 'tinyllama:latest'));
    const missing = await raw(h.base, { method: 'DELETE', path: '/api/delete', body: { model: 'nope' } });
    assert.deepEqual([missing.status, missing.json], [404, { error: "model 'nope' not found" }]);
  });

  it('a client that stops reading during a long pull still gets every line once it reads again, and no listeners pile up', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error): number => warnings.push(w.name);
    process.on('warning', onWarning);
    h.ollama.pull.steps = 100_000; // about 14 MB of progress: more than the sockets buffer
    const url = new URL(h.base);
    const body = JSON.stringify({ model: 'big-model' });
    const text = await new Promise<string>((resolve, reject) => {
      const req = http.request(
        { host: url.hostname, port: url.port, method: 'POST', path: '/api/pull', headers: { 'content-type': 'application/json', 'content-length': body.length }, agent: false },
        (res) => {
          res.pause();
          // Read again only once Ollama has sent the whole pull, so Oblix had to wait for this client.
          const waitForOllama = setInterval(() => {
            if (!h.ollama.pulled.includes('big-model')) return;
            clearInterval(waitForOllama);
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
            res.resume();
          }, 20);
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    }).finally(() => process.off('warning', onWarning));
    const all = lines(text);
    assert.equal(all.length, 100_000 + 4);
    assert.deepEqual(all.at(-1), { status: 'success' });
    // Each wait for the client used to leave a 'close' listener behind on the response.
    assert.deepEqual(warnings, []);
  });

  it('an Ollama that goes away mid-pull ends the stream with an error line in Ollama’s shape', async () => {
    h.ollama.pull.delayMs = 50;
    const res = await fetch(`${h.base}/api/pull`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'phi3' }) });
    assert.equal(res.status, 200);
    const reader = res.body!.getReader();
    let text = new TextDecoder().decode((await reader.read()).value);
    await h.ollama.stop();
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += new TextDecoder().decode(r.value);
    const all = lines(text);
    assert.deepEqual(all[0], { status: 'pulling manifest' });
    const last = all.at(-1)!;
    assert.deepEqual(Object.keys(last), ['error']);
    assert.match(String(last.error), /^Ollama /);
    assert.ok(!h.ollama.pulled.includes('phi3'));
  });
});
