// Writes NDJSON lines with backpressure: a full socket buffer pauses the upstream, not memory.
import type { ServerResponse } from 'node:http';

export class NdjsonWriter {
  constructor(private readonly res: ServerResponse) {}

  get closed(): boolean {
    return this.res.destroyed || this.res.writableEnded;
  }

  send(lines: readonly unknown[]): Promise<void> {
    if (lines.length === 0 || this.closed) return Promise.resolve();
    if (this.res.write(format(lines))) return Promise.resolve();
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

  end(lines: readonly unknown[] = []): void {
    if (!this.closed) this.res.end(format(lines));
  }
}

function format(lines: readonly unknown[]): string {
  let text = '';
  for (const l of lines) text += `${JSON.stringify(l)}\n`;
  return text;
}
