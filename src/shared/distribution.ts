/**
 * A latency distribution for display, and an empirical CDF sampled at fixed quantiles.
 * Latency often spans orders of magnitude (a 12 µs body with 10 ms stalls): when max/min is
 * wide the bins are log-spaced and drawn on a log axis, so body and tail both stay visible.
 * Otherwise bins are linear with Freedman–Diaconis width, clipped at p99.9 (with a count of
 * what lies beyond) so one outlier does not squash the plot.
 */
import { quantileSorted, sortedCopy } from './stats';
import { agree, plural } from './format';

/** Above this max/min ratio the histogram goes logarithmic. */
const LOG_SCALE_RATIO = 20;

export interface Distribution {
  scale: 'linear' | 'log';
  binEdgesMs: number[];
  counts: number[];
  /** Measured samples beyond the last bin (above p99.9), counted but not drawn. */
  clippedAbove: number;
  cdfLatencyMs: number[];
  cdfFraction: number[];
}

export function distributionOf(latenciesMs: ArrayLike<number>, maxBins = 80, cdfPoints = 400): Distribution {
  const sorted = sortedCopy(latenciesMs);
  const n = sorted.length;
  if (n === 0) return { scale: 'linear', binEdgesMs: [], counts: [], clippedAbove: 0, cdfLatencyMs: [], cdfFraction: [] };
  const points = Math.min(cdfPoints, n);
  const cdfFraction = Array.from({ length: points }, (_, i) => (points === 1 ? 1 : i / (points - 1)));
  const cdf = { cdfLatencyMs: cdfFraction.map((q) => quantileSorted(sorted, q)), cdfFraction };
  const lo = sorted[0] as number;
  const max = sorted[n - 1] as number;
  if (lo > 0 && max / lo > LOG_SCALE_RATIO) {
    const bins = Math.min(maxBins, 60);
    const step = Math.log(max / lo) / bins;
    const edges = Array.from({ length: bins + 1 }, (_, i) => lo * Math.exp(i * step));
    const counts = new Array<number>(bins).fill(0);
    for (const v of sorted) counts[Math.min(bins - 1, Math.floor(Math.log(v / lo) / step))]!++;
    return { scale: 'log', binEdgesMs: edges, counts, clippedAbove: 0, ...cdf };
  }
  const hi = quantileSorted(sorted, n >= 1000 ? 0.999 : 1);
  const iqr = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
  const fd = iqr > 0 ? (2 * iqr) / Math.cbrt(n) : 0;
  const bins = Math.max(1, Math.min(maxBins, fd > 0 ? Math.ceil((hi - lo) / fd) : 1));
  const width = hi > lo ? (hi - lo) / bins : 1;
  const counts = new Array<number>(bins).fill(0);
  let clippedAbove = 0;
  for (const v of sorted) {
    if (v > hi) clippedAbove++;
    else counts[Math.min(bins - 1, Math.floor((v - lo) / width))]!++;
  }
  return { scale: 'linear', binEdgesMs: Array.from({ length: bins + 1 }, (_, i) => lo + i * width), counts, clippedAbove, ...cdf };
}

/** The note under a histogram whose far tail was clipped, or none when nothing was: "1 iteration above p99.9 is counted but beyond the axis." */
export function clippedNote(d: Pick<Distribution, 'clippedAbove'>): string | undefined {
  const n = d.clippedAbove;
  return n > 0 ? `${plural(n, 'iteration')} above p99.9 ${agree(n, 'is', 'are')} counted but beyond the axis.` : undefined;
}
