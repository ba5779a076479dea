/**
 * The waterfall of the recommendation's gain: each factor's gain alone over the baseline (with
 * its interval), stacked as a product from 1× (independent effects multiply), the product the
 * factors predict, and the combination as re-measured, flagged when the prediction falls
 * outside its interval (the factors interact: their gains do not add up). Pure: the result view
 * draws it, the tests check it.
 */
import type { OptimizeResult } from './study-state';

export interface WaterfallBar {
  kind: 'factor' | 'predicted' | 'combined';
  label: string;
  /** Where the bar starts and ends on the gain axis (×, 1 = the baseline). */
  from: number;
  to: number;
  /** The gain this bar stands for (a factor's alone, or the total) and its 95 % interval. */
  gain: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** Only for the combined bar: the measured gain departs from the factors' product. */
  interaction: boolean;
  runId: string | null;
}

export function waterfallBars(attribution: OptimizeResult['attribution']): WaterfallBar[] {
  const bars: WaterfallBar[] = [];
  let at = 1;
  for (const a of attribution) {
    if (a.factor === 'combined') continue;
    const label = `${a.factor}=${String(a.level)}`;
    // A factor without a verdict (its single trial failed to compare) adds nothing it cannot show.
    const to = a.gain === null ? at : at * a.gain;
    bars.push({ kind: 'factor', label, from: at, to, gain: a.gain, ciLow: a.ciLow, ciHigh: a.ciHigh, interaction: false, runId: a.runId });
    at = to;
  }
  const combined = attribution.find((a) => a.factor === 'combined');
  if (!combined) return bars;
  const predicted = combined.predicted ?? at;
  bars.push({ kind: 'predicted', label: 'factors alone, multiplied', from: 1, to: predicted, gain: predicted, ciLow: null, ciHigh: null, interaction: false, runId: null });
  bars.push({ kind: 'combined', label: combined.interaction ? 'combined, re-measured (factors interact)' : 'combined, re-measured', from: 1, to: combined.gain ?? 1, gain: combined.gain, ciLow: combined.ciLow, ciHigh: combined.ciHigh, interaction: combined.interaction === true, runId: null });
  return bars;
}
