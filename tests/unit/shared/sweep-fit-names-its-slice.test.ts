import { describe, expect, it } from 'vitest';
import { fitAlong, fitSentence, type SweepPoint } from '../../../src/shared/sweep';

const point = (batch: number, threads: number, p50Ms: number): SweepPoint => ({ batch, threads, runId: `${batch}-${threads}`, status: 'completed', p50Ms, throughputPerS: (batch * 1000) / p50Ms });

describe('a sweep fit says which slice of the grid it fits', () => {
  // A 3 × 2 grid: batch 1, 2, 4 by threads 1 and 4, p50 = batch × 10 / threads^0.5.
  const grid = [1, 2, 4].flatMap((b) => [1, 4].map((t) => point(b, t, (b * 10) / Math.sqrt(t))));

  it('fits along batch at the first point\'s thread count, with R² from three points', () => {
    const fit = fitAlong(grid, 'batch');
    expect(fit?.at).toEqual({ axis: 'threads', value: 1 });
    expect(fit?.points).toBe(3);
    expect(fitSentence('p50', 'batch', fit)).toBe('p50 ∝ batch^1.000 at threads 1 (R² 1.000, 3 points)');
  });

  it('gives no fit quality for two points, where any line fits exactly', () => {
    const fit = fitAlong(grid, 'threads');
    expect(fit?.at).toEqual({ axis: 'batch', value: 1 });
    expect(fitSentence('p50', 'threads', fit)).toBe('p50 ∝ threads^-0.500 at batch 1 (2 points: no fit quality)');
    expect(fitSentence('throughput', 'threads', fitAlong(grid, 'threads', 'throughputPerS'))).toBe('throughput ∝ threads^0.500 at batch 1 (2 points: no fit quality)');
  });

  it('names ONNX Runtime\'s own thread count as auto, and says when nothing can be fitted', () => {
    const auto = [point(1, 0, 10), point(2, 0, 20), point(4, 0, 40)];
    expect(fitSentence('p50', 'batch', fitAlong(auto, 'batch'))).toBe('p50 ∝ batch^1.000 at threads auto (R² 1.000, 3 points)');
    expect(fitSentence('p50', 'threads', fitAlong([point(1, 1, 10)], 'threads'))).toBe('threads: too few completed points to fit');
  });
});
