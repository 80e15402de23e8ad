// Errors in Anthropic's shape, as a client reads them over HTTP: the status, the error type Anthropic
// uses for it, and the headers that go with it (retry-after, connection: close after a 413).
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicErrorType, sendAnthropicError } from '../../../../src/core/dialects/anthropic-messages/errors';
import { OblixError } from '../../../../src/core/errors/oblix-error';

/** Sends `err` as the answer of a real HTTP request, and returns what the client got. */
async function answered(err: unknown, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: unknown }> {
  const server = http.createServer((_req, res) => sendAnthropicError(res, err, headers));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/messages`, { method: 'POST', body: '{}' });
    return { status: res.status, headers: res.headers, body: await res.json() };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('anthropic-messages: errors', () => {
  it("each status has Anthropic's error type; other 5xx are api_error, other 4xx invalid_request_error", () => {
    const cases: [number, string][] = [
      [400, 'invalid_request_error'],
      [401, 'authentication_error'],
      [402, 'billing_error'],
      [403, 'permission_error'],
      [404, 'not_found_error'],
      [409, 'invalid_request_error'],
      [413, 'request_too_large'],
      [429, 'rate_limit_error'],
      [499, 'invalid_request_error'],
      [500, 'api_error'],
      [502, 'api_error'],
      [503, 'api_error'],
      [529, 'overloaded_error'],
    ];
    assert.deepEqual(
      cases.map(([s]) => [s, anthropicErrorType(s)]),
      cases,
    );
  });

  it('an Oblix error: its status and message, routing headers naming no model, and the handler headers', async () => {
    const r = await answered(OblixError.of('invalid_value', 'max_tokens: 0 is less than the minimum of 1.', { param: 'max_tokens' }), { 'x-oblix-budget': 'b' });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: 0 is less than the minimum of 1.' } });
    assert.equal(r.headers.get('x-oblix-model'), 'none');
    assert.equal(r.headers.get('x-oblix-route'), 'invalid_value');
    assert.equal(r.headers.get('x-oblix-budget'), 'b');
    assert.equal(r.headers.get('retry-after'), null);
    assert.notEqual(r.headers.get('connection'), 'close');
  });

  it("an upstream's retry-after is passed on; a 413 closes the connection", async () => {
    const limited = await answered(new OblixError(429, 'slow down', 'rate_limit_error', null, null, 7));
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '7');
    assert.equal(limited.headers.get('x-oblix-route'), 'rate_limit_error');
    const large = await answered(OblixError.of('request_too_large', 'too large'));
    assert.equal(large.status, 413);
    assert.equal(large.headers.get('connection'), 'close');
    assert.deepEqual(large.body, { type: 'error', error: { type: 'request_too_large', message: 'too large' } });
  });

  it('anything else is a 500 naming it as an internal error', async () => {
    const r = await answered(new TypeError('x is undefined'));
    assert.equal(r.status, 500);
    assert.deepEqual(r.body, { type: 'error', error: { type: 'api_error', message: 'Internal error in Oblix: x is undefined' } });
    assert.equal(r.headers.get('x-oblix-route'), 'internal_error');
  });
});
