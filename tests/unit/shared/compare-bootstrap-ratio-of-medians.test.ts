/**
 * The bootstrap interval of the ratio of medians: its order-statistic shortcut draws what
 * resampling with replacement would draw (checked against a brute-force bootstrap), it
 * reproduces from its seed, and it covers the true ratio about 95 % of the time.
 */
import { describe, expect, it } from 'vitest';
import { bootstrapQuantileDraw, bootstrapQuantileRatio } from '../../../src/shared/compare/bootstrap';
import { mulberry32, standardNormal } from '../../../src/shared/random';
import { quantileSorted, sortedCopy } from '../../../src/shared/stats';

function lognormalSample(n: number, medianMs: number, sigma: number, seed: number): Float64Array {
  const u = mulberry32(seed);
  return sortedCopy(Array.from({ length: n }, () => medianMs * Math.exp(sigma * standardNormal(u))));
}

function bruteForceDraw(sorted: Float64Array, q: number, u: () => number): number {
  const resample = sortedCopy(Array.from({ length: sorted.length }, () => sorted[Math.floor(u() * sorted.length)] as number));
  return quantileSorted(resample, q);
}

describe('bootstrap of a quantile without materialising resamples', () => {
  for (const [n, q] of [
    [31, 0.5],
    [40, 0.5],
    [200, 0.9],
  ] as const) {
    it(`draws the same distribution as resampling (n = ${n}, q = ${q})`, () => {
      const data = lognormalSample(n, 10, 0.3, 7);
      const draws = 10_000;
      const fast = new Float64Array(draws);
      const brute = new Float64Array(draws);
      const u1 = mulberry32(1);
      const u2 = mulberry32(2);
      for (let i = 0; i < draws; i++) {
        fast[i] = bootstrapQuantileDraw(data, q, u1);
        brute[i] = bruteForceDraw(data, q, u2);
      }
      fast.sort();
      brute.sort();
      // Quantiles of the two bootstrap distributions agree within Monte Carlo error: the width
      // of the data's own spacing near the quantile.
      const spacing = (quantileSorted(data, Math.min(1, q + 0.1)) - quantileSorted(data, Math.max(0, q - 0.1))) / 10;
      for (const p of [0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975]) expect(Math.abs(quantileSorted(fast, p) - quantileSorted(brute, p))).toBeLessThan(spacing);
    });
  }

  it('a single value always resamples to itself', () => {
    const u = mulberry32(3);
    for (let i = 0; i < 10; i++) expect(bootstrapQuantileDraw([4.2], 0.5, u)).toBe(4.2);
  });
});

describe('bootstrap interval of the ratio of medians', () => {
  it('reproduces exactly from its seed, and another seed moves it only slightly', () => {
    const a = lognormalSample(500, 10, 0.2, 11);
    const b = lognormalSample(500, 12, 0.2, 12);
    const one = bootstrapQuantileRatio(a, b);
    expect(bootstrapQuantileRatio(a, b)).toEqual(one);
    const other = bootstrapQuantileRatio(a, b, { seed: 99 });
    expect(one?.ratio).toBeCloseTo(quantileSorted(b, 0.5) / quantileSorted(a, 0.5), 12);
    expect(Math.abs((other?.low ?? 0) - (one?.low ?? 0))).toBeLessThan(0.01);
    expect(one?.low).toBeLessThan(one?.ratio ?? 0);
    expect(one?.high).toBeGreaterThan(one?.ratio ?? 0);
  });

  it('covers the true ratio about 95 % of the time', () => {
    const trials = 400;
    let covered = 0;
    for (let t = 0; t < trials; t++) {
      const a = lognormalSample(101, 10, 0.25, 1000 + t);
      const b = lognormalSample(151, 11, 0.25, 5000 + t);
      const ci = bootstrapQuantileRatio(a, b, { resamples: 1000, seed: t });
      if (ci && ci.low <= 1.1 && 1.1 <= ci.high) covered++;
    }
    // Binomial(400, 0.95) lies in [366, 394] with probability > 99.9 %.
    expect(covered).toBeGreaterThanOrEqual(366);
    expect(covered).toBeLessThanOrEqual(394);
  });

  it('needs two values a side', () => {
    expect(bootstrapQuantileRatio([1], [1, 2])).toBeNull();
  });

  it('resolves a 0.5 % shift between two runs of a million samples each', { timeout: 60_000 }, () => {
    const a = lognormalSample(1_000_000, 10, 0.2, 21);
    const b = lognormalSample(1_000_000, 10.05, 0.2, 22);
    const ci = bootstrapQuantileRatio(a, b);
    expect(ci?.low).toBeGreaterThan(1.0);
    expect(ci?.high).toBeLessThan(1.01);
  });
});
