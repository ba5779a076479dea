import { describe, expect, it } from 'vitest';
import { bootstrapGain } from '../../../src/main/optimizer/command/verdicts';

describe('a command objective the comparison engine does not compare (peak memory, time to target)', () => {
  it('is judged by the ratio of per-run medians with a bootstrap interval: > 1 is a gain', () => {
    const halved = bootstrapGain([100, 102, 98, 101, 99], [50, 51, 49, 50, 52], 'peak memory');
    expect(halved?.gain).toBeCloseTo(2, 1);
    expect(halved?.ciLow).toBeGreaterThan(1.8);
    expect(halved?.verdict).toBe('better');
    expect(halved?.evidence).toBe('bootstrap of 5 vs 5 runs');
    const same = bootstrapGain([100, 110, 90, 105, 95], [102, 108, 92, 99, 97], 'peak memory');
    expect(same?.verdict).toBe('no clear difference');
    expect(same?.ciLow).toBeLessThan(1);
    expect(same?.ciHigh).toBeGreaterThan(1);
    expect(bootstrapGain([100, 101], [200, 202], 'time to target')?.verdict).toBe('worse');
    // One run a side gives no interval to judge by.
    expect(bootstrapGain([100], [50], 'peak memory')).toBeNull();
  });
});
