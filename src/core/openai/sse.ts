// Writes Server-Sent Events with backpressure: when the socket's buffer is full we wait for
// 'drain' (or 'close') before pulling the next batch from the upstream, so a slow reader slows
// the upstream instead of growing memory. Each batch of events goes out in one write: one
// system call per upstream read, not one per token.
import type { ServerResponse } from 'node:http';

export class SseWriter {
  constructor(private readonly res: ServerResponse) {}

  get closed(): boolean {
    return this.res.destroyed || this.res.writableEnded;
  }

  /** Sends each payload as one `data:` event, all in one write. */
  send(payloads: readonly unknown[]): Promise<void> {
    if (payloads.length === 0) return Promise.resolve();
    return this.write(events(payloads));
  }

  /** Sends the last payloads and `[DONE]`, and ends the response. */
  end(payloads: readonly unknown[] = []): void {
    if (this.closed) return;
    this.res.end(`${events(payloads)}data: [DONE]\n\n`);
  }

  private write(text: string): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.res.write(text)) return Promise.resolve();
    return new Promise((resolve) => {
      const settle = (): void => {
        this.res.off('drain', settle);
        this.res.off('close', settle);
        resolve();
      };
      this.res.on('drain', settle);
      this.res.on('close', settle);
    });
  }
}

function events(payloads: readonly unknown[]): string {
  let text = '';
  for (const p of payloads) text += `data: ${JSON.stringify(p)}\n\n`;
  return text;
}
