/**
 * The figure an interleaved A/B bench reports: the median of the paired ratios (one per round,
 * so machine drift hits both sides of a pair alike), with the distribution-free 95 %
 * order-statistic interval Dyno puts on percentiles (from 6 rounds) and the range of the ratios.
 */
import { quantileCi, quantileSorted, sortedCopy } from '../src/shared/stats';

export interface RatioFigure {
  median: number;
  /** The 95 % interval of the median, where there are enough rounds (6) for one. */
  ci?: { low: number; high: number };
  min: number;
  max: number;
  rounds: number;
}

export function ratioFigure(ratios: readonly number[]): RatioFigure | null {
  if (ratios.length === 0) return null;
  const sorted = sortedCopy(ratios);
  const ci = quantileCi(sorted, 0.5);
  return {
    median: quantileSorted(sorted, 0.5),
    ...(ci ? { ci: { low: ci.lowMs, high: ci.highMs } } : {}),
    min: sorted[0] as number,
    max: sorted.at(-1) as number,
    rounds: ratios.length,
  };
}

/** "1.023 [95% CI 0.990 – 1.061; range 0.97 – 1.09; 8 rounds]" */
export function formatRatio(f: RatioFigure): string {
  const ci = f.ci ? `95% CI ${f.ci.low.toFixed(3)} – ${f.ci.high.toFixed(3)}; ` : '';
  return `${f.median.toFixed(3)} [${ci}range ${f.min.toFixed(3)} – ${f.max.toFixed(3)}; ${f.rounds} rounds]`;
}
