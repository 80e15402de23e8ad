// Writes Server-Sent Events with backpressure: when the socket's buffer is full we wait for
// 'drain' (or 'close') before pulling the next batch from the upstream, so a slow reader slows
// the upstream instead of growing memory. Each batch of events goes out in one write: one
// system call per upstream read, not one per token.
import type { ServerResponse } from 'node:http';

export class SseWriter<T = unknown> {
  /**
   * `format` writes a batch of payloads as events (OpenAI's bare `data:` lines by default); `trailer`
   * ends the stream (OpenAI's `data: [DONE]`; dialects with a last event of their own have none).
   */
  constructor(
    private readonly res: ServerResponse,
    private readonly format: (payloads: readonly T[]) => string = events,
    private readonly trailer = 'data: [DONE]\n\n',
  ) {}

  get closed(): boolean {
    return this.res.destroyed || this.res.writableEnded;
  }

  /** Sends each payload as one event, all in one write. */
  send(payloads: readonly T[]): Promise<void> {
    if (payloads.length === 0) return Promise.resolve();
    return this.write(this.format(payloads));
  }

  /** Sends the last payloads and the trailer, and ends the response. */
  end(payloads: readonly T[] = []): void {
    if (this.closed) return;
    this.res.end(`${this.format(payloads)}${this.trailer}`);
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

function events<T>(payloads: readonly T[]): string {
  let text = '';
  for (const p of payloads) text += `data: ${JSON.stringify(p)}\n\n`;
  return text;
}
