// oblix.privacy.localOnlyFiles: a question that carries the content of such a file (a selection or
// file the chat view, Ask Oblix or @oblix attached) stays on this machine. The attached content is
// named in the prompt by its reference header, "From `path` (language, lines a–b):" (chat/ask.ts),
// which the history carries into every later turn too; @oblix's references are named by their URI.
import { minimatch } from 'minimatch';
import type { ChatMessage } from '../core/request';

export const DEFAULT_LOCAL_ONLY_FILES: readonly string[] = ['**/.env*', '**/*.pem', '**/*.key', '**/secrets/**'];

/** The reference header's file name (as chat/ask.ts writes it and webview/reference.ts reads it). */
const REFERENCE = /From `([^`\n]+)` \(/g;

/** Whether a workspace-relative or absolute path matches one of the globs, and which. */
export function localOnlyGlob(path: string, globs: readonly string[]): string | null {
  const p = path.replace(/\\/g, '/');
  // dot: `.env` is a dotfile; matchBase is not used, so `**/` in a glob is what reaches into folders.
  return globs.find((g) => minimatch(p, g, { dot: true }) || minimatch(p.replace(/^\//, ''), g, { dot: true })) ?? null;
}

/** Why these messages must stay local (`localOnlyFiles: <glob> (<file>)`), or null. */
export function localOnlyReason(messages: readonly ChatMessage[], globs: readonly string[], attached: readonly string[] = []): string | null {
  if (globs.length === 0) return null;
  const files = [...attached];
  for (const m of messages) {
    if (m.role !== 'user') continue;
    const texts = typeof m.content === 'string' ? [m.content] : Array.isArray(m.content) ? m.content.flatMap((p) => (p.type === 'text' ? [p.text] : [])) : [];
    for (const t of texts) for (const r of t.matchAll(REFERENCE)) files.push(r[1]!);
  }
  for (const f of files) {
    const glob = localOnlyGlob(f, globs);
    if (glob) return `localOnlyFiles ${glob} (${f.split(/[\\/]/).pop()})`;
  }
  return null;
}
