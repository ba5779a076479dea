/**
 * The progress lines count what was measured in words that agree with the count: "1 iteration",
 * "1 run", "40 runs" — the CLI's bar (`dyno bench`) and the studio's live line alike, in the
 * warm-up as while measuring (the warm-up's count used to have no unit: "warm-up · 5", and the
 * bar showed the 0 measured iterations all through the warm-up).
 */
import { describe, expect, it } from 'vitest';
import { barFields } from '../../../src/main/cli/progress-bar';
import { progressWords } from '../../../src/renderer/src/stores/live-points';
import { sampleCount } from '../../../src/shared/warnings';
import type { Progress } from '../../../src/shared/contract';

const measuring = (measuredDone: number): Progress => ({ phase: 'measure', warmupDone: 3, measuredDone, elapsedMs: 2_500, fraction: 0.25 });
const warming = (warmupDone: number): Progress => ({ phase: 'warmup', warmupDone, measuredDone: 0, elapsedMs: 0, fraction: 0 });

describe('progress lines', () => {
  it('count samples in the singular for one and the plural otherwise, per workload', () => {
    expect(sampleCount(1, 'model')).toBe('1 iteration');
    expect(sampleCount(0, 'model')).toBe('0 iterations');
    expect(sampleCount(1, 'command')).toBe('1 run');
    expect(sampleCount(40, 'command')).toBe('40 runs');
  });

  it("fill the CLI bar's fields in the live line's words, the phase padded to one width", () => {
    expect(barFields(measuring(1))).toEqual({ phase: 'measuring', count: '1 iteration', elapsed: '2.5' });
    expect(barFields(measuring(2)).count).toBe('2 iterations');
    expect(barFields(warming(1))).toEqual({ phase: 'warm-up  ', count: '1 iteration', elapsed: '0.0' });
    expect(barFields(warming(5)).count).toBe('5 iterations');
    expect(barFields({ ...warming(0), phase: 'starting' }).phase).toBe('starting ');
  });

  it("word the studio's live line for each phase and workload", () => {
    expect(progressWords('measure', { warmupDone: 3, measuredDone: 1 }, 'command')).toBe('measuring · 1 run');
    expect(progressWords('measure', { warmupDone: 3, measuredDone: 1 }, 'model')).toBe('measuring · 1 iteration');
    expect(progressWords('measure', { warmupDone: 3, measuredDone: 12 }, 'model')).toBe('measuring · 12 iterations');
    expect(progressWords('warmup', { warmupDone: 5, measuredDone: 0 }, 'model')).toBe('warm-up · 5 iterations');
    expect(progressWords('warmup', { warmupDone: 1, measuredDone: 0 }, 'model')).toBe('warm-up · 1 iteration');
    expect(progressWords('warmup', { warmupDone: 2, measuredDone: 0 }, 'command')).toBe('warm-up · 2 runs');
    expect(progressWords('starting', { warmupDone: 0, measuredDone: 0 }, 'model')).toBe('starting worker…');
    expect(progressWords(undefined, { warmupDone: 0, measuredDone: 0 }, 'model')).toBe('starting worker…');
  });
});
