// Server-Sent Events with an `event:` name line, as the Messages and Responses APIs send them: the
// chat stream's writer (the same backpressure) with named events and no `[DONE]`.
import type { ServerResponse } from 'node:http';
import { SseWriter } from './sse';

export interface NamedEvent {
  type: string;
}

export class EventStream extends SseWriter<NamedEvent> {
  constructor(res: ServerResponse) {
    super(res, named, '');
  }
}

function named(events: readonly NamedEvent[]): string {
  let text = '';
  for (const e of events) text += `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;
  return text;
}
