// Reads a Server-Sent Events body into `data:` payloads (CRLF or LF line ends, multi-line data).
export class SseReader {
  private buf = '';

  /** Feeds text; returns the complete events' data payloads, in order. */
  push(text: string): string[] {
    this.buf += text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
    const out: string[] = [];
    let end: number;
    while ((end = this.buf.indexOf('\n\n')) >= 0) {
      const event = this.buf.slice(0, end);
      this.buf = this.buf.slice(end + 2);
      let data: string | null = null;
      for (const line of event.split('\n')) {
        if (!line.startsWith('data:')) continue;
        const value = line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
        data = data === null ? value : `${data}\n${value}`;
      }
      if (data !== null) out.push(data);
    }
    return out;
  }
}
