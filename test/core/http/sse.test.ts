// SseWriter on the wire: events in one write with the trailer at the end; nothing written (and no
// error raised) once the response is over; and a writer waiting on a full socket is released when
// the client goes away, so the upstream read it holds up is not left hanging.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { SseWriter } from '../../../src/core/http/sse';
import { raw } from '../../raw-http';
import { deferred, localServer, type LocalServer } from './local-server';

describe('SseWriter', () => {
  let srv: LocalServer;
  let onRequest: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  before(async () => (srv = await localServer((req, res) => onRequest(req, res))));
  after(() => srv.close());
  const base = (): string => `http://127.0.0.1:${srv.port}`;

  it('writes nothing for an empty batch and nothing after the end, without an error', async () => {
    const finished = deferred<unknown>();
    onRequest = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const w = new SseWriter(res);
      void (async () => {
        try {
          await w.send([]);
          await w.send([{ a: 1 }]);
          assert.equal(w.closed, false);
          w.end([{ a: 2 }]);
          assert.equal(w.closed, true);
          await w.send([{ a: 3 }]);
          w.end([{ a: 4 }]);
          // An error about a write after the end would be emitted on the next tick.
          await new Promise((r) => setImmediate(r));
          finished.resolve(null);
        } catch (err) {
          finished.resolve(err);
        }
      })();
      res.on('error', (err) => finished.resolve(err));
    };
    const r = await raw(base(), { path: '/' });
    assert.equal(await finished.promise, null);
    assert.equal(r.text, 'data: {"a":1}\n\ndata: {"a":2}\n\ndata: [DONE]\n\n');
  });

  it('is closed, and ignores sends and the end, once the client has gone', async () => {
    const done = deferred<unknown>();
    onRequest = (req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.flushHeaders();
      const w = new SseWriter(res);
      res.once('close', () => {
        void (async () => {
          try {
            assert.equal(w.closed, true);
            await w.send([{ late: true }]);
            w.end([{ late: true }]);
            await new Promise((r) => setImmediate(r));
            done.resolve(null);
          } catch (err) {
            done.resolve(err);
          }
        })();
      });
      res.on('error', (err) => done.resolve(err));
      req.resume();
    };
    const req = http.get({ host: '127.0.0.1', port: srv.port, path: '/', agent: false }, (res) => res.once('data', () => {}));
    req.on('error', () => {});
    req.on('response', () => req.destroy());
    assert.equal(await done.promise, null);
  });

  it('releases a send waiting on a full socket when the client goes away', async () => {
    const released = deferred<boolean>();
    const waiting = deferred<void>();
    onRequest = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const w = new SseWriter(res);
      const big = [{ text: 'x'.repeat(1 << 20) }];
      void (async () => {
        // The client never reads: sends fill the socket until one has to wait for 'drain'.
        for (let i = 0; i < 256; i++) {
          let settled = false;
          const p = w.send(big).then(() => (settled = true));
          await new Promise((r) => setImmediate(r));
          if (!settled) {
            waiting.resolve();
            await p;
            released.resolve(true);
            return;
          }
        }
        released.resolve(false);
      })();
    };
    const req = http.get({ host: '127.0.0.1', port: srv.port, path: '/', agent: false }, (res) => res.pause());
    req.on('error', () => {});
    await waiting.promise;
    req.destroy();
    assert.equal(await released.promise, true);
  });
});
