/**
 * Latency statistics: pure functions over latencies in milliseconds.
 *
 * - Percentiles interpolate linearly between order statistics (Hyndman & Fan type 7, the
 *   default of numpy and R), so p50 of [1, 2] is 1.5.
 * - Whether a percentile is backed by enough samples follows MLPerf LoadGen's early-stopping
 *   arithmetic: the smallest n for which, at 99 % confidence, at most one sample above the
 *   percentile could still be consistent with the claim (64 samples for p90, 662 for p99).
 * - Confidence intervals for quantiles use the distribution-free order-statistic method
 *   (binomial, normal approximation): exact in what it assumes, and O(1) after sorting, unlike a
 *   bootstrap over 100k samples.
 * - Outliers use the modified z-score 0.6745·(x − median)/MAD (Iglewicz & Hoaglin, 1993).
 */
import { z } from 'zod';

export const PERCENTILES = [
  { key: 'p50', q: 0.5 },
  { key: 'p90', q: 0.9 },
  { key: 'p95', q: 0.95 },
  { key: 'p99', q: 0.99 },
  { key: 'p999', q: 0.999 },
] as const;
export type PercentileKey = (typeof PERCENTILES)[number]['key'];

export const IntervalSchema = z.object({ lowMs: z.number(), highMs: z.number(), confidence: z.number() });
export type Interval = z.infer<typeof IntervalSchema>;

export const PercentileSchema = z.object({
  valueMs: z.number(),
  /** Samples LoadGen's rule needs before this percentile can be claimed. */
  minSamples: z.number().int(),
  supported: z.boolean(),
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

/** P(X ≤ k) for X ~ Binomial(n, p), summed in log space to stay finite for large n. */
function binomialCdf(k: number, n: number, p: number): number {
  let total = 0;
  let logTerm = n * Math.log1p(-p); // P(X = 0)
  for (let i = 0; i <= k; i++) {
    total += Math.exp(logTerm);
    logTerm += Math.log((n - i) / (i + 1)) + Math.log(p) - Math.log1p(-p);
  }
  return total;
}

/**
 * LoadGen's minimum sample count to claim percentile q at the given confidence, allowing one
 * sample above it: the smallest n with P(Binomial(n, 1 − q) ≤ 1) ≤ 1 − confidence.
 */
export function minSamplesForPercentile(q: number, confidence = 0.99): number {
  const tail = 1 - q;
  let n = 2;
  let step = 1024;
  // Exponential search then bisection: the CDF falls monotonically in n.
  while (binomialCdf(1, n + step, tail) > 1 - confidence) n += step;
  while (step > 1) {
    step /= 2;
    if (binomialCdf(1, n + step, tail) > 1 - confidence) n += step;
  }
  return binomialCdf(1, n, tail) <= 1 - confidence ? n : n + 1;
}

const MIN_SAMPLES = new Map<number, number>(PERCENTILES.map(({ q }) => [q, minSamplesForPercentile(q)]));

/** Inverse of the standard normal CDF for the two-sided levels we use. */
function zFor(confidence: number): number {
  const table: Record<string, number> = { '0.9': 1.6449, '0.95': 1.96, '0.99': 2.5758 };
  const z = table[String(confidence)];
  if (z === undefined) throw new Error(`unsupported confidence level ${confidence}`);
  return z;
}

/** Distribution-free CI for quantile q from order statistics; null when n is too small. */
export function quantileCi(sorted: ArrayLike<number>, q: number, confidence = 0.95): Interval | null {
  const n = sorted.length;
  const half = zFor(confidence) * Math.sqrt(n * q * (1 - q));
  const lo = Math.floor(n * q - half);
  const hi = Math.ceil(n * q + half);
  if (lo < 0 || hi > n - 1) return null;
  return { lowMs: sorted[lo] as number, highMs: sorted[hi] as number, confidence };
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
      const minSamples = MIN_SAMPLES.get(q) ?? minSamplesForPercentile(q);
      return [key, { valueMs: quantileSorted(sorted, q), minSamples, supported: n >= minSamples }];
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
    p99Ci: quantileCi(sorted, 0.99),
    throughputPerS: opts.measuredWallMs > 0 ? (n * perIteration * 1000) / opts.measuredWallMs : 0,
    measuredWallMs: opts.measuredWallMs,
    outlierCount,
    maxAbsModifiedZ,
  };
}
