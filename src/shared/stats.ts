/**
 * Latency statistics: pure functions over latencies in milliseconds.
 *
 * - Percentiles interpolate linearly between order statistics (Hyndman & Fan type 7, the
 *   default of numpy and R), so p50 of [1, 2] is 1.5.
 * - Whether a percentile is backed by enough samples follows MLPerf LoadGen's early-stopping
 *   rule at 99 % confidence (64 samples for p90, 662 for p99); beside each supported
 *   percentile stands LoadGen's early-stopping estimate (see quantile-intervals.ts).
 * - 95 % confidence intervals for p50, p90 and p99 are distribution-free order-statistic
 *   (binomial) intervals, exact at every n, with their achieved coverage.
 * - Outliers use the modified z-score 0.6745·(x − median)/MAD (Iglewicz & Hoaglin, 1993).
 */
import { z } from 'zod';
import { earlyStoppingEstimate, minSamplesForPercentile, quantileCi } from './quantile-intervals';

export { earlyStoppingEstimate, minSamplesForPercentile, quantileCi, quantileCiRanks } from './quantile-intervals';

export const PERCENTILES = [
  { key: 'p50', q: 0.5 },
  { key: 'p90', q: 0.9 },
  { key: 'p95', q: 0.95 },
  { key: 'p99', q: 0.99 },
  { key: 'p999', q: 0.999 },
] as const;
export type PercentileKey = (typeof PERCENTILES)[number]['key'];

export const IntervalSchema = z.object({
  lowMs: z.number(),
  highMs: z.number(),
  /** Asked-for confidence; the coverage is at least this. */
  confidence: z.number(),
  /** Exact coverage of the chosen order statistics (absent in runs stored before it was computed). */
  coverage: z.number().optional(),
  lowRank: z.number().int().optional(),
  highRank: z.number().int().optional(),
});
export type Interval = z.infer<typeof IntervalSchema>;

export const PercentileSchema = z.object({
  valueMs: z.number(),
  /** Samples LoadGen's rule needs before this percentile can be claimed. */
  minSamples: z.number().int(),
  supported: z.boolean(),
  /** LoadGen's early-stopping estimate (99 % confidence); null below minSamples or in older runs. */
  earlyStoppingMs: z.number().nullable().default(null),
});

export const LatencyStatsSchema = z.object({
  count: z.number().int().nonnegative(),
  minMs: z.number(),
  maxMs: z.number(),
  meanMs: z.number(),
  stdMs: z.number(),
  cvPct: z.number(),
  percentiles: z.record(z.enum(['p50', 'p90', 'p95', 'p99', 'p999']), PercentileSchema),
  medianCi: IntervalSchema.nullable(),
  p90Ci: IntervalSchema.nullable().default(null),
  p99Ci: IntervalSchema.nullable(),
  /** Samples per second over the measured wall-clock window (iterations × batch ÷ seconds). */
  throughputPerS: z.number(),
  measuredWallMs: z.number(),
  outlierCount: z.number().int().nonnegative(),
  maxAbsModifiedZ: z.number(),
});
export type LatencyStats = z.infer<typeof LatencyStatsSchema>;

export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** Two sorted arrays as one sorted array, in linear time (a running sorted set that grows by batches). */
export function mergeSorted(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = (a[i] as number) <= (b[j] as number) ? (a[i++] as number) : (b[j++] as number);
  while (i < a.length) out[k++] = a[i++] as number;
  while (j < b.length) out[k++] = b[j++] as number;
  return out;
}

/** Linear-interpolated quantile (type 7) of already sorted values. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}

export function meanOf(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  return values.length === 0 ? Number.NaN : sum / values.length;
}

/** Sample standard deviation (n − 1); 0 for a single value. */
export function stdOf(values: ArrayLike<number>, mean = meanOf(values)): number {
  const n = values.length;
  if (n < 2) return 0;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((values[i] as number) - mean) ** 2;
  return Math.sqrt(ss / (n - 1));
}

export function modifiedZScores(values: ArrayLike<number>, sorted = sortedCopy(values)): Float64Array {
  const median = quantileSorted(sorted, 0.5);
  const deviations = sortedCopy(Array.from(sorted, (v) => Math.abs(v - median)));
  const mad = quantileSorted(deviations, 0.5);
  return Float64Array.from(values as ArrayLike<number>, (v) => (mad === 0 ? 0 : (0.6745 * (v - median)) / mad));
}

/** Iglewicz & Hoaglin's recommended cut-off for calling a point an outlier. */
export const OUTLIER_Z = 3.5;

export function summarizeLatencies(
  latenciesMs: ArrayLike<number>,
  opts: { measuredWallMs: number; samplesPerIteration?: number },
): LatencyStats {
  const n = latenciesMs.length;
  if (n === 0) throw new Error('no measured iterations to summarize');
  const sorted = sortedCopy(latenciesMs);
  const meanMs = meanOf(sorted);
  const stdMs = stdOf(sorted, meanMs);
  const zs = modifiedZScores(sorted, sorted);
  let outlierCount = 0;
  let maxAbsModifiedZ = 0;
  for (const z of zs) {
    const a = Math.abs(z);
    if (a > OUTLIER_Z) outlierCount++;
    if (a > maxAbsModifiedZ) maxAbsModifiedZ = a;
  }
  const percentiles = Object.fromEntries(
    PERCENTILES.map(({ key, q }) => {
      // Computed per summary (about 3 ms for the five), not at import: importing the statistics
      // stays free, and Stryker can tell which tests reach the binomial code (code run at import
      // counts as run by every test, so each of its mutants would rerun the whole set).
      const minSamples = minSamplesForPercentile(q);
      const earlyStoppingMs = earlyStoppingEstimate(sorted, q)?.valueMs ?? null;
      return [key, { valueMs: quantileSorted(sorted, q), minSamples, supported: n >= minSamples, earlyStoppingMs }];
    }),
  ) as LatencyStats['percentiles'];
  const perIteration = opts.samplesPerIteration ?? 1;
  return {
    count: n,
    minMs: sorted[0] as number,
    maxMs: sorted[n - 1] as number,
    meanMs,
    stdMs,
    cvPct: meanMs > 0 ? (100 * stdMs) / meanMs : 0,
    percentiles,
    medianCi: quantileCi(sorted, 0.5),
    p90Ci: quantileCi(sorted, 0.9),
    p99Ci: quantileCi(sorted, 0.99),
    throughputPerS: opts.measuredWallMs > 0 ? (n * perIteration * 1000) / opts.measuredWallMs : 0,
    measuredWallMs: opts.measuredWallMs,
    outlierCount,
    maxAbsModifiedZ,
  };
}

/**
 * perf_analyzer's stability rule: split the measured iterations into windows and call the run
 * stable when the last three windows' medians agree within `tolerance` (10 %).
 */
export function stabilityOf(latenciesMs: ArrayLike<number>, windows = 3, tolerance = 0.1): { stable: boolean; windowMediansMs: number[] } {
  const per = Math.floor(latenciesMs.length / windows);
  if (per < 10) return { stable: false, windowMediansMs: [] };
  const medians: number[] = [];
  for (let w = 0; w < windows; w++) {
    const start = latenciesMs.length - (windows - w) * per;
    medians.push(quantileSorted(sortedCopy(Array.prototype.slice.call(latenciesMs, start, start + per) as number[]), 0.5));
  }
  const lo = Math.min(...medians);
  const hi = Math.max(...medians);
  return { stable: lo > 0 && hi / lo - 1 <= tolerance, windowMediansMs: medians };
}
