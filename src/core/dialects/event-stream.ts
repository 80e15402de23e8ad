// Server-Sent Events with an `event:` name line, as the Messages and Responses APIs send them, with
// the same backpressure as the chat stream: a full socket buffer pauses the upstream, not memory.
import type { ServerResponse } from 'node:http';

export interface NamedEvent {
  type: string;
}

export class EventStream {
  constructor(private readonly res: ServerResponse) {}

  get closed(): boolean {
    return this.res.destroyed || this.res.writableEnded;
  }

  send(events: readonly NamedEvent[]): Promise<void> {
    if (events.length === 0 || this.closed) return Promise.resolve();
    if (this.res.write(format(events))) return Promise.resolve();
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

  end(events: readonly NamedEvent[] = []): void {
    if (!this.closed) this.res.end(format(events));
  }
}

function format(events: readonly NamedEvent[]): string {
  let text = '';
  for (const e of events) text += `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;
  return text;
}
