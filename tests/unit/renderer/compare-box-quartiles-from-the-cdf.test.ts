/** The Compare box plot reads its quartiles off each run's empirical CDF: checked on CDFs whose quantiles are known. */
import { expect, it } from 'vitest';
import { quantileFromCdf } from '../../../src/renderer/src/charts/compare-quantile';
import { distributionOf } from '../../../src/shared/distribution';

it('interpolates linearly between CDF points and clamps to the ends', () => {
  const x = [1, 2, 3, 4];
  const f = [0.25, 0.5, 0.75, 1];
  expect(quantileFromCdf(x, f, 0.5)).toBe(2);
  expect(quantileFromCdf(x, f, 0.625)).toBeCloseTo(2.5, 12);
  expect(quantileFromCdf(x, f, 0.1)).toBe(1);
  expect(quantileFromCdf(x, f, 1)).toBe(4);
  expect(quantileFromCdf([], [], 0.5)).toBeUndefined();
});

it('gives the quartiles of 1 … 1000 ms within a millisecond from the stored distribution', () => {
  const d = distributionOf(Array.from({ length: 1000 }, (_, i) => i + 1));
  expect(Math.abs((quantileFromCdf(d.cdfLatencyMs, d.cdfFraction, 0.25) ?? 0) - 250)).toBeLessThan(1);
  expect(Math.abs((quantileFromCdf(d.cdfLatencyMs, d.cdfFraction, 0.75) ?? 0) - 750)).toBeLessThan(1);
});
