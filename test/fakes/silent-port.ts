// A port that accepts connections and never answers: a probe of it can only time out.
import { createServer, type Socket } from 'node:net';

export async function silentPort(): Promise<{ url: string; close(): void }> {
  const sockets: Socket[] = [];
  const server = createServer((sock) => void sockets.push(sock));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close() {
      for (const sock of sockets) sock.destroy();
      server.close();
    },
  };
}
