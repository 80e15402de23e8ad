// readJsonBody on real sockets: what an empty, blank or too deep body is told; a client that leaves
// mid-body ends the read; an endless upload is cut past the discard limit instead of being read forever;
// an upload just past the limit is read to its end, so the client gets its 413 and not a reset.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { DISCARD_LIMIT, readJsonBody } from '../../../src/core/http/body';
import { MAX_JSON_DEPTH } from '../../../src/core/http/json-depth';
import { sendError, sendJson } from '../../../src/core/http/respond';
import { raw } from '../../raw-http';
import { deferred, localServer, type LocalServer } from './local-server';

const LIMIT = 1024;

describe('readJsonBody', () => {
  let srv: LocalServer;
  let failed = deferred<unknown>();
  before(
    async () =>
      (srv = await localServer((req, res) => {
        readJsonBody(req, LIMIT).then(
          (body) => sendJson(res, 200, body),
          (err: unknown) => {
            failed.resolve(err);
            sendError(res, err);
          },
        );
      })),
  );
  after(() => srv.close());
  beforeEach(() => (failed = deferred<unknown>()));
  const base = (): string => `http://127.0.0.1:${srv.port}`;

  it('says an empty or blank body is empty', async () => {
    for (const body of ['', '  \n\t ']) {
      const r = await raw(base(), { body, headers: { 'content-type': 'application/json' }, method: 'POST' });
      assert.equal(r.status, 400);
      assert.deepEqual(r.json, { error: { message: 'The request body is empty: send a JSON object.', type: 'invalid_request_error', param: null, code: 'invalid_json' } });
    }
  });

  it('says how deep is too deep and under what', async () => {
    const r = await raw(base(), { body: `{"a":{"b":${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}}}` });
    assert.equal(r.status, 400);
    assert.deepEqual(r.json, {
      error: {
        message: `The request nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep under 'a.b[0]'. No model API needs that much; flatten it.`,
        type: 'invalid_request_error',
        param: 'a.b[0]',
        code: 'json_too_deep',
      },
    });
  });

  it('ends with ECONNRESET when the client closes before the whole body arrived', async () => {
    const req = http.request({ host: '127.0.0.1', port: srv.port, method: 'POST', path: '/', headers: { 'content-length': '100' }, agent: false });
    req.on('error', () => {});
    req.write('{"model":');
    req.flushHeaders();
    setTimeout(() => req.destroy(), 50);
    const err = (await failed.promise) as Error & { code?: string };
    assert.equal(err.code, 'ECONNRESET');
  });

  it(`cuts an endless chunked upload once it passes ${DISCARD_LIMIT} bytes`, async function () {
    this.timeout(60_000);
    const chunk = Buffer.alloc(1 << 20, 0x20);
    let sent = 0;
    let over = false;
    // The server stops reading and closes: the client sees the 413 or, still sending, a broken pipe.
    const outcome = await new Promise<string>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port: srv.port, method: 'POST', path: '/', agent: false }, (res) => {
        over = true;
        res.resume();
        resolve(String(res.statusCode));
      });
      req.on('error', (err: Error & { code?: string }) => {
        over = true;
        resolve(err.code ?? err.message);
      });
      // Up to twice the discard limit; the server's answer or its close ends the upload.
      const pump = (): void => {
        while (!over && sent < 2 * DISCARD_LIMIT) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!over) req.end();
      };
      pump();
    });
    assert.ok(['413', 'EPIPE', 'ECONNRESET'].includes(outcome), outcome);
    assert.ok(sent < 2 * DISCARD_LIMIT, `cut after ${sent} bytes, before the upload ended`);
    assert.equal(((await failed.promise) as { code?: string }).code, 'request_too_large');
  });

  it('reads an upload just past the limit to its end before the 413, however it is split', async () => {
    let ended = false;
    let answeredBeforeEnd = false;
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: srv.port, method: 'POST', path: '/', agent: false }, (res) => {
        answeredBeforeEnd = !ended;
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write(Buffer.alloc(LIMIT + 1, 0x20));
      // The rest comes later: the server has seen the limit passed and must keep reading.
      setTimeout(() => {
        req.write('   ');
        ended = true;
        req.end();
      }, 100);
    });
    assert.equal(status, 413);
    assert.equal(answeredBeforeEnd, false);
  });
});
