/** The live median merges each batch into a sorted run so far: that must equal sorting it all again. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergeSorted, sortedCopy } from '../../../src/shared/stats';

describe('mergeSorted', () => {
  it('equals sorting the union, whatever the two sorted halves hold (ties, empties, infinities)', () => {
    // (-0 and 0 are one latency; a typed sort orders them, a merge need not.)
    const values = fc.array(fc.double({ noNaN: true }).map((v) => (v === 0 ? 0 : v)), { maxLength: 60 });
    fc.assert(
      fc.property(values, values, (a, b) => {
        expect([...mergeSorted(sortedCopy(a), sortedCopy(b))]).toEqual([...sortedCopy([...a, ...b])]);
      }),
    );
  });
});
