/**
 * Comparing two runs the way hyperfine reports it: "A is 1.23 ± 0.04 × slower than B", with the
 * ratio's uncertainty propagated from both runs, σ_r = r·√((σa/μa)² + (σb/μb)²).
 */
export interface RunSummaryForCompare {
  medianMs: number;
  meanMs: number;
  stdMs: number;
}

export interface Comparison {
  /** current ÷ baseline of the medians: > 1 means the current run is slower. */
  ratio: number;
  /** Uncertainty of the ratio of means, propagated from both standard deviations. */
  ratioSigma: number;
  slowerByPct: number;
  sentence: string;
}

export function compareRuns(current: RunSummaryForCompare, baseline: RunSummaryForCompare): Comparison {
  const ratio = current.medianMs / baseline.medianMs;
  const meanRatio = current.meanMs / baseline.meanMs;
  const ratioSigma = meanRatio * Math.sqrt((current.stdMs / current.meanMs) ** 2 + (baseline.stdMs / baseline.meanMs) ** 2);
  const slowerByPct = (ratio - 1) * 100;
  const factor = ratio >= 1 ? ratio : 1 / ratio;
  const sigma = ratio >= 1 ? ratioSigma : ratioSigma / meanRatio ** 2;
  const sentence = `this run is ${factor.toFixed(2)} ± ${sigma.toFixed(2)} × ${ratio >= 1 ? 'slower' : 'faster'} than the baseline (median ${current.medianMs.toPrecision(4)} ms vs ${baseline.medianMs.toPrecision(4)} ms)`;
  return { ratio, ratioSigma, slowerByPct, sentence };
}
