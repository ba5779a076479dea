/**
 * What order statistics can say about a percentile, distribution-free and exact at every n.
 *
 * - Confidence interval: the classic order-statistic (binomial) interval. For continuous
 *   latencies the number of samples at or below the true q-quantile ξ is Binomial(n, q), so
 *   P(x₍ₗ₎ > ξ) = P(B ≤ l − 1) and P(x₍ᵤ₎ < ξ) = P(B ≥ u). Taking the largest l and smallest u
 *   that keep each tail ≤ (1 − confidence)/2 gives coverage ≥ confidence for any
 *   distribution (ties only raise it); the achieved coverage 1 − P(B ≤ l−1) − P(B ≥ u) is
 *   reported with the interval. (Hahn & Meeker, Statistical Intervals, §5.2.)
 * - MLPerf LoadGen's early stopping (mlcommons/inference, loadgen/early_stopping.cc and
 *   results.cc): with h queries under and t over a latency, LoadGen asks whether
 *   P(Binomial(h + t, 1 − q) ≤ t) < 1 − c (c = 99 %). The minimum sample count for a
 *   percentile is h + 1 for t = 1 (11 / 64 / 130 / 662 / 6636 for p50 … p99.9); the
 *   percentile estimate is the t-th largest latency for the largest t that still passes,
 *   i.e. after discarding t − 1 of the highest. It is a conservative 99 % upper bound, and is
 *   what LoadGen judges single-stream and multi-stream runs by.
 */
import { binomialTails } from './binomial';

export interface QuantileInterval {
  lowMs: number;
  highMs: number;
  /** The confidence asked for (0.95): coverage is guaranteed to be at least this. */
  confidence: number;
  /** The exact coverage of the chosen ranks for a continuous distribution (≥ confidence). */
  coverage: number;
  /** 1-based ranks of the order statistics used as bounds. */
  lowRank: number;
  highRank: number;
}

/** The ranks of the order-statistic interval, or null when n samples cannot bound the quantile. */
export function quantileCiRanks(n: number, q: number, confidence = 0.95): { lowRank: number; highRank: number; coverage: number } | null {
  const tail = (1 - confidence) / 2;
  const b = binomialTails(n, q);
  // Both ranks by a walk over monotone tail probabilities, from a start on the far side of the
  // answer: the binomial median lies in ⌊n·q⌋ … ⌈n·q⌉ (Kaas & Buhrman 1980), so P(B ≤ ⌈n·q⌉) and
  // P(B ≥ ⌊n·q⌋) are both at least ½ > tail, and neither rank lies beyond its start. The walks
  // take O(√n) steps; the ends need no checks, since P(B ≤ −1) = 0 and P(B ≥ n + 1) = 0 stop them.
  // Largest l with P(B ≤ l − 1) ≤ tail, down from ⌈n·q⌉; l = 0: no lower bound.
  // Stryker disable next-line ArithmeticOperator: n / q ≥ n·q starts the walk higher still, which gives the same l.
  let l = Math.ceil(n * q);
  while (b.cdf(l - 1) > tail) l--;
  // Smallest u with P(B ≥ u) ≤ tail, up from ⌊n·q⌋; u = n + 1: no upper bound.
  let u = Math.floor(n * q);
  while (b.sf(u) > tail) u++;
  if (l === 0 || u > n) return null;
  return { lowRank: l, highRank: u, coverage: 1 - b.cdf(l - 1) - b.sf(u) };
}

/** Order-statistic confidence interval for the q-quantile of sorted latencies. */
export function quantileCi(sorted: ArrayLike<number>, q: number, confidence = 0.95): QuantileInterval | null {
  const ranks = quantileCiRanks(sorted.length, q, confidence);
  if (!ranks) return null;
  return {
    lowMs: sorted[ranks.lowRank - 1] as number,
    highMs: sorted[ranks.highRank - 1] as number,
    confidence,
    ...ranks,
  };
}

/** LoadGen's odds test: true when P(Binomial(h + t, 1 − q) ≤ t) < 1 − confidence. */
function passes(h: number, t: number, q: number, confidence: number): boolean {
  return binomialTails(h + t, 1 - q).cdf(t) < 1 - confidence;
}

/**
 * The fewest queries with `over` of them over a latency that show, at the given confidence,
 * that the q-quantile is below it: h + over with h = LoadGen's `find_min_passing(over, q, 0, c)`.
 */
export function minQueriesWithOver(over: number, q: number, confidence = 0.99): number {
  // Exponential search then bisection: the odds fall monotonically as h grows.
  let lo = 0;
  let hi = 1;
  while (!passes(hi, over, q, confidence)) [lo, hi] = [hi, hi * 2];
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (passes(mid, over, q, confidence)) hi = mid;
    else lo = mid;
  }
  return hi + over;
}

/** LoadGen's minimum sample count to claim percentile q (one query over it allowed). */
export function minSamplesForPercentile(q: number, confidence = 0.99): number {
  return minQueriesWithOver(1, q, confidence);
}

/**
 * The most queries over a latency that n queries may have and still show, at the given
 * confidence, that the q-quantile is below it: the largest t with P(Binomial(n, 1 − q) ≤ t) <
 * 1 − confidence, or −1 when not even t = 0 passes.
 */
export function maxOverLatency(n: number, q: number, confidence = 0.99): number {
  const b = binomialTails(n, 1 - q);
  // P(B ≤ t) grows with t: bisect for the last t that passes (lo passes, hi does not).
  let lo = -1;
  let hi = n + 1;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (b.cdf(mid) < 1 - confidence) lo = mid;
    else hi = mid;
  }
  return lo;
}

export interface EarlyStoppingEstimate {
  /** LoadGen's early-stopping estimate of the percentile: the t-th largest latency. */
  valueMs: number;
  /** t − 1: how many of the highest latencies the estimate discards. */
  discarded: number;
}

/** LoadGen's early-stopping percentile estimate (results.cc, SingleStream), or null below its minimum count. */
export function earlyStoppingEstimate(sorted: ArrayLike<number>, q: number, confidence = 0.99): EarlyStoppingEstimate | null {
  const n = sorted.length;
  const t = maxOverLatency(n, q, confidence);
  if (t < 1) return null;
  return { valueMs: sorted[n - t] as number, discarded: t - 1 };
}
