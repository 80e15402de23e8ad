// How much of a streamed answer may go to the client now: everything except what could still be the
// start of a tool call written as text (text-forms.ts). A special token counts at the start of a
// line; a bare or fenced JSON call only at the start of the answer. So a plain answer is held back
// at most by a line's first few characters while they could still grow into `<tool_call>`; an
// answer that starts `[name(` (vLLM's pythonic form) is held whole.

export type Start =
  /** Nothing here can start a call: send it all. */
  | { kind: 'text' }
  /** From `at` on it could still become a call: send what is before, hold the rest. */
  | { kind: 'maybe'; at: number }
  /** A call starts at `at`: hold the rest of the answer. */
  | { kind: 'call'; at: number };

const TAGS = ['<tool_call>', '[TOOL_CALLS]', '<|python_tag|>'];

/** The openings of a JSON call, without whitespace: optionally fenced, optionally in an array. */
const JSON_HEADS: readonly string[] = ['```json', '```', ''].flatMap((fence) =>
  ['[', ''].flatMap((array) => ['{"name":', '{"function":', '{"type":"function"'].map((head) => fence + array + head)),
);

/**
 * `pending`: text not sent yet; `lineStart`: it begins a line; `answerStart`: nothing but
 * whitespace was sent before it.
 */
export function callStart(pending: string, lineStart: boolean, answerStart: boolean): Start {
  const starts: number[] = lineStart ? [0] : [];
  for (let i = pending.indexOf('\n'); i >= 0; i = pending.indexOf('\n', i + 1)) starts.push(i + 1);
  for (const p of starts) {
    let q = p;
    while (pending[q] === ' ' || pending[q] === '\t') q++;
    const s = pending.slice(q);
    for (const tag of TAGS) {
      if (s.startsWith(tag)) return { kind: 'call', at: q };
      if (tag.startsWith(s)) return { kind: 'maybe', at: q };
    }
    if (answerStart && pending.slice(0, q).trim() === '') {
      const bare = s.replace(/\s+/g, '');
      if (JSON_HEADS.some((h) => bare.startsWith(h)) || /^\[[A-Za-z_][\w.-]*\(/.test(bare)) return { kind: 'call', at: q };
      if (JSON_HEADS.some((h) => h.startsWith(bare)) || /^\[[A-Za-z_][\w.-]*$/.test(bare)) return { kind: 'maybe', at: q };
    }
  }
  return { kind: 'text' };
}
