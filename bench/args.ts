// The benchmarks' command-line flags: `--name value`, and a positive number with its default.
export const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

export const num = (name: string, fallback: number): number => {
  const v = Number(arg(name));
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
