import { describe, expect, it } from 'vitest';
import { distributionOf } from '../../../src/shared/distribution';

describe('latency distribution for display', () => {
  it('counts every sample once, in bins that cover the data', () => {
    const data = Array.from({ length: 500 }, (_, i) => 1 + (i % 50) / 10);
    const d = distributionOf(data);
    expect(d.counts.reduce((a, b) => a + b, 0) + d.clippedAbove).toBe(500);
    expect(d.binEdgesMs[0]).toBe(1);
    expect(d.binEdgesMs.at(-1)).toBeCloseTo(5.9, 10);
    expect(d.binEdgesMs).toHaveLength(d.counts.length + 1);
  });
  it('clips the far tail above p99.9 instead of stretching the axis for it', () => {
    const data = [...Array.from({ length: 5000 }, (_, i) => 10 + (i % 100) / 100), 150, 190];
    const d = distributionOf(data);
    expect(d.clippedAbove).toBe(2);
    expect(d.binEdgesMs.at(-1)!).toBeLessThan(11);
  });
  it('gives a monotone CDF from the minimum to the maximum', () => {
    const d = distributionOf([5, 1, 3, 2, 4]);
    expect(d.cdfLatencyMs).toEqual([1, 2, 3, 4, 5]);
    expect(d.cdfFraction).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
  it('goes logarithmic when latency spans orders of magnitude, keeping every sample', () => {
    const data = [...Array.from({ length: 990 }, () => 0.012), ...Array.from({ length: 10 }, () => 12)];
    const d = distributionOf(data);
    expect(d.scale).toBe('log');
    expect(d.clippedAbove).toBe(0);
    expect(d.counts.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(d.counts[0]).toBe(990);
    expect(d.counts.at(-1)).toBe(10);
    expect(d.binEdgesMs[0]).toBeCloseTo(0.012, 12);
    expect(d.binEdgesMs.at(-1)).toBeCloseTo(12, 9);
  });
  it('handles a single value and no data', () => {
    expect(distributionOf([2]).counts).toEqual([1]);
    expect(distributionOf([]).counts).toEqual([]);
  });
});

import { formatFlops, formatMs } from '../../../src/shared/format';

describe('formatting measured quantities', () => {
  it('gives FLOPs an SI prefix with three significant figures', () => {
    expect(formatFlops(5760)).toBe('5.76 kFLOP');
    expect(formatFlops(8.178e9)).toBe('8.18 GFLOP');
    expect(formatFlops(999)).toBe('999 FLOP');
  });
  it('gives latency the unit that keeps three significant figures', () => {
    expect(formatMs(0.0123)).toBe('12.3 µs');
    expect(formatMs(4.123)).toBe('4.12 ms');
    expect(formatMs(1200)).toBe('1.20 s');
    expect(formatMs(undefined)).toBe('—');
  });
});
