import { mulberry32 } from '../../../src/main/engine/inputs';
import { describe, expect, it } from 'vitest';
import { binomialPmf, binomialTails } from '../../../src/shared/binomial';
import { earlyStoppingEstimate, maxOverLatency, minQueriesWithOver, minSamplesForPercentile, quantileCi, quantileCiRanks } from '../../../src/shared/quantile-intervals';

// Reference values from tests/unit/shared/stats-reference.py (scipy.stats.binom and LoadGen's
// own formula through scipy.special.betainc), computed independently of this code.
const REFERENCE_RANKS: [n: number, q: number, low: number, high: number, coverage: number][] = [
  [8, 0.5, 1, 8, 0.9921875],
  [20, 0.5, 6, 15, 0.9586105346679688],
  [100, 0.5, 40, 61, 0.9647997997822952],
  [100, 0.9, 84, 96, 0.955690107191223],
  [1000, 0.99, 983, 997, 0.976094763497977],
  [2001, 0.99, 1972, 1990, 0.9578117823456355],
  [5000, 0.99, 4936, 4964, 0.9537403179227332],
  [20000, 0.99, 19772, 19828, 0.9534801133891486],
  [100000, 0.99, 98938, 99062, 0.9512338612967914],
  [100000, 0.5, 49690, 50311, 0.9504442853304775],
  [100000, 0.9, 89814, 90187, 0.9506904155331435],
];

describe('binomial probabilities exact at any n', () => {
  it('matches exact small cases', () => {
    expect(binomialPmf(3, 10, 0.5)).toBeCloseTo(120 / 1024, 15);
    expect(binomialTails(10, 0.5).cdf(3)).toBeCloseTo(176 / 1024, 14);
    expect(binomialTails(10, 0.5).sf(7)).toBeCloseTo(176 / 1024, 14);
  });
  it('sums to one over the whole support at n = 100,000', () => {
    const t = binomialTails(100_000, 0.99);
    expect(t.cdf(98_999) + t.sf(99_000)).toBeCloseTo(1, 12);
    expect(t.cdf(-1)).toBe(0);
    expect(t.sf(100_001)).toBe(0);
  });
});

describe('the order-statistic 95 % interval of a quantile', () => {
  it.each(REFERENCE_RANKS)('n = %i, q = %f: ranks %i–%i, coverage %f, as scipy computes them', (n, q, low, high, coverage) => {
    const r = quantileCiRanks(n, q)!;
    expect([r.lowRank, r.highRank]).toEqual([low, high]);
    expect(r.coverage).toBeCloseTo(coverage, 10);
    expect(r.coverage).toBeGreaterThanOrEqual(0.95);
  });
  it('has no interval where the data cannot bound the quantile (scipy: none for these)', () => {
    expect(quantileCiRanks(3, 0.5)).toBeNull();
    expect(quantileCiRanks(299, 0.99)).toBeNull();
    expect(quantileCiRanks(300, 0.99)).toBeNull();
  });
  it('first has an interval at 6 samples for the median, 36 for p90 and 368 for p99 (where qⁿ ≤ 2.5 %)', () => {
    for (const [q, n] of [[0.5, 6], [0.9, 36], [0.99, 368]] as const) {
      expect(quantileCiRanks(n - 1, q), `q = ${q}`).toBeNull();
      expect(quantileCiRanks(n, q)?.highRank, `q = ${q}`).toBe(n);
      expect(q ** n).toBeLessThanOrEqual(0.025);
      expect(q ** (n - 1)).toBeGreaterThan(0.025);
    }
  });
  it('bounds a low quantile from below only once (1 − q)ⁿ ≤ 2.5 %: 368 samples for p1, as for p99 from above (scipy)', () => {
    expect(quantileCiRanks(100, 0.01)).toBeNull(); // an upper bound exists (rank 4), a lower one does not
    expect(quantileCiRanks(367, 0.01)).toBeNull();
    expect(quantileCiRanks(368, 0.01)).toMatchObject({ lowRank: 1, highRank: 9 });
  });
  it('counts a tail exactly at the limit as inside it (P ≤ tail): Binomial(5, ½) puts exactly 1/32 on each end', () => {
    // tail = (1 − 0.9375)/2 = 1/32 = P(B ≤ 0) = P(B ≥ 5), all exact in binary: ranks 1 and 5 qualify.
    expect(quantileCiRanks(5, 0.5, 0.9375)).toEqual({ lowRank: 1, highRank: 5, coverage: 0.9375 });
  });
  it('finds the ranks at a low confidence, where they sit next to n·q (by hand, and scipy)', () => {
    // n = 3, q = 0.6, tail 0.36: P(B ≤ 1) = 0.352 ≤ 0.36 < P(B ≤ 2), so l = 2; P(B ≥ 3) = 0.216, so u = 3.
    const high = quantileCiRanks(3, 0.6, 0.28)!;
    expect([high.lowRank, high.highRank]).toEqual([2, 3]);
    expect(high.coverage).toBeCloseTo(0.432, 12);
    // The mirror image, q = 0.4: P(B ≤ 0) = 0.216, so l = 1; P(B ≥ 2) = 0.352 ≤ 0.36, so u = 2.
    const low = quantileCiRanks(3, 0.4, 0.28)!;
    expect([low.lowRank, low.highRank]).toEqual([1, 2]);
    expect(low.coverage).toBeCloseTo(0.432, 12);
  });
  it('reads the bounds off the sorted data at those ranks', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => (i + 1) * 2);
    expect(quantileCi(sorted, 0.5)).toMatchObject({ lowMs: 80, highMs: 122, confidence: 0.95, lowRank: 40, highRank: 61 });
  });

  /** The engine's seeded generator, so the simulation is the same on every run. */
  const rng = mulberry32;

  it('covers the true quantile of an exponential distribution at least 95 % of the time (2,000 seeded trials)', () => {
    const n = 500;
    const trials = 2000;
    const random = rng(9);
    const qs = [0.5, 0.9, 0.99];
    const hits = new Map(qs.map((q) => [q, 0]));
    const sample = new Float64Array(n);
    for (let trial = 0; trial < trials; trial++) {
      for (let i = 0; i < n; i++) sample[i] = -Math.log(1 - random());
      sample.sort();
      for (const q of qs) {
        const ci = quantileCi(sample, q)!;
        const truth = -Math.log(1 - q);
        if (ci.lowMs <= truth && truth <= ci.highMs) hits.set(q, (hits.get(q) ?? 0) + 1);
      }
    }
    for (const q of qs) {
      const coverage = quantileCiRanks(n, q)!.coverage;
      const observed = (hits.get(q) ?? 0) / trials;
      // Three binomial standard errors below the exact coverage (≈ 1.5 points at 2,000 trials).
      const tolerance = 3 * Math.sqrt((coverage * (1 - coverage)) / trials);
      expect(observed, `q = ${q}`).toBeGreaterThanOrEqual(coverage - tolerance);
      expect(observed, `q = ${q}`).toBeGreaterThanOrEqual(0.95 - tolerance);
    }
  });
});

