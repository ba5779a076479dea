import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRatio, ratioFigure, roundsForMargin, verdict } from '../../../bench/paired-ratio';
import { studentTQuantile } from '../../../src/shared/compare/distributions';

const ratiosArb = (min = 2) => fc.array(fc.double({ min: 0.5, max: 2, noNaN: true }), { minLength: min, maxLength: 30 });
const width = (i: { low: number; high: number } | undefined): number => (i ? Math.log(i.high / i.low) : Number.NaN);

describe('the paired-ratio figure of an interleaved bench', () => {
  it('is the geometric mean with a t interval on the log-ratios; reciprocal ratios give the reciprocal figure', () => {
    fc.assert(
      fc.property(ratiosArb(), (ratios) => {
        const f = ratioFigure(ratios)!;
        const g = ratioFigure(ratios.map((r) => 1 / r))!;
        expect(f.geo!.low).toBeLessThanOrEqual(f.geo!.ratio * (1 + 1e-12));
        expect(f.geo!.high).toBeGreaterThanOrEqual(f.geo!.ratio * (1 - 1e-12));
        expect(g.geo!.ratio).toBeCloseTo(1 / f.geo!.ratio, 9);
        expect(g.geo!.low).toBeCloseTo(1 / f.geo!.high, 9);
        expect(f.min).toBe(Math.min(...ratios));
        expect(f.max).toBe(Math.max(...ratios));
      }),
    );
  });

  it('narrows as rounds of the same spread are added', () => {
    fc.assert(
      fc.property(ratiosArb(), (ratios) => {
        fc.pre(new Set(ratios).size > 1);
        const once = ratioFigure(ratios)!;
        const twice = ratioFigure([...ratios, ...ratios])!;
        expect(width(twice.geo)).toBeLessThan(width(once.geo));
        expect(twice.roundsForMargin!).toBeLessThanOrEqual(Math.max(once.roundsForMargin!, 2 * ratios.length));
      }),
    );
  });

  it('asks for the fewest rounds whose interval fits within the margin', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-4, max: 0.5, noNaN: true }), fc.constantFrom(0.02, 0.05, 0.1), (sd, margin) => {
        const k = roundsForMargin(sd, margin);
        const half = (n: number): number => studentTQuantile(0.975, n - 1) * (sd / Math.sqrt(n));
        expect(half(k)).toBeLessThanOrEqual(Math.log(1 + margin) * (1 + 1e-9));
        if (k > 2) expect(half(k - 1)).toBeGreaterThan(Math.log(1 + margin));
        // A wider spread never needs fewer rounds; a wider margin never needs more.
        expect(roundsForMargin(sd * 1.5, margin)).toBeGreaterThanOrEqual(k);
        expect(roundsForMargin(sd, margin * 2)).toBeLessThanOrEqual(k);
      }),
    );
    // Last round's spread (ratios 0.63 – 1.16 over 6 rounds, sd of the logs ≈ 0.2) needs dozens of rounds.
    expect(roundsForMargin(0.2, 0.05)).toBeGreaterThan(60);
    expect(roundsForMargin(0.02, 0.05)).toBeLessThan(6);
  });

  it('decides the target only when the whole interval is on one side, and not on the strength of an outlier round', () => {
    expect(verdict(ratioFigure([1.01, 0.99, 1.0, 1.02, 0.98, 1.0])!, 1.05)).toBe('met');
    expect(verdict(ratioFigure([1.2, 1.22, 1.18, 1.21])!, 1.05)).toBe('not met');
    expect(verdict(ratioFigure([0.8, 1.3, 0.9, 1.25])!, 1.05)).toBe('undecided');
    // Eight quiet rounds at 1.00 and one where a neighbour landed on one side: it is named and left out of the second interval.
    const f = ratioFigure([1.0, 1.01, 0.99, 1.0, 1.02, 0.98, 1.0, 1.01, 1.9])!;
    expect(f.robust?.dropped).toBe(1);
    expect(f.robust!.high).toBeLessThan(1.05);
    expect(f.geo!.high).toBeGreaterThan(1.05);
    expect(verdict(f, 1.05)).toBe('undecided');
    expect(formatRatio(f)).toMatch(/without 1 outlier round\(s\) 1\.001/);
  });

  it('refuses ratios that are not positive and finite', () => {
    expect(() => ratioFigure([1, 0])).toThrow(/positive and finite/);
    expect(ratioFigure([])).toBeNull();
    const one = ratioFigure([1.1])!;
    expect(one.geo).toBeUndefined();
    expect(one.roundsForMargin).toBeNull();
    expect(formatRatio(one)).toBe('1.100 (one round); median 1.100; range 1.100 – 1.100; 1 rounds');
  });
});
