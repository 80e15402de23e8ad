// The loopback-only proxy the real-agent tests put in front of agents that ignore NO_PROXY: it lets
// loopback through (a CONNECT tunnel, a plain HTTP request), refuses and names every other host, and
// stops even while an agent keeps a refused tunnel open.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import * as http from 'node:http';
import * as net from 'node:net';
import { LoopbackOnlyProxy } from './agent-kit';

/** Sends `head` to the proxy on a raw socket and collects what comes back until `until` matches. */
async function raw(proxy: LoopbackOnlyProxy, head: string, until: RegExp): Promise<{ socket: net.Socket; text: string }> {
  const socket = net.connect({ port: Number(new URL(proxy.url).port), host: '127.0.0.1', allowHalfOpen: true });
  await once(socket, 'connect');
  socket.write(head);
  const text = await new Promise<string>((resolve, reject) => {
    let got = '';
    const onData = (chunk: Buffer): void => {
      got += chunk.toString();
      if (!until.test(got)) return;
      socket.off('data', onData);
      socket.pause(); // the socket stays open: what comes next is the caller's
      resolve(got);
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.once('end', () => resolve(got));
  });
  return { socket, text };
}

describe('test:agents: the loopback-only proxy', () => {
  let proxy: LoopbackOnlyProxy;
  let echo: net.Server;
  let site: http.Server;
  beforeEach(async () => {
    proxy = new LoopbackOnlyProxy();
    await proxy.start();
    echo = net.createServer((s) => s.pipe(s)).listen(0, '127.0.0.1');
    site = http.createServer((_req, res) => res.end('local')).listen(0, '127.0.0.1');
    await Promise.all([once(echo, 'listening'), once(site, 'listening')]);
  });
  afterEach(async () => {
    echo.close();
    site.closeAllConnections();
    site.close();
    await proxy.stop();
  });

  it('tunnels to loopback and forwards a plain request there, naming nothing as refused', async () => {
    const port = (echo.address() as net.AddressInfo).port;
    const tunnel = await raw(proxy, `CONNECT 127.0.0.1:${port} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`, /\r\n\r\n/);
    assert.match(tunnel.text, /^HTTP\/1\.1 200 /);
    tunnel.socket.write('ping');
    tunnel.socket.resume();
    const [echoed] = (await once(tunnel.socket, 'data')) as [Buffer];
    assert.equal(echoed.toString(), 'ping');
    tunnel.socket.destroy();
    const sitePort = (site.address() as net.AddressInfo).port;
    const plain = await raw(proxy, `GET http://127.0.0.1:${sitePort}/ HTTP/1.1\r\nHost: 127.0.0.1:${sitePort}\r\nConnection: close\r\n\r\n`, /local$/);
    assert.match(plain.text, /^HTTP\/1\.1 200 /);
    plain.socket.destroy();
    assert.deepEqual(proxy.refused, []);
  });

  it('refuses other hosts with a 403 and names them', async () => {
    const tunnel = await raw(proxy, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n', /\r\n\r\n/);
    assert.match(tunnel.text, /^HTTP\/1\.1 403 /);
    tunnel.socket.destroy();
    const plain = await raw(proxy, 'GET http://example.org/x HTTP/1.1\r\nHost: example.org\r\nConnection: close\r\n\r\n', /\r\n\r\n/);
    assert.match(plain.text, /^HTTP\/1\.1 403 /);
    plain.socket.destroy();
    assert.deepEqual(proxy.refused, ['example.com:443', 'example.org']);
  });

  it('stops while an agent keeps a refused tunnel open', async () => {
    const tunnel = await raw(proxy, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n', /\r\n\r\n/);
    assert.match(tunnel.text, /^HTTP\/1\.1 403 /);
    // The client never ends its side: before every tunnel was tracked, stop() waited for it forever.
    await proxy.stop();
    tunnel.socket.destroy();
    proxy = new LoopbackOnlyProxy();
    await proxy.start();
  });
});
