// The guard's allow-lists against near misses: an Origin or Host that only starts (or ends) like an allowed one is refused.
import assert from 'node:assert/strict';
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { checkCaller, originAllowed, type GuardOptions } from '../../src/core/server/guard';

function request(headers: Record<string, string>): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.headers = headers;
  return req;
}

const LOOPBACK: GuardOptions = { bindHost: '127.0.0.1', allowedOrigins: ['https://good.example'] };
const code = (headers: Record<string, string>, opts: GuardOptions = LOOPBACK): string | null => checkCaller(request(headers), opts)?.code ?? null;

describe('guard: Origin allow-list', () => {
  it('lets in exactly a configured origin', () => {
    assert.equal(originAllowed('https://good.example', ['https://good.example']), true);
  });

  for (const near of ['https://good.example.evil.com', 'https://good.example:8443', 'http://good.example', 'https://good.exampl', 'https://evil.com/https://good.example', 'https://good.example/']) {
    it(`refuses the near miss ${near}`, () => {
      assert.equal(originAllowed(near, ['https://good.example']), false);
      assert.equal(code({ host: '127.0.0.1:62549', origin: near }), 'origin_not_allowed');
    });
  }

  it('lets in VS Code webview and file origins', () => {
    assert.equal(originAllowed('vscode-webview://1a2b3c', []), true);
    assert.equal(originAllowed('vscode-file://vscode-app', []), true);
  });

  for (const near of ['https://evil.com/vscode-webview://x', 'xvscode-webview://a', 'vscode-webviewx://a', 'https://vscode-webview.evil.com', 'null']) {
    it(`refuses the look-alike webview origin ${near}`, () => {
      assert.equal(originAllowed(near, []), false);
    });
  }

  it('"*" lets any origin in; no Origin header needs no allow-list', () => {
    assert.equal(originAllowed('https://anything.example', ['*']), true);
    assert.equal(code({ host: 'localhost' }, { bindHost: '127.0.0.1', allowedOrigins: [] }), null);
  });
});

describe('guard: Host names (DNS rebinding)', () => {
  for (const host of ['localhost', 'localhost:62549', '127.0.0.1:8080', '[::1]:62549', 'LOCALHOST']) {
    it(`lets in the loopback name ${host}`, () => assert.equal(code({ host }), null));
  }

  for (const host of ['localhost.evil.com', '127.0.0.1.nip.io', 'evil.com', '128.0.0.1', 'evil.com:62549', '']) {
    it(`refuses the host ${JSON.stringify(host)}`, () => assert.equal(code({ host }), 'host_not_allowed'));
  }

  it('refuses a request without a Host header', () => assert.equal(code({}), 'host_not_allowed'));

  it('a non-loopback bind adds exactly its own name, not a longer one', () => {
    const lan: GuardOptions = { bindHost: '192.168.1.5', allowedOrigins: [] };
    assert.equal(code({ host: '192.168.1.5:62549' }, lan), null);
    assert.equal(code({ host: '192.168.1.50' }, lan), 'host_not_allowed');
    assert.equal(code({ host: '192.168.1.5.evil.com' }, lan), 'host_not_allowed');
  });
});
