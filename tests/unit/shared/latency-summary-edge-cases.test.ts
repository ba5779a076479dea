/**
 * Edge cases of the latency summary that a mutation run (npm run test:mutation) showed no test
 * pinned: empty and single-sample inputs, zero spread, a zero-length window, the largest
 * |modified z| wherever it sits, the stability window size and its tolerance boundary, and the
 * schema a summary is stored under.
 */
import { describe, expect, it } from 'vitest';
import { LatencyStatsSchema, meanOf, modifiedZScores, quantileSorted, stabilityOf, stdOf, summarizeLatencies } from '../../../src/shared/stats';

describe('degenerate inputs give defined answers', () => {
  it('no values: quantile and mean are NaN, not 0', () => {
    expect(quantileSorted([], 0.5)).toBeNaN();
    expect(meanOf([])).toBeNaN();
  });
  it('σ is 0 for one value and the n − 1 sample σ from two on', () => {
    expect(stdOf([5])).toBe(0);
    expect(stdOf([1, 3])).toBeCloseTo(Math.SQRT2, 12);
  });
  it('identical latencies have modified z-scores of 0 (MAD = 0), not NaN', () => {
    expect(Array.from(modifiedZScores([5, 5, 5, 5]))).toEqual([0, 0, 0, 0]);
  });
  it('zero latencies give CV 0 and a zero-length window gives throughput 0, never NaN or ∞', () => {
    const s = summarizeLatencies([0, 0, 0], { measuredWallMs: 0 });
    expect(s.cvPct).toBe(0);
    expect(s.throughputPerS).toBe(0);
  });
});

describe('outliers', () => {
  it('reports the largest |modified z| even when it is the smallest latency', () => {
    // Median 2, MAD 1: z(−100) = 0.6745·(−102) = −68.799; the largest value only reaches 1.349.
    const s = summarizeLatencies([-100, 1, 2, 3, 4], { measuredWallMs: 1 });
    expect(s.maxAbsModifiedZ).toBeCloseTo(0.6745 * 102, 9);
    expect(s.outlierCount).toBe(1);
  });
});

describe('stability windows', () => {
  const windows = (...medians: number[]) => medians.flatMap((m) => Array.from({ length: 10 }, () => m));
  it('needs 10 iterations per window: 30 samples make three windows, 29 none', () => {
    expect(stabilityOf(windows(4, 4, 4)).windowMediansMs).toEqual([4, 4, 4]);
    expect(stabilityOf(windows(4, 4, 4).slice(1))).toEqual({ stable: false, windowMediansMs: [] });
  });
  it('is stable with the spread exactly at the tolerance, unstable just above', () => {
    expect(stabilityOf(windows(4, 5, 4), 3, 0.25)).toEqual({ stable: true, windowMediansMs: [4, 5, 4] });
    expect(stabilityOf(windows(4, 5, 4), 3, 0.24).stable).toBe(false);
  });
});

describe('the stored form', () => {
  it('a summary passes its own schema unchanged, every percentile key included', () => {
    const s = summarizeLatencies(Array.from({ length: 50 }, (_, i) => i + 1), { measuredWallMs: 100 });
    expect(LatencyStatsSchema.parse(s)).toEqual(s);
    expect(Object.keys(LatencyStatsSchema.parse(s).percentiles).sort()).toEqual(['p50', 'p90', 'p95', 'p99', 'p999']);
  });
});
