/**
 * The live view's points across an offline gap: the stored series fills what the socket missed,
 * samples heard while it was fetched are kept after it, and a sample heard twice is drawn once.
 */
import { describe, expect, it } from 'vitest';
import { appendSamples, emptyPoints, refilledPoints } from '../../../src/renderer/src/stores/live-points';
import type { Sample } from '../../../src/shared/run';

const warm = (i: number): Sample => ({ i, phase: 'warmup', tMs: i, latencyMs: 1 });
const meas = (i: number): Sample => ({ i, phase: 'measure', tMs: 100 + i, latencyMs: 2 });
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, k) => from + k);

describe('live points', () => {
  it('refill the gap from the stored series and keep what was heard beyond it', () => {
    const heard = emptyPoints();
    appendSamples(heard, [warm(0), warm(1), meas(0), meas(1)]);
    // Offline while measured 2..9 were stored; measured 10..11 were heard while the series was fetched.
    appendSamples(heard, [meas(10), meas(11)]);
    expect(heard.x).toEqual([0, 1, 2, 3, 12, 13]);
    const stored = [...[0, 1].map((i) => ({ ...warm(i), i })), ...range(0, 10).map((i) => ({ ...meas(i), i: 2 + i }))];
    const p = refilledPoints(stored, heard);
    expect(p.x).toEqual(range(0, 14));
    expect(p.warmupCount).toBe(2);
    expect(p.tMs.length).toBe(14);
    // The host held measured 9..11 in its batcher when the series was read: heard again, drawn once.
    appendSamples(p, [meas(9), meas(10), meas(11), meas(12)]);
    expect(p.x).toEqual(range(0, 15));
    expect(p.latencyMs.length).toBe(15);
  });
});
