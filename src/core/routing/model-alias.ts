// Agents send their own model names (Claude Code: `claude-sonnet-4-5-20250929`; Codex: whatever its
// config says). An alias maps such a name to an Oblix id before routing; an Oblix id is never aliased
// unless the user's aliases name it exactly.

/** Per dialect, what an unknown name means when no user alias matches: Claude Code's names go to auto. */
export const MESSAGES_DEFAULT_ALIASES: Readonly<Record<string, string>> = { 'claude-*': 'auto' };

/**
 * `model` resolved through the user's aliases first, then the dialect's defaults; unchanged when
 * nothing matches. Names that already look like Oblix ids (`auto`, `<provider>:<model>`) only match
 * a user alias that spells them out without a glob.
 */
export function resolveModel(model: string, aliases: Readonly<Record<string, string>>, defaults: Readonly<Record<string, string>> = {}): string {
  const exact = aliases[model];
  if (exact !== undefined) return exact;
  if (model === 'auto' || model.includes(':')) return model;
  for (const table of [aliases, defaults]) {
    for (const [pattern, target] of Object.entries(table)) if (globMatches(pattern, model)) return target;
  }
  return model;
}

export function globMatches(pattern: string, name: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(name);
}
