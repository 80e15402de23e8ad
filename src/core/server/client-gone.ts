// Fires when the client closes its connection before the response is finished: a cancellation
// signal for the core without an AbortSignal (see ../cancel.ts for why).
import type { ServerResponse } from 'node:http';
import type { CancelSignal } from '../cancel';

export class ClientGone implements CancelSignal {
  aborted = false;
  private listeners: (() => void)[] = [];

  constructor(res: ServerResponse) {
    res.once('close', () => {
      if (!res.writableFinished) this.abort();
    });
  }

  addEventListener(_type: 'abort', listener: () => void): void {
    if (!this.aborted) this.listeners.push(listener); // like AbortSignal: no call for a listener added after the abort
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const i = this.listeners.indexOf(listener);
    if (i >= 0) this.listeners.splice(i, 1);
  }

  private abort(): void {
    this.aborted = true;
    const listeners = this.listeners;
    this.listeners = [];
    for (const l of listeners) l();
  }
}
