import { describe, expect, it } from 'vitest';
import { lttbIndices } from '../../../src/shared/lttb';

describe('LTTB downsampling', () => {
  it('returns every index when under the threshold', () => {
    expect(lttbIndices([3, 1, 2], 10)).toEqual([0, 1, 2]);
  });
  it('keeps the endpoints, the requested count, increasing indices, and a lone spike', () => {
    const ys = Array.from({ length: 10_000 }, (_, i) => (i === 6_543 ? 100 : 1 + Math.sin(i / 50) * 0.1));
    const keep = lttbIndices(ys, 500);
    expect(keep).toHaveLength(500);
    expect(keep[0]).toBe(0);
    expect(keep.at(-1)).toBe(9_999);
    expect(keep.every((v, i) => i === 0 || v > keep[i - 1]!)).toBe(true);
    expect(keep).toContain(6_543);
  });
});
