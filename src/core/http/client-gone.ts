// Cancels a request's work when its client closes the connection before the response is
// finished (reason 'client'), or when the server shuts down with the answer still running
// (reason 'shutdown': the client is still there and is told so in its dialect).
import type { ServerResponse } from 'node:http';
import { Cancel } from '../support/cancel';

const SHUTDOWN = Symbol('oblix-shutdown');
const stopping = new WeakSet<ServerResponse>();

export function clientGone(res: ServerResponse): Cancel {
  const gone = new Cancel();
  // The client may already be gone: its close can land while the body was being parsed.
  if (res.destroyed || res.socket?.destroyed) gone.abort('client');
  else if (stopping.has(res)) gone.abort('shutdown');
  else {
    res.once('close', () => {
      if (!res.writableFinished) gone.abort('client');
    });
    res.once(SHUTDOWN, () => gone.abort('shutdown'));
  }
  return gone;
}

/** The server is stopping: the answer running on `res` (now or once it starts) ends with an honest error. */
export function stopResponse(res: ServerResponse): void {
  stopping.add(res);
  res.emit(SHUTDOWN);
}
