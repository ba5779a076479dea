/**
 * The Run view's progress line ("measuring · N iterations", "median so far") reads the points the
 * live chart draws, so the two agree: fed batches as the store is (whole, thinned, refilled after
 * a gap), the count is the chart's last measured place and the median that of the points drawn.
 */
import { describe, expect, it } from 'vitest';
import { appendSamples, emptyPoints, liveSummary, refilledPoints } from '../../../src/renderer/src/stores/live-points';
import { lttbIndices } from '../../../src/shared/lttb';
import { mulberry32 } from '../../../src/shared/random';
import { quantileSorted, sortedCopy } from '../../../src/shared/stats';
import type { Sample } from '../../../src/shared/run';

const rand = mulberry32(7);
const batch = (phase: Sample['phase'], from: number, n: number, thinTo = Infinity): Sample[] => {
  const all = Array.from({ length: n }, (_, k): Sample => ({ i: from + k, phase, tMs: from + k, latencyMs: 1 + rand() * 3 }));
  // The host thins a live batch with LTTB (run-progress.ts, forDisplay), keeping its first and last samples.
  return n > thinTo ? lttbIndices(all.map((s) => s.latencyMs), thinTo).map((k) => all[k] as Sample) : all;
};
const medianOfDrawn = (latencies: number[]): number => quantileSorted(sortedCopy(latencies), 0.5);

describe('the live progress line and the live chart', () => {
  it('agree on the count and the median batch after batch', () => {
    const p = emptyPoints();
    appendSamples(p, batch('warmup', 0, 5));
    expect(liveSummary(p)).toEqual({ warmupDone: 5, measuredDone: 0 });
    let measured = 0;
    for (const n of [40, 1, 17, 300]) {
      appendSamples(p, batch('measure', measured, n));
      measured += n;
      const s = liveSummary(p);
      // Every measured sample is a point here: the count is the points drawn after the warm-up.
      expect(s.measuredDone).toBe(measured);
      expect(p.x.length - 5).toBe(s.measuredDone);
      expect(s.medianMs).toBe(medianOfDrawn(p.latencyMs.slice(5)));
    }
  });

  it('keep agreeing when batches are thinned for a very fast model', () => {
    const p = emptyPoints();
    appendSamples(p, batch('warmup', 0, 2000, 500));
    appendSamples(p, batch('measure', 0, 5000, 500));
    appendSamples(p, batch('measure', 5000, 3000, 500));
    const s = liveSummary(p);
    expect(s.warmupDone).toBe(2000);
    // The chart's x-axis ends at the last iteration: 2000 warm-up + 8000 measured.
    expect(p.x.at(-1)).toBe(2000 + 8000 - 1);
    expect(s.measuredDone).toBe(8000);
    const drawnMeasured = p.latencyMs.filter((_, k) => (p.x[k] ?? 0) >= 2000);
    expect(drawnMeasured).toHaveLength(1000);
    expect(s.medianMs).toBe(medianOfDrawn(drawnMeasured));
  });

  it('agree after a reconnect refilled the gap', () => {
    const heard = emptyPoints();
    appendSamples(heard, [...batch('warmup', 0, 2), ...batch('measure', 0, 3)]);
    const stored = [...batch('warmup', 0, 2), ...batch('measure', 0, 10).map((s) => ({ ...s, i: s.i + 2 }))];
    const p = refilledPoints(stored, heard);
    expect(liveSummary(p).measuredDone).toBe(10);
    expect(liveSummary(p).medianMs).toBe(medianOfDrawn(p.latencyMs.slice(2)));
  });
});
