/**
 * Latency statistics: pure functions over latencies in milliseconds.
 *
 * - Percentiles interpolate linearly between order statistics (Hyndman & Fan type 7, the
 *   default of numpy and R), so p50 of [1, 2] is 1.5.
 * - Whether a percentile is backed by enough samples follows MLPerf LoadGen's early-stopping
 *   arithmetic: the smallest n for which, at 99 % confidence, at most one sample above the
 *   percentile could still be consistent with the claim (64 samples for p90, 662 for p99).
 * - Confidence intervals for the median and p99 are percentile-bootstrap intervals computed
 *   exactly rather than by resampling: the bootstrap distribution of the k-th order statistic
 *   is binomial, P(X*₍ₖ₎ ≤ x₍ⱼ₎) = P(Binomial(n, j/n) ≥ k), so no Monte Carlo noise and
 *   O(n log n) even for 100k samples.
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

/** P(X ≥ k) for X ~ Binomial(n, p): exact below 2,000 trials, normal approximation above. */
function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n || p <= 0) return 0;
  if (p >= 1) return 1;
  if (n > 2000) {
    const mean = n * p;
    const sd = Math.sqrt(n * p * (1 - p));
    return 1 - normalCdf((k - 0.5 - mean) / sd);
  }
  return 1 - binomialCdf(k - 1, n, p);
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26; |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(z) / Math.SQRT2));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-(z * z) / 2);
  return z >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

/**
 * Exact percentile-bootstrap CI for quantile q of sorted data (see the module header). Uses the
 * order-statistic quantile (the ⌈nq⌉-th smallest); null when the data cannot bound it.
 */
export function quantileCi(sorted: ArrayLike<number>, q: number, confidence = 0.95): Interval | null {
  const n = sorted.length;
  if (n < 2) return null;
  const k = Math.max(1, Math.ceil(n * q));
  const alpha = (1 - confidence) / 2;
  // Smallest 1-based rank j whose bootstrap CDF reaches `level` (monotone in j: bisect).
  const rankAt = (level: number): number => {
    let lo = 1;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (binomialUpperTail(k, n, mid / n) >= level) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const low = rankAt(alpha);
  const high = rankAt(1 - alpha);
  // A bound at the sample's extreme is not a bound: there is no data beyond it.
  if (high >= n && q > 0.5 && n * (1 - q) < 10) return null;
  return { lowMs: sorted[low - 1] as number, highMs: sorted[high - 1] as number, confidence };
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
