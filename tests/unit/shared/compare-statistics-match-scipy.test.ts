/**
 * The comparison's statistics against scipy 1.17 on fixed samples: the numbers below were
 * printed by scripts/compare-reference.py and are checked in as literals.
 */
import { describe, expect, it } from 'vitest';
import { mannWhitneyU, smallestExactPValue } from '../../../src/shared/compare/mann-whitney';
import { pairedRatioInterval, welchT } from '../../../src/shared/compare/t-tests';
import { lnGamma, normalUpperTail, regularizedBeta, studentTQuantile, studentTTwoSided } from '../../../src/shared/compare/distributions';

const exactX = [1.1, 2.3, 3.5, 4.2, 5.0];
const exactY = [2.8, 3.9, 6.1, 7.4, 8.8, 9.0];
const tiesX = [1, 2, 2, 3, 3, 3, 4, 5, 5, 6];
const tiesY = [2, 3, 4, 4, 5, 6, 6, 7, 8, 8, 9];
const bigX = Array.from({ length: 500 }, (_, i) => 10 + ((i * 7919) % 1000) / 100);
const bigY = Array.from({ length: 600 }, (_, i) => 10.2 + ((i * 104729) % 1000) / 100);

describe('Mann-Whitney U (two-sided, scipy defaults)', () => {
  it('counts the exact null distribution without ties and ≤ 8 values on a side', () => {
    const r = mannWhitneyU(exactX, exactY);
    expect(r.method).toBe('exact');
    expect(r.u).toBe(5);
    expect(r.pValue).toBeCloseTo(0.08225108225108226, 14);
    const s = mannWhitneyU([3, 1, 2], [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(s.u).toBe(0);
    expect(s.pValue).toBeCloseTo(0.004395604395604396, 14);
    // …which is the smallest p-value 3 against 12 can give at all.
    expect(smallestExactPValue(3, 12)).toBeCloseTo(0.004395604395604396, 14);
  });

  it('swapping the samples gives U2 = n1·n2 − U1 and the same p', () => {
    const r = mannWhitneyU(exactY, exactX);
    expect(r.u).toBe(25);
    expect(r.pValue).toBeCloseTo(0.08225108225108226, 14);
  });

  it('uses the normal approximation with tie and continuity corrections when values tie', () => {
    const r = mannWhitneyU(tiesX, tiesY);
    expect(r.method).toBe('asymptotic');
    expect(r.u).toBe(23.5);
    expect(r.pValue).toBeCloseTo(0.027640884214298913, 12);
  });

  it('matches on hundreds of values', () => {
    const r = mannWhitneyU(bigX, bigY);
    expect(r.u).toBe(144616);
    expect(r.pValue).toBeCloseTo(0.3048315559640863, 12);
  });

  it('all values equal: no ordering, p = 1', () => {
    expect(mannWhitneyU([2, 2, 2, 2, 2, 2, 2, 2, 2], [2, 2, 2, 2, 2, 2, 2, 2, 2]).pValue).toBe(1);
  });

  it('3 runs against 3 can never reach p < 0.05 (0.1 at best): the verdict says so', () => {
    expect(smallestExactPValue(3, 3)).toBeCloseTo(0.1, 14);
    expect(mannWhitneyU([1, 2, 3], [4, 5, 6]).pValue).toBeCloseTo(0.1, 14);
    expect(smallestExactPValue(4, 4)).toBeCloseTo(2 / 70, 14);
  });
});

describe("Welch's t and the paired interval of interleaved rounds", () => {
  it('Welch as scipy.stats.ttest_ind(equal_var=False)', () => {
    const w = welchT(tiesX, tiesY);
    expect(w?.t).toBeCloseTo(-2.6570840043163835, 12);
    expect(w?.df).toBeCloseTo(17.92392214900467, 10);
    expect(w?.pValue).toBeCloseTo(0.01608605004827243, 12);
    const big = welchT(bigX, bigY);
    expect(big?.t).toBeCloseTo(-1.0464831376947206, 12);
    expect(big?.df).toBeCloseTo(1062.28760163648, 8);
    expect(big?.pValue).toBeCloseTo(0.295576078037757, 12);
  });

  it('Welch needs two values a side and some spread', () => {
    expect(welchT([1], [2, 3])).toBeNull();
    expect(welchT([1, 1], [1, 1])).toBeNull();
  });

  it('paired ratios: geometric mean, t interval on logs, one-sample t p-value', () => {
    const p = pairedRatioInterval([1.52, 1.61, 1.58, 1.7]);
    expect(p?.ratio).toBeCloseTo(1.6011936830424744, 12);
    expect(p?.low).toBeCloseTo(1.4868731292605184, 10);
    expect(p?.high).toBeCloseTo(1.7243039504589173, 10);
    expect(p?.pValue).toBeCloseTo(0.0002642454430544714, 12);
  });

  it('reversing every ratio mirrors the interval exactly', () => {
    const p = pairedRatioInterval([1.52, 1.61, 1.58, 1.7].map((r) => 1 / r));
    expect(p?.ratio).toBeCloseTo(1 / 1.6011936830424744, 12);
    expect(p?.low).toBeCloseTo(1 / 1.7243039504589173, 10);
    expect(p?.high).toBeCloseTo(1 / 1.4868731292605184, 10);
  });

  it('one round is no interval', () => {
    expect(pairedRatioInterval([1.3])).toBeNull();
  });
});

describe('distribution functions', () => {
  it('match scipy to 12 digits or better', () => {
    expect(studentTTwoSided(2.1, 2.5)).toBeCloseTo(0.14450244475484378, 12);
    expect(studentTQuantile(0.975, 3)).toBeCloseTo(3.1824463052837078, 9);
    expect(studentTQuantile(0.975, 30.7)).toBeCloseTo(2.040321537812142, 9);
    expect(normalUpperTail(3.2)).toBeCloseTo(0.0006871379379158471, 15);
    expect(normalUpperTail(0.4)).toBeCloseTo(0.3445782583896758, 14);
    expect(normalUpperTail(8) / 6.22096057427174e-16).toBeCloseTo(1, 10);
    expect(regularizedBeta(0.3, 2.5, 7)).toBeCloseTo(0.6412224629717214, 13);
    expect(regularizedBeta(0.9, 50, 0.5)).toBeCloseTo(0.001204149832559813, 14);
    expect(lnGamma(0.5)).toBeCloseTo(0.5723649429247, 12);
    expect(lnGamma(123.4)).toBeCloseTo(469.3360974421906, 10);
  });
});
