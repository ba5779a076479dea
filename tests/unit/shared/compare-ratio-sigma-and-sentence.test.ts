/**
 * Comparing a run with its baseline as hyperfine does: the ratio of medians, its σ propagated
 * from both runs' means and standard deviations, and the sentence `dyno bench --baseline` prints
 * (--fail-if-slower gates on `slowerByPct`).
 */
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../../src/shared/compare';

describe('comparing a run with its baseline', () => {
  it('slower: ratio of medians, σ of the ratio of means, percent slower', () => {
    // Medians 12 vs 10 → 1.2; means 13 vs 10 → 1.3, σ = 1.3·√(0.1² + 0.1²) = 0.18385.
    const c = compareRuns({ medianMs: 12, meanMs: 13, stdMs: 1.3 }, { medianMs: 10, meanMs: 10, stdMs: 1 });
    expect(c.ratio).toBeCloseTo(1.2, 12);
    expect(c.ratioSigma).toBeCloseTo(1.3 * Math.SQRT2 * 0.1, 12);
    expect(c.slowerByPct).toBeCloseTo(20, 10);
    expect(c.sentence).toBe('this run is 1.20 ± 0.18 × slower than the baseline (median 12.00 ms vs 10.00 ms)');
  });

  it('faster: the factor is inverted and so is its σ (first-order, σ/r²)', () => {
    // r = 0.5, σ_r = 0.5·√(0.1² + 0.1²) = 0.0707; as a factor 2 ± 0.0707/0.25 = 2 ± 0.283.
    const c = compareRuns({ medianMs: 5, meanMs: 5, stdMs: 0.5 }, { medianMs: 10, meanMs: 10, stdMs: 1 });
    expect(c.ratio).toBe(0.5);
    expect(c.slowerByPct).toBe(-50);
    expect(c.sentence).toBe('this run is 2.00 ± 0.28 × faster than the baseline (median 5.000 ms vs 10.00 ms)');
  });

  it('equal medians read as 1.00 × slower (not faster), with no spread when neither run varies', () => {
    const c = compareRuns({ medianMs: 3, meanMs: 3, stdMs: 0 }, { medianMs: 3, meanMs: 3, stdMs: 0 });
    expect(c).toEqual({ ratio: 1, ratioSigma: 0, slowerByPct: 0, sentence: 'this run is 1.00 ± 0.00 × slower than the baseline (median 3.000 ms vs 3.000 ms)' });
  });

  it('equal medians with different means keep the σ of the ratio of means', () => {
    // r = 1, mean ratio 1.2: σ = 1.2·√(0.1² + 0.1²) = 0.170, printed as is (not divided by 1.2²).
    const c = compareRuns({ medianMs: 10, meanMs: 12, stdMs: 1.2 }, { medianMs: 10, meanMs: 10, stdMs: 1 });
    expect(c.sentence).toBe('this run is 1.00 ± 0.17 × slower than the baseline (median 10.00 ms vs 10.00 ms)');
  });

  it("uses each run's own spread: only the baseline varying still gives a σ", () => {
    const c = compareRuns({ medianMs: 10, meanMs: 10, stdMs: 0 }, { medianMs: 10, meanMs: 10, stdMs: 2 });
    expect(c.ratioSigma).toBeCloseTo(0.2, 12);
    const d = compareRuns({ medianMs: 10, meanMs: 10, stdMs: 3 }, { medianMs: 10, meanMs: 10, stdMs: 0 });
    expect(d.ratioSigma).toBeCloseTo(0.3, 12);
  });
});
