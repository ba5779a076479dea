/** A model's history: rolling medians per configuration and machine, and regressions only beyond the runs' own spread. */
import { describe, expect, it } from 'vitest';
import { historyTrend } from '../../../src/shared/sessions/history-trend';
import type { HistoryPoint } from '../../../src/shared/sessions/run-query';

const at = (i: number): string => new Date(Date.UTC(2026, 10, 1 + i)).toISOString();
const point = (i: number, p50Ms: number, config = 'cpu · 2 threads · batch 1 · single-stream', machine: string | null = 'CPU A'): HistoryPoint => ({
  runId: `r${i}`,
  createdAt: at(i),
  p50Ms,
  throughputPerS: 1000 / p50Ms,
  config,
  machine,
});

describe('regressions', () => {
  it('marks a run 30 % slower than steady previous runs, and not the runs before it', () => {
    const trend = historyTrend([10, 10.1, 9.9, 10, 13].map((ms, i) => point(i, ms)));
    expect(trend.map((t) => t.regression)).toEqual([false, false, false, false, true]);
    expect(trend[4]?.slowerBy).toBeCloseTo(0.3, 12);
  });

  it('does not mark a slowdown that the previous runs’ own spread explains (±25 % run to run)', () => {
    // Previous runs 8–12.5 ms: median 10, MAD-σ 1.48 × 1.5 = 2.2 ms, so 3σ allows +67 %.
    const trend = historyTrend([8, 12.5, 10, 8.5, 11.5, 14].map((ms, i) => point(i, ms)));
    expect(trend.some((t) => t.regression)).toBe(false);
  });

  it('never marks a difference below the practical threshold (10 %), however steady the runs', () => {
    const trend = historyTrend([10, 10, 10, 10, 10.9].map((ms, i) => point(i, ms)));
    expect(trend.at(-1)?.regression).toBe(false);
  });

  it('needs three previous runs of the group before it judges one', () => {
    expect(historyTrend([10, 10, 30].map((ms, i) => point(i, ms))).at(-1)?.regression).toBe(false);
  });

  it('judges each configuration and machine on its own: a slower config or another machine is no regression', () => {
    const runs = [point(0, 10), point(1, 10), point(2, 10), point(3, 20, 'cpu · 1 threads · batch 1 · single-stream'), point(4, 20, undefined, 'CPU B'), point(5, 10.2)];
    const trend = historyTrend(runs);
    expect(trend.map((t) => t.regression)).toEqual([false, false, false, false, false, false]);
    expect(new Set(trend.map((t) => t.group)).size).toBe(3);
  });
});

it('draws the trend as the rolling median of the group’s last runs', () => {
  const trend = historyTrend([1, 3, 2, 10, 4].map((ms, i) => point(i, ms)), { window: 3, minPrevious: 99, threshold: 0.1 });
  expect(trend.map((t) => t.trendP50Ms)).toEqual([1, 2, 2, 3, 4]);
});
