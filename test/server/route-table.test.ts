// The route table over HTTP: a path is found with or without trailing slashes and a query; a wrong
// method is told which ones the path takes (header and message); a browser caller gets CORS
// headers that caches keep apart by Origin, and a preflight lists the methods and how long to keep it.
import assert from 'node:assert/strict';
import { startHarness, type Harness } from '../harness';
import { assertError, raw } from '../raw-http';

const WEBVIEW = 'vscode-webview://abc';

describe('route table', () => {
  let h: Harness;
  before(async () => (h = await startHarness()));
  after(() => h.stop());

  it('finds a path with trailing slashes and a query string', async () => {
    for (const path of ['/health/', '/health//', '/health?verbose=1', '/health//?x=/']) {
      const r = await raw(h.base, { method: 'GET', path });
      assert.equal(r.status, 200, `${path}: ${r.text}`);
    }
    assert.equal((await raw(h.base, { method: 'GET', path: '//' })).status, 200, 'the root, however many slashes');
  });

  it('tells a wrong method every method the path takes, in the Allow header and the message', async () => {
    const r = await raw(h.base, { method: 'POST', path: '/', body: {} });
    const e = assertError(r, 405);
    assert.equal(r.headers.allow, 'GET, HEAD');
    assert.equal(e.message, 'Method POST is not allowed on /; use GET or HEAD.');
  });

  it('answers an allowed browser origin with CORS headers that vary by Origin', async () => {
    const r = await raw(h.base, { method: 'GET', path: '/health', headers: { origin: WEBVIEW } });
    assert.equal(r.status, 200);
    assert.equal(r.headers['access-control-allow-origin'], WEBVIEW);
    assert.equal(r.headers['access-control-expose-headers'], 'x-oblix-model, x-oblix-route, x-oblix-ignored-params, retry-after');
    assert.equal(r.headers.vary, 'Origin');
  });

  it("answers a preflight with the path's methods and OPTIONS, kept for ten minutes", async () => {
    const pre = await raw(h.base, { method: 'OPTIONS', path: '/v1/messages', headers: { origin: WEBVIEW, 'access-control-request-method': 'POST' } });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers['access-control-allow-methods'], 'POST, OPTIONS');
    assert.equal(pre.headers['access-control-max-age'], '600');
    const root = await raw(h.base, { method: 'OPTIONS', path: '/', headers: { origin: WEBVIEW, 'access-control-request-method': 'GET' } });
    assert.equal(root.headers['access-control-allow-methods'], 'GET, HEAD, OPTIONS');
  });
});
