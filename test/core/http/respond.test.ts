// sendError and sendJson on the wire: an error names no model and its route is its code, a
// Retry-After only when one was given, `connection: close` only on a 413; and an error after the
// head went out ends the response rather than throwing.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { OblixError } from '../../../src/core/errors/oblix-error';
import { sendError } from '../../../src/core/http/respond';
import { raw } from '../../raw-http';
import { deferred, localServer, type LocalServer } from './local-server';

describe('sendError', () => {
  let srv: LocalServer;
  let onRequest: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  before(async () => (srv = await localServer((req, res) => onRequest(req, res))));
  after(() => srv.close());
  const base = (): string => `http://127.0.0.1:${srv.port}`;

  it('answers in OpenAI’s shape with x-oblix-model none and the code as the route; no retry-after, no connection: close', async () => {
    onRequest = (_req, res) => sendError(res, OblixError.of('model_not_found', 'no such model', { param: 'model' }));
    // A client that asks to keep the connection: only a 413 says close.
    const r = await raw(base(), { path: '/', headers: { connection: 'keep-alive' } });
    assert.equal(r.status, 404);
    assert.deepEqual(r.json, { error: { message: 'no such model', type: 'invalid_request_error', param: 'model', code: 'model_not_found' } });
    assert.equal(r.headers['x-oblix-model'], 'none');
    assert.equal(r.headers['x-oblix-route'], 'model_not_found');
    assert.equal(r.headers['retry-after'], undefined);
    assert.notEqual(r.headers.connection, 'close');
  });

  it('passes a Retry-After on, and closes the connection after a 413', async () => {
    onRequest = (_req, res) => sendError(res, OblixError.of('server_shutting_down', 'later', { retryAfter: 3 }));
    assert.equal((await raw(base(), { path: '/' })).headers['retry-after'], '3');
    onRequest = (_req, res) => sendError(res, OblixError.of('request_too_large', 'too big'));
    const big = await raw(base(), { path: '/', headers: { connection: 'keep-alive' } });
    assert.equal(big.status, 413);
    assert.equal(big.headers.connection, 'close');
  });

  it('words anything else thrown as an internal error, its text redacted', async () => {
    onRequest = (_req, res) => sendError(res, new Error('boom with sk-abcdefghijkl'));
    const r = await raw(base(), { path: '/' });
    assert.equal(r.status, 500);
    assert.deepEqual(r.json, { error: { message: 'Internal error in Oblix: boom with ***', type: 'server_error', param: null, code: 'internal_error' } });
  });

  it('after the head went out, ends the response as it is instead of throwing', async () => {
    const threw = deferred<unknown>();
    onRequest = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial ');
      try {
        sendError(res, OblixError.of('upstream_error', 'cut'));
        threw.resolve(null);
      } catch (err) {
        threw.resolve(err);
        res.end();
      }
    };
    const r = await raw(base(), { path: '/' });
    assert.equal(await threw.promise, null);
    assert.equal(r.status, 200);
    assert.equal(r.text, 'partial ');
  });
});