describe('MLPerf LoadGen early stopping (loadgen/early_stopping.cc, results.cc)', () => {
  it('needs 11 / 64 / 130 / 662 / 6636 samples for p50 / p90 / p95 / p99 / p99.9', () => {
    expect([0.5, 0.9, 0.95, 0.99, 0.999].map((q) => minSamplesForPercentile(q))).toEqual([11, 64, 130, 662, 6636]);
  });
  it.each([
    [662, 0.99, 1],
    [1000, 0.99, 2],
    [5000, 0.99, 33],
    [100000, 0.99, 927],
    [64, 0.9, 1],
    [1000, 0.9, 78],
    [100000, 0.5, 49631],
  ])('n = %i, q = %f: at most %i queries over may pass, as LoadGen’s formula gives', (n, q, t) => {
    expect(maxOverLatency(n, q)).toBe(t);
  });
  it('passes only strictly below 1 − confidence, as LoadGen’s odds test does (exact Binomial(5, ½) ties)', () => {
    // 1 − 0.8125 = 3/16 = P(Binomial(5, ½) ≤ 1) exactly: 4 under and 1 over does not pass, 5 and 1 does.
    expect(minQueriesWithOver(1, 0.5, 0.8125)).toBe(6);
    expect(maxOverLatency(5, 0.5, 0.8125)).toBe(0);
  });
  it('allows up to n − 1 over when the quantile is low enough (n = 3, q = 0.1: P(Binomial(3, 0.9) ≤ 2) = 0.271 < 0.5)', () => {
    expect(maxOverLatency(3, 0.1, 0.5)).toBe(2);
  });
  it('estimates the percentile as the t-th largest latency, discarding t − 1 of the highest', () => {
    const sorted = Array.from({ length: 1000 }, (_, i) => i + 1); // 1..1000 ms
    expect(earlyStoppingEstimate(sorted, 0.99)).toEqual({ valueMs: 999, discarded: 1 }); // t = 2
    expect(earlyStoppingEstimate(sorted.slice(0, 661), 0.99)).toBeNull(); // below 662 samples
    expect(earlyStoppingEstimate(sorted.slice(0, 662), 0.99)).toEqual({ valueMs: 662, discarded: 0 }); // t = 1: the maximum
  });
});
