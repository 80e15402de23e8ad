// Reads a response body as UTF-8 text, one call per socket read, without Node's Readable async
// iterator (which costs an end-of-stream watcher and several promises per chunk: see
// docs/performance/PROFILE.md). Paused mode keeps backpressure: nothing is read until the consumer asks.
// The decoder keeps a character split across two reads whole (undici's body ignores setEncoding).
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { TransportError } from '../transport-error';

export class BodyReader {
  /** True once the whole body was read. */
  ended = false;
  private wake: (() => void) | null = null;
  private error: Error | null = null;
  private readonly decoder = new StringDecoder('utf8');
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
    if (!this.ended) this.error ??= new TransportError('the connection closed before the body ended (terminated)', { code: 'ECONNRESET' });
    this.notify();
  };

  constructor(private readonly res: Readable) {
    res.on('readable', this.notify);
    res.on('end', this.onEnd);
    res.on('error', this.onError);
    res.on('close', this.onClose);
  }

  /** Everything buffered so far, waiting for more when nothing is; null at the body's end. */
  async next(): Promise<string | null> {
    for (;;) {
      let text = '';
      let part: Buffer | string | null;
      while ((part = this.res.read() as Buffer | string | null) !== null) text += typeof part === 'string' ? part : this.decoder.write(part);
      if (this.ended) text += this.decoder.end();
      if (text) return text;
      if (this.ended) return null;
      if (this.error) throw this.error;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** The rest of the body as text. */
  async text(): Promise<string> {
    let all = '';
    for (let t = await this.next(); t !== null; t = await this.next()) all += t;
    return all;
  }

  dispose(): void {
    this.res.off('readable', this.notify);
    this.res.off('end', this.onEnd);
    this.res.off('close', this.onClose);
    // 'error' stays handled: a late socket error must not become an uncaught exception.
  }
}
