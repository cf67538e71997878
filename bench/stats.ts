/** Pure statistics for the benchmark: percentiles, medians of round medians, ratios. */

export interface Summary {
  count: number;
  mean: number;
  min: number;
  max: number;
  p50: number;
  p90: number;
  p99: number;
}

/** The `fraction` quantile (0..1) of ascending `sorted`, linearly interpolated; NaN when empty. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const clamped = Math.min(Math.max(fraction, 0), 1);
  const position = clamped * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] ?? Number.NaN;
  const high = sorted[upper] ?? Number.NaN;
  return low + (high - low) * (position - lower);
}

export function sortAscending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

export function median(values: readonly number[]): number {
  return percentile(sortAscending(values), 0.5);
}

/** Count, mean, extremes and p50/p90/p99 of unsorted samples. */
export function summarize(samples: readonly number[]): Summary {
  const sorted = sortAscending(samples);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    count: sorted.length,
    mean: sorted.length === 0 ? Number.NaN : total / sorted.length,
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
  };
}

/** The median of each round's median: robust to a round disturbed by a noisy neighbour. */
export function medianOfMedians(rounds: readonly (readonly number[])[]): number {
  const medians = rounds.filter((round) => round.length > 0).map((round) => median(round));
  return median(medians);
}

/**
 * Latency a path adds over a baseline measured in the same interleaved rounds: per round, the
 * path's median minus the baseline's median; then the median over rounds. Pairing by round
 * cancels drift (thermal, neighbours) that affects both paths alike.
 */
export function addedPerRound(
  path: readonly (readonly number[])[],
  baseline: readonly (readonly number[])[],
): number {
  const differences: number[] = [];
  const rounds = Math.min(path.length, baseline.length);
  for (let round = 0; round < rounds; round++) {
    const ours = path[round] ?? [];
    const theirs = baseline[round] ?? [];
    if (ours.length === 0 || theirs.length === 0) continue;
    differences.push(median(ours) - median(theirs));
  }
  return median(differences);
}

/** a ÷ b, or null when either is not a finite number or b is not positive. */
export function ratio(a: number, b: number): number | null {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b <= 0) return null;
  return a / b;
}

/** Whether `value` is within `tolerance` (e.g. 0.1 = 10%) below `ceiling` or above it. */
export function nearCeiling(value: number, ceiling: number, tolerance = 0.1): boolean {
  if (!Number.isFinite(value) || !Number.isFinite(ceiling) || ceiling <= 0) return false;
  return value >= ceiling * (1 - tolerance);
}
