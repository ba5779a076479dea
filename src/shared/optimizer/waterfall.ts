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

/**
 * A log axis for ratios (× over the baseline): equal steps for equal factors, so a 1.6× gain
 * does not look flat beside a 12× interval. The range holds every value (bars and interval
 * ends) with a margin, in log10 units as plotly takes it; ticks at powers of two (0.5×, 1×, 2×,
 * 4× …), thinned to at most about eight.
 */
export function ratioAxis(values: readonly number[]): { range: [number, number]; tickvals: number[]; ticktext: string[] } {
  const finite = values.filter((v) => Number.isFinite(v) && v > 0);
  const lo = Math.min(1, ...finite);
  const hi = Math.max(1, ...finite);
  const span = Math.max(Math.log10(hi / lo), Math.log10(1.25));
  const range: [number, number] = [Math.log10(lo) - span * 0.12, Math.log10(hi) + span * 0.2];
  const first = Math.floor(range[0] / Math.log10(2));
  const last = Math.ceil(range[1] / Math.log10(2));
  const step = Math.max(1, Math.ceil((last - first + 1) / 8));
  const tickvals: number[] = [];
  for (let k = 0; k <= last; k += step) tickvals.push(2 ** k);
  for (let k = -step; k >= first; k -= step) tickvals.unshift(2 ** k);
  const inRange = tickvals.filter((t) => Math.log10(t) >= range[0] && Math.log10(t) <= range[1]);
  // A narrow range (all gains near 1) holds no second power of two: mark its ends as well.
  const ticks = inRange.length >= 2 ? inRange : [...new Set([lo, 1, hi].map((v) => Number(v.toPrecision(3))))].sort((a, b) => a - b);
  return { range, tickvals: ticks, ticktext: ticks.map((t) => `${t >= 1 ? String(t) : t.toPrecision(2).replace(/0+$/, '')}×`) };
}
