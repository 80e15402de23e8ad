// Guards an Ollama NDJSON response before the `ollama` package reads it. The package skips a line
// that is not JSON with a console.warn of the line itself: part of the answer would vanish without
// a word (a silent cut) and upstream text would land in the log. Here such a line fails the stream
// instead, with a message that quotes nothing of it.
const NOT_JSON = 'Ollama sent a line that is not JSON in the middle of its answer';

export function guardNdjson(res: Response): Response {
  if (!res.body || !/ndjson/i.test(res.headers.get('content-type') ?? '')) return res;
  const decoder = new TextDecoder();
  let pending = '';
  const check = (line: string): void => {
    if (line.trim() === '') return;
    JSON.parse(line); // throws on a broken line; the caller turns it into NOT_JSON
  };
  const guarded = res.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const text = pending + decoder.decode(chunk, { stream: true });
        const lines = text.split('\n');
        pending = lines.pop() ?? '';
        try {
          for (const line of lines) check(line);
        } catch {
          controller.error(new Error(NOT_JSON));
          return;
        }
        controller.enqueue(chunk);
      },
      flush(controller) {
        try {
          check(pending + decoder.decode());
        } catch {
          controller.error(new Error(NOT_JSON));
        }
      },
    }),
  );
  return new Response(guarded, { status: res.status, statusText: res.statusText, headers: res.headers });
}
