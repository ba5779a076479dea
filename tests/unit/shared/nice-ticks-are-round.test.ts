import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTickMs, niceTicks } from '../../../src/shared/nice-ticks';

describe("the live chart's axis ticks", () => {
  it('step by 1, 2 or 5 × 10ᵏ from 0, cover the maximum, and take at most 4 steps', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-4, max: 1e6, noNaN: true }), (max) => {
        const t = niceTicks(max);
        expect(t[0]).toBe(0);
        expect(t.at(-1)!).toBeGreaterThanOrEqual(max * (1 - 1e-9));
        expect(t.length - 1).toBeLessThanOrEqual(4);
        const step = t[1]!;
        const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
        expect([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6)).toBe(true);
        t.forEach((v, i) => expect(v).toBeCloseTo(i * step, 9));
        // Not needlessly coarse: one step fewer would not reach the maximum.
        expect((t.length - 2) * step).toBeLessThan(max);
      }),
    );
  });

  it('read as round figures where the old axis printed halves of the maximum (90.0 ms / 45.0 ms)', () => {
    expect(niceTicks(87.3)).toEqual([0, 50, 100]);
    expect(niceTicks(72).map(formatTickMs)).toEqual(['0', '20 ms', '40 ms', '60 ms', '80 ms']);
    expect(niceTicks(0.3).map(formatTickMs)).toEqual(['0', '100 µs', '200 µs', '300 µs']);
    expect(niceTicks(2400).map(formatTickMs)).toEqual(['0', '1 s', '2 s', '3 s']);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});
