/**
 * A model's history read as a trend: per configuration and machine (runs are only comparable
 * within one), the rolling median p50 of the last few runs, and the runs that are regressions.
 *
 * The run, not the iteration, is the unit of evidence: on the 2-core test machine two runs of
 * one configuration differed by 29 % in median, and ±25 % between consecutive runs is common.
 * So a run is marked a regression only when its p50 is above the median of the previous runs
 * of its group by more than both the practical threshold and three times those runs' own
 * spread (the scaled median absolute deviation, Iglewicz & Hoaglin's robust σ), and only once
 * the group has enough previous runs to have a spread at all.
 */
import type { HistoryPoint } from './run-query';

export interface TrendOptions {
  /** Previous runs of the group the trend and the test look at. */
  window: number;
  /** Fewer previous runs than this: no verdict (the spread is not known). */
  minPrevious: number;
  /** Practical threshold, as a fraction: smaller slowdowns are never marked. */
  threshold: number;
}

export const DEFAULT_TREND: TrendOptions = { window: 8, minPrevious: 3, threshold: 0.1 };

export interface TrendPoint extends HistoryPoint {
  /** "config · machine": the group the trend and the regression test are taken within. */
  group: string;
  /** Rolling median p50 of this run and up to `window − 1` runs before it in its group. */
  trendP50Ms: number;
  regression: boolean;
  /** By how much the p50 exceeds the previous runs' median (fraction), when it is a regression. */
  slowerBy?: number;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
}

/** 1.4826 × MAD estimates σ for normal data (Iglewicz & Hoaglin). */
const robustSigma = (values: readonly number[], m: number): number => 1.4826 * median(values.map((v) => Math.abs(v - m)));

export function historyTrend(points: readonly HistoryPoint[], options: TrendOptions = DEFAULT_TREND): TrendPoint[] {
  const previous = new Map<string, number[]>();
  return points.map((p) => {
    const group = `${p.config} · ${p.machine ?? 'unknown machine'}`;
    const before = (previous.get(group) ?? []).slice(-options.window);
    const trendP50Ms = median([...before.slice(-(options.window - 1)), p.p50Ms]);
    let regression = false;
    let slowerBy: number | undefined;
    if (before.length >= options.minPrevious) {
      const m = median(before);
      const allowed = Math.max(options.threshold, (3 * robustSigma(before, m)) / m);
      const excess = p.p50Ms / m - 1;
      if (excess > allowed) {
        regression = true;
        slowerBy = excess;
      }
    }
    previous.set(group, [...before, p.p50Ms]);
    return { ...p, group, trendP50Ms, regression, ...(slowerBy !== undefined ? { slowerBy } : {}) };
  });
}
