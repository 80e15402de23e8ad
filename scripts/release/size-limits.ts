// The most each artifact may weigh: a release over a limit is refused, so growth is a decision, not
// a drift. Measured 2026-12-07 (terminal chat and SDK added, one bundle for both): the npm tarball
// 390,676 B (main before: 380,214 B with the CLI alone), dist/oblix.cjs 1,257,140 B (the CLI bundle
// before: 1,236,072 B), dist/extension.js 1,310,052 B, the VSIX ~0.5 MB. Each limit is that plus
// about 8 %: room for fixes, not for another dependency. Raise one only with the reason in the commit.
export const SIZE_LIMITS: Readonly<Record<string, number>> = {
  'oblix-VERSION.tgz': 420_000,
  'dist/oblix.cjs': 1_360_000,
  'dist/extension.js': 1_420_000,
};

/** One line per artifact over its limit. */
export function overLimits(bytes: Readonly<Record<string, number>>, limits: Readonly<Record<string, number>> = SIZE_LIMITS): string[] {
  return Object.entries(limits)
    .filter(([name, limit]) => (bytes[name] ?? 0) > limit)
    .map(([name, limit]) => `${name} is ${bytes[name]} B, over its limit of ${limit} B (scripts/release/size-limits.ts)`);
}
