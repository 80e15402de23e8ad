// Cancels when the client closes its connection before the response is finished.
import type { ServerResponse } from 'node:http';
import { Cancel } from '../cancel';

export function clientGone(res: ServerResponse): Cancel {
  const gone = new Cancel();
  // The client may already be gone: its close can land while the body was being parsed.
  if (res.destroyed || res.socket?.destroyed) gone.abort();
  else
    res.once('close', () => {
      if (!res.writableFinished) gone.abort();
    });
  return gone;
}
