// Reads a response body as text, one call per socket read, without Node's Readable async
// iterator (which costs an end-of-stream watcher and several promises per chunk: see
// bench/PROFILE.md). Paused mode keeps backpressure: nothing is read until the consumer asks.
import type { Readable } from 'node:stream';

export class BodyReader {
  private wake: (() => void) | null = null;
  /** True once the whole body was read. */
  ended = false;
  private error: Error | null = null;
  private readonly notify = (): void => {
    const w = this.wake;
    this.wake = null;
    w?.();
  };
  private readonly onEnd = (): void => {
    this.ended = true;
    this.notify();
  };
  private readonly onError = (err: Error): void => {
    this.error ??= err;
    this.notify();
  };
  private readonly onClose = (): void => {
    // Closed before its end: the connection went away (or was destroyed by an abort).
    if (!this.ended) this.error ??= Object.assign(new Error('the connection closed before the body ended (terminated)'), { code: 'ECONNRESET' });
    this.notify();
  };

  constructor(private readonly res: Readable) {
    res.setEncoding('utf8');
    res.on('readable', this.notify);
    res.on('end', this.onEnd);
    res.on('error', this.onError);
    res.on('close', this.onClose);
  }

  /** Everything buffered so far, waiting for more when nothing is; null at the body's end. */
  async next(): Promise<string | null> {
    for (;;) {
      let text = '';
      let part: string | null;
      while ((part = this.res.read() as string | null) !== null) text += part;
      if (text) return text;
      if (this.ended) return null;
      if (this.error) throw this.error;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  dispose(): void {
    this.res.off('readable', this.notify);
    this.res.off('end', this.onEnd);
    this.res.off('close', this.onClose);
    // 'error' stays handled: a late socket error must not become an uncaught exception.
  }
}
