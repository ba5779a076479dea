/**
 * The binomial probabilities every interval and the early-stopping estimate rest on, pinned to
 * 12 significant digits against exact values (mpmath at 60 digits: C(n,k)·p^k·(1−p)^(n−k), and its
 * sums for the tails). The cases walk every branch of Loader's saddle-point method — the Stirling
 * error below 15, to 35, to 80, to 500 and above, the deviance near and far from the mean — and
 * the edges (k = 0, k = n, p = 0 or 1, a k outside 0…n). Where Stirling's series is the only
 * approximation in play (k = n/2 at p = ½, where the deviance terms vanish), the pmf is held to
 * 14 digits: there each of the series' terms from k⁻⁵ on moves the result by 1e-14 to 1e-12,
 * while the method itself is exact to a few units in the last place (2e-16 measured).
 */
import { describe, expect, it } from 'vitest';
import { binomialPmf, binomialTails } from '../../../src/shared/binomial';

/** [n, k, p, P(X = k)] */
const PMF: [number, number, number, number][] = [
  [20, 3, 0.2, 0.2053641430080946],
  [20, 3, 0.7, 5.049638653626012e-07],
  [40, 7, 0.1, 0.057614481292187415],
  [40, 15, 0.5, 0.03658473820541985],
  [40, 16, 0.3, 0.05183377510298279],
  [60, 25, 0.4, 0.1004824160307231],
  [70, 35, 0.5, 0.09502547354053767],
  [90, 36, 0.45, 0.054115085364460684],
  [200, 60, 0.3, 0.06146171679476929],
  [200, 80, 0.2, 4.676976227763394e-11],
  [300, 81, 0.27, 0.051822063762487956],
  [1000, 300, 0.3, 0.027521003821268385],
  [1000, 500, 0.45, 0.00016574055418552087],
  [1200, 501, 0.5, 1.7438267621782157e-09],
  [5000, 2600, 0.5, 0.0002066043875804286],
  [5000, 30, 0.01, 0.0006523776249796825],
  [100000, 990, 0.01, 0.01211182463158123],
  [100000, 99000, 0.99, 0.012678161323544589],
  [12, 11, 0.6, 0.017414258687999996],
  [9, 1, 0.05, 0.2985391940800781],
];

/** [n, p, k, P(X ≤ k), P(X ≥ k)] */
const TAILS: [number, number, number, number, number][] = [
  [500, 0.01, 0, 0.006570483042414632, 1.0],
  [500, 0.01, 1, 0.039754740832387524, 0.9934295169575854],
  [500, 0.01, 2, 0.12338577435358183, 0.9602452591676125],
  [500, 0.01, 5, 0.6159621318214527, 0.5603889132518971],
  [500, 0.01, 9, 0.9688978933515121, 0.06711015991370471],
  [500, 0.01, 12, 0.9980995068161168, 0.0052080442541713335],
  [500, 0.01, 20, 0.9999999368007801, 2.774629923620727e-07],
  [1000, 0.5, 450, 0.0008652680424881588, 0.999304129202789],
  [1000, 0.5, 480, 0.10872414660207047, 0.9026168357691172],
  [1000, 0.5, 500, 0.5126125090891804, 0.5126125090891804],
  [1000, 0.5, 501, 0.5377871779298599, 0.4873874909108196],
  [1000, 0.5, 520, 0.9026168357691172, 0.10872414660207047],
  [1000, 0.5, 560, 0.9999361178408379, 8.252493527522651e-05],
  [37, 0.9, 20, 2.2018901729405656e-08, 0.9999999973183135],
  [37, 0.9, 30, 0.07108505827175715, 0.9725586400352485],
  [37, 0.9, 33, 0.5135534468629799, 0.6905464362571172],
  [37, 0.9, 34, 0.7296592054607297, 0.4864465531370201],
  [37, 0.9, 36, 0.9797244404095548, 0.10363063790672028],
  [37, 0.9, 37, 1.0, 0.020275559590445275],
];

const relClose = (actual: number, expected: number, digits = 12): void => {
  expect(Math.abs(actual - expected) / expected).toBeLessThan(10 ** -digits);
};

describe('the binomial pmf', () => {
  it.each(PMF)('Binomial(%i, p) at k = %i, p = %f is exact to 12 digits', (n, k, p, expected) => {
    relClose(binomialPmf(k, n, p), expected);
  });

  /** [n, k = n/2, P(X = k) at p = ½] from mpmath; the Stirling error of k = 16 … 81 and of n. */
  const HALVES: [number, number, number][] = [
    [32, 16, 0.13994993409141898],
    [34, 17, 0.13583375955931842],
    [72, 36, 0.09370567529691909],
    [74, 37, 0.09243938238750125],
    [160, 80, 0.06297983078680193],
    [162, 81, 0.06259106639922908],
  ];
  it.each(HALVES)('Binomial(%i, ½) at k = %i is exact to 14 digits (Stirling’s series term by term)', (n, k, expected) => {
    relClose(binomialPmf(k, n, 0.5), expected, 14);
  });

  it('is exact far from the mean, where the deviance cannot be a series (k = 1 of 100,000 at p = 0.006)', () => {
    // x = 1 against a mean of 600: the series form would need thousands of terms here.
    relClose(binomialPmf(1, 100_000, 0.006), 2.625455111165672e-259);
  });

  it('handles its edges exactly', () => {
    relClose(binomialPmf(0, 30, 0.1), 0.9 ** 30, 14);
    relClose(binomialPmf(30, 30, 0.1), 0.1 ** 30, 13);
    expect(binomialPmf(0, 10, 0)).toBe(1);
    expect(binomialPmf(1, 10, 0)).toBe(0);
    expect(binomialPmf(10, 10, 0)).toBe(0);
    expect(binomialPmf(0, 0, 0)).toBe(1);
    expect(binomialPmf(0, 0, 1)).toBe(1);
    expect(binomialPmf(0, 10, 1)).toBe(0);
    expect(binomialPmf(10, 10, 1)).toBe(1);
    expect(binomialPmf(9, 10, 1)).toBe(0);
    expect(binomialPmf(-1, 10, 0.5)).toBe(0);
    expect(binomialPmf(11, 10, 0.5)).toBe(0);
    expect(binomialPmf(2.5, 10, 0.5)).toBe(0);
  });
});

describe('the binomial tails', () => {
  it.each(TAILS)('Binomial(%i, %f) at k = %i: P(X ≤ k) and P(X ≥ k) to 10 digits', (n, p, k, cdf, sf) => {
    const t = binomialTails(n, p);
    relClose(t.cdf(k), cdf, 10);
    relClose(t.sf(k), sf, 10);
  });

  it('is 0 and 1 beyond the support', () => {
    const t = binomialTails(20, 0.3);
    expect([t.cdf(-1), t.cdf(20), t.cdf(25), t.sf(0), t.sf(-3), t.sf(21)]).toEqual([0, 1, 1, 1, 1, 0]);
  });

  it('is exactly 0 and 1 where the true tail is below what a double holds (Binomial(2000, ½): P(X ≥ 1900) ≈ 1e-431)', () => {
    const t = binomialTails(2000, 0.5);
    expect([t.sf(1900), t.cdf(100), t.cdf(1899), t.sf(101)]).toEqual([0, 0, 1, 1]);
    // Just inside what the tail walk keeps (terms above 1e-300): P(X ≥ 1500) from mpmath.
    relClose(t.sf(1500), 7.371987614884475e-116, 10);
  });
});
