// Order statistics and number formatting for the bench table.

/** the p-th percentile (0..100) by nearest rank; NaN for no samples */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export interface Spread { readonly p50: number; readonly p99: number; readonly max: number }

export function spread(samples: readonly number[]): Spread {
  const s = Float64Array.from(samples).sort();
  const arr = Array.from(s);
  return { p50: percentile(arr, 50), p99: percentile(arr, 99), max: arr.length ? arr[arr.length - 1]! : NaN };
}

export function median(samples: readonly number[]): number {
  return percentile([...samples].sort((a, b) => a - b), 50);
}

/** 3 significant digits, with k/M suffixes past 10,000 */
export function formatNumber(n: number | undefined): string {
  if (n === undefined || Number.isNaN(n)) return '—';
  const a = Math.abs(n);
  if (a >= 10_000_000) return `${(n / 1e6).toFixed(1)}M`;
  if (a >= 10_000) return `${(n / 1e3).toFixed(a >= 100_000 ? 0 : 1)}k`;
  if (a >= 100) return n.toFixed(0);
  if (a >= 10) return n.toFixed(1);
  if (a >= 1) return n.toFixed(2);
  return n.toPrecision(2);
}
