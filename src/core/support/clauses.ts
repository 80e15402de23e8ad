// Reasons from several places joined into one message that adds its own last period: a reason
// written as a sentence (an editor model's refusal) follows a period, a clause follows a semicolon,
// and no reason brings its own final period along (which made "again.." in the 503).

export function clauses(parts: readonly string[]): string {
  return parts.reduce((out, part, i) => {
    const t = part.trim().replace(/\.$/, '');
    return i === 0 ? t : `${out}${/^[A-Z]/.test(t) ? '. ' : '; '}${t}`;
  }, '');
}
