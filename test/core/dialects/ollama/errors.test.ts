// Errors in Ollama's shape, as a client reads them over HTTP: {"error": "message"} with the status, and
// the headers that go with it (retry-after, connection: close after a 413).
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendOllamaError } from '../../../../src/core/dialects/ollama/errors';
import { OblixError } from '../../../../src/core/errors/oblix-error';

/** Sends `err` as the answer of a real HTTP request, and returns what the client got. */
async function answered(err: unknown, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: unknown }> {
  const server = http.createServer((_req, res) => sendOllamaError(res, err, headers));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/chat`, { method: 'POST', body: '{}' });
    return { status: res.status, headers: res.headers, body: await res.json() };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('ollama: errors', () => {
  it('an Oblix error: its status and message, routing headers naming no model, and the handler headers', async () => {
    const r = await answered(OblixError.of('invalid_value', 'format: must be "json" or a JSON schema object.', { param: 'format' }), { 'x-oblix-model': 'ollama:m' });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { error: 'format: must be "json" or a JSON schema object.' });
    assert.equal(r.headers.get('x-oblix-model'), 'ollama:m');
    assert.equal(r.headers.get('x-oblix-route'), 'invalid_value');
    assert.equal(r.headers.get('retry-after'), null);
    assert.notEqual(r.headers.get('connection'), 'close');
    assert.equal((await answered(new OblixError(400, 'x'))).headers.get('x-oblix-model'), 'none');
  });

  it("an upstream's retry-after is passed on; a 413 closes the connection", async () => {
    const limited = await answered(new OblixError(429, 'slow down', 'rate_limit_error', null, null, 7));
    assert.deepEqual([limited.status, limited.headers.get('retry-after'), limited.headers.get('x-oblix-route')], [429, '7', 'rate_limit_error']);
    const large = await answered(OblixError.of('request_too_large', 'too large'));
    assert.deepEqual([large.status, large.headers.get('connection'), large.body], [413, 'close', { error: 'too large' }]);
  });

  it('anything else is a 500 naming it as an internal error', async () => {
    const r = await answered(new TypeError('x is undefined'));
    assert.deepEqual([r.status, r.body, r.headers.get('x-oblix-route')], [500, { error: 'Internal error in Oblix: x is undefined' }, 'internal_error']);
  });
});
