// Cancels when the client closes its connection before the response is finished.
import type { ServerResponse } from 'node:http';
import { Cancel } from '../cancel';

export function clientGone(res: ServerResponse): Cancel {
  const gone = new Cancel();
  res.once('close', () => {
    if (!res.writableFinished) gone.abort();
  });
  return gone;
}
