// Order statistics and number formatting for benchmark tables.

/** Nearest-rank percentile (p in 0..100) of unsorted samples; NaN when empty. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

/** Median of `a[j] − b[j]` over paired samples (the same round): noise common to both cancels. */
export const pairedMedian = (a: readonly number[], b: readonly number[]): number => median(a.map((v, j) => v - b[j]!));

export function mean(samples: readonly number[]): number {
  return samples.length ? samples.reduce((a, b) => a + b, 0) / samples.length : Number.NaN;
}

/** Milliseconds: "0.412 ms"; below 1 µs resolution is noise. */
export function ms(v: number, digits = 3): string {
  return Number.isFinite(v) ? `${v.toFixed(digits)} ms` : 'n/a';
}

/** A signed difference in milliseconds: "+0.412 ms". */
export function plusMs(v: number, digits = 3): string {
  return Number.isFinite(v) ? `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(digits)} ms` : 'n/a';
}

export function mb(bytes: number | null): string {
  return bytes === null || !Number.isFinite(bytes) ? 'n/a' : `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

export function kb(bytes: number | null): string {
  return bytes === null || !Number.isFinite(bytes) ? 'n/a' : `${(bytes / 1024).toFixed(1)} KiB`;
}

export function pct(v: number, digits = 0): string {
  return Number.isFinite(v) ? `${v.toFixed(digits)} %` : 'n/a';
}
