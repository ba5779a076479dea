/**
 * The figure an interleaved A/B bench reports, and whether it decides a margin. Each round gives
 * one paired ratio (A ÷ B measured back to back, so machine drift hits both sides of a pair
 * alike). The figure is the geometric mean of the ratios with its Student-t 95 % interval on the
 * log-ratios (compare's paired interval, `pairedRatioInterval`), which narrows as 1/√rounds; the
 * median with its distribution-free order-statistic interval (from 6 rounds) and the range are
 * shown beside it. Robustness: rounds whose log-ratio is an outlier by the modified z-score
 * (|z| > 3.5, Iglewicz & Hoaglin) are left out of a second interval; a verdict that holds only
 * with them is not a verdict. And from the spread seen so far: how many rounds an interval
 * within ±margin would take.
 */
import { meanOf, modifiedZScores, OUTLIER_Z, quantileCi, quantileSorted, sortedCopy, stdOf } from '../src/shared/stats';
import { pairedRatioInterval } from '../src/shared/compare/t-tests';
import { studentTQuantile } from '../src/shared/compare/distributions';

export interface Interval {
  ratio: number;
  low: number;
  high: number;
}

/** met: the whole interval is at or under the target; not met: the whole interval is over it. */
export type Verdict = 'met' | 'not met' | 'undecided';

export interface RatioFigure {
  median: number;
  /** The 95 % interval of the median, where there are enough rounds (6) for one. */
  ci?: { low: number; high: number };
  min: number;
  max: number;
  rounds: number;
  /** Geometric mean of the ratios with its 95 % interval; from 2 rounds. */
  geo?: Interval;
  /** The same without outlier rounds, where there were any (and 2 rounds are left). */
  robust?: Interval & { dropped: number };
  /** Rounds the observed spread needs for a 95 % interval within ±margin (null: no spread seen yet). */
  roundsForMargin: number | null;
}

/** A cap on the rounds asked for: beyond it the bench cannot decide on this machine anyway. */
const MAX_ROUNDS = 10_000;

/**
 * The fewest rounds k ≥ 2 with t₀.₉₇₅,ₖ₋₁ · sd / √k ≤ ln(1 + margin), for log-ratios of standard
 * deviation `sdLog`: the interval exp(mean ± half) then lies within ±margin of its centre.
 */
export function roundsForMargin(sdLog: number, margin = 0.05): number {
  const half = Math.log(1 + margin);
  if (!(sdLog > 0)) return 2;
  const fits = (k: number): boolean => studentTQuantile(0.975, k - 1) * (sdLog / Math.sqrt(k)) <= half;
  if (!fits(MAX_ROUNDS)) return MAX_ROUNDS;
  // The half-width shrinks with k: bisect for the first k that fits.
  let lo = 1;
  let hi = MAX_ROUNDS;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) hi = mid;
    else lo = mid;
  }
  return Math.max(2, hi);
}

function interval(ratios: readonly number[]): Interval | undefined {
  const p = pairedRatioInterval(ratios);
  return p ? { ratio: p.ratio, low: p.low, high: p.high } : undefined;
}

export function ratioFigure(ratios: readonly number[], margin = 0.05): RatioFigure | null {
  if (ratios.length === 0) return null;
  if (ratios.some((r) => !(r > 0) || !Number.isFinite(r))) throw new Error(`paired ratios must be positive and finite, got ${ratios.join(', ')}`);
  const sorted = sortedCopy(ratios);
  const ci = quantileCi(sorted, 0.5);
  const geo = interval(ratios);
  const logs = ratios.map(Math.log);
  const z = modifiedZScores(logs);
  const kept = ratios.filter((_, i) => Math.abs(z[i] ?? 0) <= OUTLIER_Z);
  const robust = kept.length < ratios.length ? interval(kept) : undefined;
  return {
    median: quantileSorted(sorted, 0.5),
    ...(ci ? { ci: { low: ci.lowMs, high: ci.highMs } } : {}),
    min: sorted[0] as number,
    max: sorted.at(-1) as number,
    rounds: ratios.length,
    ...(geo ? { geo } : {}),
    ...(robust ? { robust: { ...robust, dropped: ratios.length - kept.length } } : {}),
    roundsForMargin: ratios.length >= 2 ? roundsForMargin(stdOf(logs, meanOf(logs)), margin) : null,
  };
}

function verdictOf(i: Interval | undefined, target: number): Verdict {
  if (!i) return 'undecided';
  if (i.high <= target) return 'met';
  if (i.low > target) return 'not met';
  return 'undecided';
}

/** From the geometric mean's interval; undecided when leaving the outlier rounds out would change it. */
export function verdict(f: RatioFigure, target: number): Verdict {
  const all = verdictOf(f.geo, target);
  return f.robust && verdictOf(f.robust, target) !== all ? 'undecided' : all;
}

const r3 = (x: number): string => x.toFixed(3);

/**
 * "1.012 [95% CI 0.990 – 1.034] (geometric mean); median 1.010 [95% CI …]; range 0.97 – 1.09;
 * 8 rounds; ±5 % needs 6 rounds"
 */
export function formatRatio(f: RatioFigure, margin = 0.05): string {
  const parts = [
    f.geo ? `${r3(f.geo.ratio)} [95% CI ${r3(f.geo.low)} – ${r3(f.geo.high)}] (geometric mean)` : `${r3(f.median)} (one round)`,
    `median ${r3(f.median)}${f.ci ? ` [95% CI ${r3(f.ci.low)} – ${r3(f.ci.high)}]` : ''}`,
    `range ${r3(f.min)} – ${r3(f.max)}`,
    `${f.rounds} rounds`,
  ];
  if (f.robust) parts.push(`without ${f.robust.dropped} outlier round(s) ${r3(f.robust.ratio)} [${r3(f.robust.low)} – ${r3(f.robust.high)}]`);
  if (f.roundsForMargin !== null) {
    parts.push(`±${(margin * 100).toFixed(0)} % needs ${f.roundsForMargin >= MAX_ROUNDS ? `over ${MAX_ROUNDS}` : f.roundsForMargin} rounds at this spread`);
  }
  return parts.join('; ');
}
