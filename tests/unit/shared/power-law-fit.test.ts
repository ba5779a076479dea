import { describe, expect, it } from 'vitest';
import { fitPowerLaw } from '../../../src/shared/power-law';

describe('time ∝ n^k fits', () => {
  it('recovers an exact power law with R² = 1', () => {
    const ns = [1, 2, 4, 8, 16];
    const fit = fitPowerLaw(ns, ns.map((n) => 3 * n ** 0.8))!;
    expect(fit.k).toBeCloseTo(0.8, 12);
    expect(fit.c).toBeCloseTo(3, 12);
    expect(fit.r2).toBeCloseTo(1, 12);
  });
  it('finds speed-up as a negative exponent and scores a poor fit low', () => {
    expect(fitPowerLaw([1, 2, 4], [10, 5, 2.5])!.k).toBeCloseTo(-1, 12);
    expect(fitPowerLaw([1, 2, 4, 8], [1, 10, 1, 10])!.r2).toBeLessThan(0.5);
  });
  it('needs two usable points', () => {
    expect(fitPowerLaw([4], [1])).toBeNull();
    expect(fitPowerLaw([1, 2], [0, 0])).toBeNull();
  });
});
