// The floor: a bare node:http → undici pass-through proxy that parses nothing and routes nothing.
// Whatever it adds over a direct connection, any Node gateway on this machine adds too.
// bench/children.ts bundles it for `npm run bench` and `npm run bench:compare -- --floor`;
// `node passthrough.js UPSTREAM_URL` prints its address.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';

/** The least any Node gateway can add here: read the body, forward it, pipe the answer back. */
async function passthrough(upstream: string): Promise<string> {
  const agent = new Agent({ connections: 256, keepAliveTimeout: 60_000 });
  const target = `${upstream}/chat/completions`;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      request(target, { dispatcher: agent, method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer x' }, body: Buffer.concat(chunks) }).then(
        (up) => {
          res.writeHead(up.statusCode, { 'content-type': String(up.headers['content-type'] ?? 'application/json') });
          up.body.pipe(res);
        },
        (err: unknown) => {
          res.writeHead(502, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { message: String(err) } }));
        },
      );
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

if (require.main === module && process.argv[2]) {
  void passthrough(process.argv[2]).then((url) => console.log(`Oblix listening on ${url}`));
}
