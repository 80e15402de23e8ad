// Code references inside a question: Ask Oblix About Selection sends the code as a fenced block
// after a "From `file` (language, lines a–b):" line. The model reads that text; the view shows a chip.

export interface CodeReference {
  file: string;
  language: string;
  startLine: number;
  endLine: number;
  code: string;
}

export type QuestionPart = { kind: 'text'; text: string } | { kind: 'reference'; reference: CodeReference };

// The header line, then a fence of three or more backticks closed by the same run on its own line.
const REFERENCE = /From `([^`\n]+)` \(([^,\n)]*), lines? (\d+)(?:[–-](\d+))?\):\n(`{3,})[^\n`]*\n([\s\S]*?)\n\5(?=\n|$)/g;

/** The question's text and references, in order; text without references is one text part. */
export function questionParts(content: string): QuestionPart[] {
  const parts: QuestionPart[] = [];
  let last = 0;
  for (const m of content.matchAll(REFERENCE)) {
    const at = m.index ?? 0;
    const before = content.slice(last, at).trim();
    if (before) parts.push({ kind: 'text', text: before });
    const startLine = Number(m[3]);
    const code = (m[6] ?? '').replace(/\n+$/, '');
    const endLine = m[4] ? Number(m[4]) : startLine + Math.max(0, code.split('\n').length - 1);
    parts.push({ kind: 'reference', reference: { file: m[1] ?? '', language: m[2] ?? '', startLine, endLine, code } });
    last = at + m[0].length;
  }
  const rest = content.slice(last).trim();
  if (rest || parts.length === 0) parts.push({ kind: 'text', text: parts.length === 0 ? content : rest });
  return parts;
}

/** "sample.py:1-2": where the code is from, as the editor writes it. */
export function referenceLabel(r: CodeReference): string {
  const base = r.file.split(/[\\/]/).pop() || r.file;
  return r.endLine > r.startLine ? `${base}:${r.startLine}-${r.endLine}` : `${base}:${r.startLine}`;
}
