import { describe, expect, it } from 'vitest';
import { minSamplesForPercentile, quantileCi, quantileSorted, summarizeLatencies, meanOf, stdOf, modifiedZScores, stabilityOf } from '../../../src/shared/stats';

describe('quantiles interpolate linearly between order statistics (type 7)', () => {
  it('matches numpy.percentile on small arrays', () => {
    expect(quantileSorted([1, 2], 0.5)).toBe(1.5);
    expect(quantileSorted([1, 2, 3, 4, 5], 0.9)).toBeCloseTo(4.6, 12);
    expect(quantileSorted([10], 0.99)).toBe(10);
    expect(quantileSorted([0, 10, 20, 30], 0.25)).toBeCloseTo(7.5, 12);
  });
  it('is NaN on no data', () => {
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});

describe('LoadGen minimum samples to claim a percentile at 99% confidence', () => {
  it('gives the figures LoadGen documents: 64 for p90 and 662 for p99', () => {
    expect(minSamplesForPercentile(0.9)).toBe(64);
    expect(minSamplesForPercentile(0.99)).toBe(662);
  });
  it('grows as the percentile tightens', () => {
    expect(minSamplesForPercentile(0.5)).toBeLessThan(minSamplesForPercentile(0.95));
    expect(minSamplesForPercentile(0.999)).toBeGreaterThan(6000);
  });
});

describe('summarizeLatencies', () => {
  const values = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100 ms

  it('reports mean, sample standard deviation, CV and extremes', () => {
    const s = summarizeLatencies(values, { measuredWallMs: 5050 });
    expect(s.count).toBe(100);
    expect(s.meanMs).toBe(50.5);
    expect(s.stdMs).toBeCloseTo(29.011491975882016, 10); // numpy.std(ddof=1)
    expect(s.cvPct).toBeCloseTo((100 * 29.011491975882016) / 50.5, 8);
    expect(s.minMs).toBe(1);
    expect(s.maxMs).toBe(100);
  });

  it('flags percentiles that lack samples and keeps those that have them', () => {
    const s = summarizeLatencies(values, { measuredWallMs: 5050 });
    expect(s.percentiles.p50).toEqual({ valueMs: 50.5, minSamples: 11, supported: true, earlyStoppingMs: expect.any(Number) });
    expect(s.percentiles.p99?.earlyStoppingMs).toBeNull();
    expect(s.percentiles.p90?.supported).toBe(true);
    expect(s.percentiles.p99?.supported).toBe(false);
    expect(s.percentiles.p99?.minSamples).toBe(662);
  });

  it('computes throughput over the measured wall-clock window', () => {
    expect(summarizeLatencies(values, { measuredWallMs: 5000 }).throughputPerS).toBe(20);
    expect(summarizeLatencies(values, { measuredWallMs: 5000, samplesPerIteration: 8 }).throughputPerS).toBe(160);
  });

  it('gives order-statistic intervals around the median and p90 that contain them', () => {
    const s = summarizeLatencies(values, { measuredWallMs: 1 });
    expect(s.medianCi!.lowMs).toBeLessThanOrEqual(50.5);
    expect(s.medianCi!.highMs).toBeGreaterThanOrEqual(50.5);
    // Ranks from scipy (tests/unit/shared/stats-reference.py): 40–61 for p50, 84–96 for p90.
    expect(s.medianCi).toMatchObject({ lowMs: 40, highMs: 61 });
    expect(s.p90Ci).toMatchObject({ lowMs: 84, highMs: 96 });
    expect(s.p99Ci).toBeNull(); // 100 samples cannot bound p99
  });

  it('refuses to summarize nothing', () => {
    expect(() => summarizeLatencies([], { measuredWallMs: 1 })).toThrow(/no measured iterations/);
  });
});

describe('outliers by modified z-score (Iglewicz & Hoaglin)', () => {
  it('scores a far point far and typical points near zero', () => {
    const data = [10, 10.1, 9.9, 10.05, 9.95, 10.02, 30];
    const z = modifiedZScores(data);
    expect(Math.abs(z[6]!)).toBeGreaterThan(100);
    expect(Math.abs(z[0]!)).toBeLessThan(1);
    const s = summarizeLatencies(data, { measuredWallMs: 1 });
    expect(s.outlierCount).toBe(1);
  });
  it('has no outliers when all values are equal (MAD = 0)', () => {
    expect(summarizeLatencies([2, 2, 2, 2], { measuredWallMs: 1 }).outlierCount).toBe(0);
  });
});

describe('the order-statistic interval of a quantile', () => {
  it('narrows as samples grow and stays fast for 100k samples', () => {
    const small = quantileCi(Array.from({ length: 100 }, (_, i) => i / 100), 0.5)!;
    const big = quantileCi(Array.from({ length: 100_000 }, (_, i) => i / 100_000), 0.5)!;
    expect(big.highMs - big.lowMs).toBeLessThan((small.highMs - small.lowMs) / 10);
    expect(big.lowMs).toBeLessThan(0.5);
    expect(big.highMs).toBeGreaterThan(0.5);
  });
  it('returns null when there is too little data', () => {
    expect(quantileCi([1], 0.5)).toBeNull();
    expect(quantileCi([1, 2, 3], 0.99)).toBeNull();
  });
  it('mean and std agree with their textbook definitions', () => {
    expect(meanOf([2, 4, 4, 4, 5, 5, 7, 9])).toBe(5);
    expect(stdOf([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138089935299395, 12);
  });
});

describe('stability windows (perf_analyzer)', () => {
  it('is stable when the last three windows agree within 10 %', () => {
    const steady = Array.from({ length: 300 }, (_, i) => 10 + (i % 3) * 0.1);
    expect(stabilityOf(steady)).toEqual({ stable: true, windowMediansMs: [10.1, 10.1, 10.1] });
  });
  it('is unstable when latency drifts, and undecided on too few samples', () => {
    const drifting = Array.from({ length: 300 }, (_, i) => 10 + i / 10);
    expect(stabilityOf(drifting).stable).toBe(false);
    expect(stabilityOf([1, 2, 3])).toEqual({ stable: false, windowMediansMs: [] });
  });
});
