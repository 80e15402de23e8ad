// clientGone: the cancel a request's work listens to says why it stopped: the client left
// ('client'), or the server is stopping ('shutdown', told to the client in its dialect); an answer
// that finished is never cancelled.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { clientGone, stopResponse } from '../../../src/core/http/client-gone';
import type { Cancel } from '../../../src/core/support/cancel';
import { deferred, localServer, type LocalServer } from './local-server';

describe('clientGone', () => {
  let srv: LocalServer;
  let onRequest: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  before(async () => (srv = await localServer((req, res) => onRequest(req, res))));
  after(() => srv.close());

  /** Sends a GET and resolves with the client request, which the test may destroy. */
  const get = (): http.ClientRequest => {
    const req = http.get({ host: '127.0.0.1', port: srv.port, path: '/', agent: false }, (res) => res.resume());
    req.on('error', () => {});
    return req;
  };

  const aborted = (gone: Cancel): Promise<unknown> => new Promise((resolve) => (gone.aborted ? resolve(gone.reason) : gone.addEventListener('abort', () => resolve(gone.reason))));

  it("is aborted with 'client' when the client closes before the answer is finished", async () => {
    const got = deferred<Cancel>();
    onRequest = (_req, res) => got.resolve(clientGone(res));
    const req = get();
    const gone = await got.promise;
    assert.equal(gone.aborted, false);
    req.destroy();
    assert.equal(await aborted(gone), 'client');
  });

  it("is aborted with 'client' at once when the client left before it was asked (while the body was read)", async () => {
    const got = deferred<Cancel>();
    onRequest = (_req, res) => {
      res.once('close', () => got.resolve(clientGone(res)));
    };
    get().on('socket', (s) => s.on('connect', () => setImmediate(() => s.destroy())));
    const gone = await got.promise;
    assert.equal(gone.aborted, true);
    assert.equal(gone.reason, 'client');
  });

  it('is not aborted when the answer finished before the connection closed', async () => {
    const got = deferred<Cancel>();
    const closed = deferred<void>();
    onRequest = (_req, res) => {
      const gone = clientGone(res);
      res.once('close', () => closed.resolve());
      res.end('done');
      got.resolve(gone);
    };
    get();
    const gone = await got.promise;
    await closed.promise;
    assert.equal(gone.aborted, false);
  });

  it("is aborted with 'shutdown' when the server stops the answer, before or after it was asked", async () => {
    const got = deferred<[Cancel, Cancel]>();
    onRequest = (_req, res) => {
      const early = clientGone(res);
      stopResponse(res);
      const late = clientGone(res);
      got.resolve([early, late]);
      res.end();
    };
    get();
    const [early, late] = await got.promise;
    assert.equal(early.reason, 'shutdown');
    assert.equal(late.aborted, true);
    assert.equal(late.reason, 'shutdown');
  });
});
