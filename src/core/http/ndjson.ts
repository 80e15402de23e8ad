// Writes NDJSON lines with backpressure: the chat stream's writer (a full socket buffer pauses the
// upstream, not memory) with one JSON object a line and no end marker.
import type { ServerResponse } from 'node:http';
import { SseWriter } from './sse';

export class NdjsonWriter extends SseWriter {
  constructor(res: ServerResponse) {
    super(res, lines, '');
  }
}

function lines(items: readonly unknown[]): string {
  let text = '';
  for (const l of items) text += `${JSON.stringify(l)}\n`;
  return text;
}
