/**
 * Every measurement warning Dyno can raise, with its user-facing text in one place
 * (hyperfine keeps its warnings in one enum for the same reason).
 */
import type { LatencyStats } from './stats';
import { PERCENTILES } from './stats';

export type MeasurementWarning =
  | { code: 'percentile-unsupported'; message: string; percentiles: string[]; have: number; need: number }
  | { code: 'outliers'; message: string; count: number; maxAbsZ: number }
  | { code: 'noisy'; message: string; cvPct: number }
  | { code: 'slow-first-run'; message: string; firstRunMs: number; medianMs: number };

/** hyperfine warns when a point lies this many scaled MADs from the median. */
const SEVERE_OUTLIER_Z = 10;
const NOISY_CV_PCT = 10;
const SLOW_FIRST_RUN_FACTOR = 5;

export function measurementWarnings(stats: LatencyStats, firstRunMs?: number): MeasurementWarning[] {
  const out: MeasurementWarning[] = [];
  const unsupported = PERCENTILES.flatMap(({ key }) => {
    const p = stats.percentiles[key];
    return p && !p.supported ? [{ key, need: p.minSamples }] : [];
  });
  const first = unsupported[0];
  if (first) {
    out.push({
      code: 'percentile-unsupported',
      percentiles: unsupported.map((u) => u.key),
      have: stats.count,
      need: first.need,
      message: `${unsupported.map((u) => `${u.key} (needs ${u.need})`).join(', ')}: too few samples to claim at 99% confidence (have ${stats.count}); run at least ${first.need} iterations to claim ${first.key}.`,
    });
  }
  if (stats.maxAbsModifiedZ > SEVERE_OUTLIER_Z) {
    out.push({
      code: 'outliers',
      count: stats.outlierCount,
      maxAbsZ: stats.maxAbsModifiedZ,
      message: `${stats.outlierCount} statistical outlier(s), the worst ${stats.maxAbsModifiedZ.toFixed(0)} scaled MADs from the median: other programs or power management may have interfered.`,
    });
  }
  if (stats.cvPct > NOISY_CV_PCT) {
    out.push({
      code: 'noisy',
      cvPct: stats.cvPct,
      message: `Latency varies by ${stats.cvPct.toFixed(1)}% (CV): the machine may be busy; compare medians, not means.`,
    });
  }
  const median = stats.percentiles.p50?.valueMs;
  if (firstRunMs !== undefined && median !== undefined && firstRunMs > SLOW_FIRST_RUN_FACTOR * median) {
    out.push({
      code: 'slow-first-run',
      firstRunMs,
      medianMs: median,
      message: `The first inference took ${firstRunMs.toFixed(1)} ms, ${(firstRunMs / median).toFixed(0)}× the median: cold start is reported separately; keep warm-up on.`,
    });
  }
  return out;
}
