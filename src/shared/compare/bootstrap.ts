/**
 * Percentile-bootstrap interval of the ratio of two samples' quantiles (the median by default):
 * each resample draws both samples anew with replacement, the ratio of their quantiles is one
 * draw, and the 2.5th and 97.5th percentiles of the draws bound the 95 % interval.
 *
 * No resample is materialised. A type-7 quantile of a resample only needs two of its order
 * statistics, and the k-th smallest of n indices drawn uniformly from 1…n is ⌈n·U₍ₖ₎⌉, where
 * U₍ₖ₎ ~ Beta(k, n − k + 1) is the k-th smallest of n uniforms (⌈n·U⌉ is uniform on 1…n and
 * monotone in U); the next one is U₍ₖ₎ + (1 − U₍ₖ₎)·(1 − V^(1/(n−k))), the least of the n − k
 * uniforms above it. So each draw costs O(1) after one sort, exactly as if the resample had
 * been drawn, and two 1M-sample runs resample as fast as two 100-sample runs.
 *
 * 2,000 resamples from a fixed seed: the interval reproduces exactly, and the Monte Carlo error
 * of its 2.5 % end is about ±0.35 percentage points of probability (√(0.025·0.975/2000)).
 */
import { betaVariate, mulberry32 } from '../random';
import { quantileSorted } from '../stats';

export const BOOTSTRAP_RESAMPLES = 2000;
export const BOOTSTRAP_SEED = 0x0d1f0;

/** One bootstrap draw of the type-7 q-quantile of sorted values. */
export function bootstrapQuantileDraw(sorted: ArrayLike<number>, q: number, uniform: () => number): number {
  const n = sorted.length;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const frac = h - lo;
  const k = lo + 1; // 1-based rank of the lower order statistic
  const at = (u: number): number => sorted[Math.min(n - 1, Math.max(0, Math.ceil(n * u) - 1))] as number;
  const uk = betaVariate(k, n - k + 1, uniform);
  const a = at(uk);
  if (frac === 0 || k >= n) return a;
  let v = uniform();
  while (v === 0) v = uniform();
  const next = uk + (1 - uk) * (1 - v ** (1 / (n - k)));
  return a + frac * (at(next) - a);
}

export interface RatioInterval {
  /** Point estimate: quantile of y ÷ quantile of x. */
  ratio: number;
  low: number;
  high: number;
}

/** Interval of quantile(y) ÷ quantile(x) from sorted samples; null when a side has under two values. */
export function bootstrapQuantileRatio(
  sortedX: ArrayLike<number>,
  sortedY: ArrayLike<number>,
  opts: { q?: number; confidence?: number; resamples?: number; seed?: number } = {},
): RatioInterval | null {
  const q = opts.q ?? 0.5;
  if (sortedX.length < 2 || sortedY.length < 2) return null;
  const resamples = opts.resamples ?? BOOTSTRAP_RESAMPLES;
  const uniform = mulberry32(opts.seed ?? BOOTSTRAP_SEED);
  const draws = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) draws[b] = bootstrapQuantileDraw(sortedY, q, uniform) / bootstrapQuantileDraw(sortedX, q, uniform);
  draws.sort();
  const alpha = 1 - (opts.confidence ?? 0.95);
  return {
    ratio: quantileSorted(sortedY, q) / quantileSorted(sortedX, q),
    low: quantileSorted(draws, alpha / 2),
    high: quantileSorted(draws, 1 - alpha / 2),
  };
}
