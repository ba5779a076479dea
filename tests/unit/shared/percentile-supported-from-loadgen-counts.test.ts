/**
 * The README states when each percentile becomes "supported": at LoadGen's minimum sample
 * counts 11 / 64 / 130 / 662 / 6636 for p50 / p90 / p95 / p99 / p99.9 (99 % confidence, one
 * sample allowed above). n − 1 samples must leave it unsupported, n must support it.
 */
import { describe, expect, it } from 'vitest';
import { minSamplesForPercentile, summarizeLatencies, type PercentileKey } from '../../../src/shared/stats';

const README_COUNTS: [PercentileKey, number, number][] = [
  ['p50', 0.5, 11],
  ['p90', 0.9, 64],
  ['p95', 0.95, 130],
  ['p99', 0.99, 662],
  ['p999', 0.999, 6636],
];

/** n distinct latencies 1…n ms, shuffled so the summary cannot rely on the order they came in. */
function latencies(n: number): number[] {
  const xs = Array.from({ length: n }, (_, i) => i + 1);
  for (let i = n - 1; i > 0; i--) {
    const j = (i * 7919) % (i + 1);
    [xs[i], xs[j]] = [xs[j] as number, xs[i] as number];
  }
  return xs;
}

describe("LoadGen's minimum sample counts", () => {
  it.each(README_COUNTS)('%s (q = %f) needs exactly %i samples', (_key, q, n) => {
    expect(minSamplesForPercentile(q)).toBe(n);
  });

  it.each(README_COUNTS)('%s is unsupported with one sample fewer than %#, supported at the count', (key, _q, n) => {
    const below = summarizeLatencies(latencies(n - 1), { measuredWallMs: 1000 }).percentiles[key];
    const at = summarizeLatencies(latencies(n), { measuredWallMs: 1000 }).percentiles[key];
    expect(below).toMatchObject({ minSamples: n, supported: false });
    expect(at).toMatchObject({ minSamples: n, supported: true });
  });

  it('reports every percentile with its interpolated value beside the flag', () => {
    // 1…11: type-7 p50 is the 6th value; p90 = 10 + 0 (h = 9.0 → x₁₀).
    const s = summarizeLatencies(latencies(11), { measuredWallMs: 1000 });
    expect(s.percentiles.p50).toMatchObject({ valueMs: 6, supported: true });
    expect(s.percentiles.p90).toMatchObject({ valueMs: 10, supported: false });
  });
});
