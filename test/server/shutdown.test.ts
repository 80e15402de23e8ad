// Stopping the server with an answer still streaming: after the grace period the answer ends with an
// error event in its dialect and its end marker, never a bare cut; a request that arrives on an
// open connection after the stop began is refused with a 503; the server stops listening.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { startHarness, type Harness } from '../harness';

const OLLAMA = 'ollama:llama3.2:latest';

/** A raw connection: `when(until)` resolves with all that came back once it matches `until` (or the socket closed). */
function rawSocket(port: number): { socket: net.Socket; when: (until: RegExp) => Promise<string> } {
  const socket = net.connect(port, '127.0.0.1');
  let text = '';
  const waiters: { until: RegExp; resolve: (t: string) => void }[] = [];
  const check = (): void => {
    for (const w of [...waiters]) {
      if (!w.until.test(text)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(text);
    }
  };
  socket.on('data', (c: Buffer) => {
    text += c.toString('utf8');
    check();
  });
  socket.on('close', () => {
    for (const w of waiters.splice(0)) w.resolve(text);
  });
  socket.on('error', () => {});
  return {
    socket,
    when: (until) =>
      new Promise((resolve) => {
        waiters.push({ until, resolve });
        check();
      }),
  };
}

function post(path: string, body: unknown): string {
  const json = JSON.stringify(body);
  return `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`;
}

describe('server shutdown with an answer in flight', () => {
  let h: Harness;
  before(async () => (h = await startHarness()));
  after(() => h.stop());

  it('ends a stalled stream with an error event and [DONE] after the grace, refuses a later request on the connection, and stops listening', async () => {
    h.ollama.faults = { stallAfterTokens: 1 };
    const port = h.server.port;
    const c = rawSocket(port);
    c.socket.write(post('/v1/chat/completions', { model: OLLAMA, stream: true, messages: [{ role: 'user', content: 'Hi' }] }));
    await c.when(/"content":"[^"]+"/);
    const closed = h.server.close(50);
    // The stop has begun: a request pipelined on this connection now is refused, not served.
    c.socket.write(`GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    await closed;
    const text = await c.when(/HTTP\/1\.1 503[\s\S]*\r\n\r\n\{[\s\S]*\}$/);
    const [stream, refusal] = text.split(/(?=HTTP\/1\.1 503)/);
    assert.match(
      stream ?? '',
      /data: \{"error":\{"message":"Oblix is shutting down[^"]*","type":"service_unavailable","param":null,"code":"server_shutting_down"\}\}\n\ndata: \[DONE\]\n\n/,
    );
    assert.match(refusal ?? '', /connection: close/i);
    assert.match(refusal ?? '', /"code":"server_shutting_down"/);
    await assert.rejects(new Promise((resolve, reject) => net.connect(port, '127.0.0.1').on('connect', resolve).on('error', reject)), /ECONNREFUSED/);
  });
});
