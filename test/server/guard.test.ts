// The guard's allow-lists against near misses: an Origin or Host that only starts (or ends) like an allowed one is refused.
import assert from 'node:assert/strict';
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { checkCaller, checkToken, originAllowed, type GuardOptions } from '../../src/core/server/guard';

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

  for (const near of [
    'https://good.example.evil.com',
    'https://good.example:8443',
    'http://good.example',
    'https://good.exampl',
    'https://evil.com/https://good.example',
    'https://good.example/',
  ]) {
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

  it('a bind name is compared without case, on both sides', () => {
    const named: GuardOptions = { bindHost: 'MyBox.Local', allowedOrigins: [] };
    assert.equal(code({ host: 'mybox.local:62549' }, named), null);
    assert.equal(code({ host: 'MYBOX.LOCAL' }, { bindHost: 'mybox.local', allowedOrigins: [] }), null);
  });

  it('refusals are 403 permission_error and name the Host or Origin sent', () => {
    const host = checkCaller(request({ host: 'evil.com' }), LOOPBACK);
    assert.deepEqual(host && [host.status, host.type, host.message.startsWith("Host 'evil.com' is not allowed")], [403, 'permission_error', true]);
    const origin = checkCaller(request({ host: 'localhost', origin: 'https://evil.com' }), LOOPBACK);
    assert.deepEqual(origin && [origin.status, origin.type, origin.message.startsWith("Origin 'https://evil.com' is not allowed")], [403, 'permission_error', true]);
    assert.match(checkCaller(request({}), LOOPBACK)?.message ?? '', /^Host '' is not allowed/);
  });

  it('a Host that is not a host name at all is refused, whatever the bind', () => {
    assert.equal(code({ host: '[::1' }), 'host_not_allowed');
    assert.equal(code({ host: 'local host' }), 'host_not_allowed');
    assert.equal(code({}, { bindHost: 'undefined', allowedOrigins: [] }), 'host_not_allowed', 'a missing Host is not the name "undefined"');
  });

  it('a non-loopback bind adds exactly its own name, not a longer one', () => {
    const lan: GuardOptions = { bindHost: '192.168.1.5', allowedOrigins: [] };
    assert.equal(code({ host: '192.168.1.5:62549' }, lan), null);
    assert.equal(code({ host: '192.168.1.50' }, lan), 'host_not_allowed');
    assert.equal(code({ host: '192.168.1.5.evil.com' }, lan), 'host_not_allowed');
  });
});

describe('guard: the bearer token', () => {
  const KEY: GuardOptions = { bindHost: '127.0.0.1', allowedOrigins: [], apiKey: 'secret-token' };
  const token = (headers: Record<string, string>): string | null => checkToken(request(headers), KEY)?.code ?? null;

  it('accepts Authorization: Bearer <key>, any case and spacing, and x-api-key: <key>', () => {
    assert.equal(token({ authorization: 'Bearer secret-token' }), null);
    assert.equal(token({ authorization: 'bearer   secret-token ' }), null);
    assert.equal(token({ 'x-api-key': 'secret-token' }), null);
  });

  for (const [what, headers] of [
    ['no header', {}],
    ['a wrong key', { authorization: 'Bearer secret-tokem' }],
    ['a longer key', { authorization: 'Bearer secret-token2' }],
    ['the key without "Bearer"', { authorization: 'secret-token' }],
    ['"Bearer" not at the start', { authorization: 'xBearer secret-token' }],
    ['no space after Bearer', { authorization: 'Bearersecret-token' }],
    ['a wrong x-api-key', { 'x-api-key': 'nope' }],
  ] as const) {
    it(`refuses ${what} with 401 authentication_error invalid_api_key`, () => {
      const e = checkToken(request(headers), KEY);
      assert.deepEqual(e && [e.status, e.type, e.code], [401, 'authentication_error', 'invalid_api_key']);
    });
  }

  it('says how to send the key, its placeholders intact (the secret scrubber leaves them)', () => {
    const e = checkToken(request({}), KEY);
    assert.match(e?.message ?? '', /`Authorization: Bearer <OBLIX_API_KEY>` \(or `x-api-key: <OBLIX_API_KEY>`\)\.$/);
  });

  it('asks nothing when no key is set', () => assert.equal(checkToken(request({}), LOOPBACK), null));
});
