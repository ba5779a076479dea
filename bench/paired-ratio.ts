/**
 * The figure an interleaved A/B bench reports, and whether it decides a margin. Each round gives
 * one paired ratio (A ÷ B measured back to back, so machine drift hits both sides of a pair
 * alike). The figure is the geometric mean of the ratios with its Student-t 95 % interval on the
 * log-ratios (compare's paired interval, `pairedRatioInterval`), which narrows as 1/√rounds; the
 * median with its distribution-free order-statistic interval (from 6 rounds) and the range are
 * shown beside it. Robustness: rounds whose log-ratio is an outlier by the modified z-score
 * (|z| > 3.5, Iglewicz & Hoaglin) are left out of a second interval; a verdict that holds only
 * with them is not a verdict. And from the mean and spread of 5 rounds or more: how many rounds
 * the interval's upper bound needs to fall under the target (≤ 1.05), or that none would.
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
  /** Mean and SD of the log-ratios; from 2 rounds. */
  log?: { mean: number; sd: number };
  /** Rounds the observed mean and spread need for the upper bound to fall under the target (null: under 5 rounds). */
  roundsToMeet: number | 'cannot' | null;
}

/** A cap on the rounds asked for: beyond it the bench cannot decide on this machine anyway. */
const MAX_ROUNDS = 10_000;
/** The spread of fewer rounds than this is too rough to size a bench by. */
export const MIN_ROUNDS_TO_SIZE = 5;

/**
 * The fewest rounds k ≥ 2 with mean + t₀.₉₇₅,ₖ₋₁ · sd / √k ≤ ln(target), for log-ratios of mean
 * `meanLog` and standard deviation `sdLog`: the interval's upper bound then falls at or under the
 * target, i.e. the decision "met" (the margin is one-sided: only the upper side counts). 'cannot'
 * where the mean itself is at or above the target: no number of rounds brings it under.
 */
export function roundsToMeet(meanLog: number, sdLog: number, target = 1.05): number | 'cannot' {
  const limit = Math.log(target);
  if (!(meanLog < limit)) return 'cannot';
  if (!(sdLog > 0)) return 2;
  const fits = (k: number): boolean => meanLog + studentTQuantile(0.975, k - 1) * (sdLog / Math.sqrt(k)) <= limit;
  if (!fits(MAX_ROUNDS)) return MAX_ROUNDS;
  // The upper bound falls with k: bisect for the first k that fits.
  let lo = 1;
  let hi = MAX_ROUNDS;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) hi = mid;
    else lo = mid;
  }
  return Math.max(2, hi);
}

/** Rounds up to even, so that with alternating order each side goes first in half the rounds. */
export function balancedRounds(asked: number): number {
  return asked + (asked % 2);
}

function interval(ratios: readonly number[]): Interval | undefined {
  const p = pairedRatioInterval(ratios);
  return p ? { ratio: p.ratio, low: p.low, high: p.high } : undefined;
}

export function ratioFigure(ratios: readonly number[], target = 1.05): RatioFigure | null {
  if (ratios.length === 0) return null;
  if (ratios.some((r) => !(r > 0) || !Number.isFinite(r))) throw new Error(`paired ratios must be positive and finite, got ${ratios.join(', ')}`);
  const sorted = sortedCopy(ratios);
  const ci = quantileCi(sorted, 0.5);
  const geo = interval(ratios);
  const logs = ratios.map(Math.log);
  const z = modifiedZScores(logs);
  const kept = ratios.filter((_, i) => Math.abs(z[i] ?? 0) <= OUTLIER_Z);
  const robust = kept.length < ratios.length ? interval(kept) : undefined;
  const log = ratios.length >= 2 ? { mean: meanOf(logs), sd: stdOf(logs, meanOf(logs)) } : undefined;
  return {
    median: quantileSorted(sorted, 0.5),
    ...(ci ? { ci: { low: ci.lowMs, high: ci.highMs } } : {}),
    min: sorted[0] as number,
    max: sorted.at(-1) as number,
    rounds: ratios.length,
    ...(geo ? { geo } : {}),
    ...(robust ? { robust: { ...robust, dropped: ratios.length - kept.length } } : {}),
    ...(log ? { log } : {}),
    roundsToMeet: log && ratios.length >= MIN_ROUNDS_TO_SIZE ? roundsToMeet(log.mean, log.sd, target) : null,
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

/**
 * One verdict over every figure of a bench run (e.g. 4 cases × p50/p90). "met" needs every figure
 * met at its own one-sided 2.5 % (an intersection–union test: no correction needed). "not met"
 * needs one figure whose lower bound is over the target at 2.5 % / m (Bonferroni over the m
 * figures), else m chances at 2.5 % would call a fine studio slow far more often than 2.5 %.
 */
export function overallVerdict(figures: readonly RatioFigure[], target: number): Verdict {
  if (figures.length === 0) return 'undecided';
  const each = figures.map((f) => verdict(f, target));
  if (each.every((v) => v === 'met')) return 'met';
  const tail = 0.025 / figures.length;
  const over = figures.some((f, i) => {
    if (each[i] !== 'not met' || !f.log) return false;
    const low = f.log.mean - studentTQuantile(1 - tail, f.rounds - 1) * (f.log.sd / Math.sqrt(f.rounds));
    return Math.exp(low) > target;
  });
  return over ? 'not met' : 'undecided';
}

const r3 = (x: number): string => x.toFixed(3);

/**
 * "1.012 [95% CI 0.990 – 1.034] (geometric mean); median 1.010 [95% CI …]; range 0.97 – 1.09;
 * 8 rounds; ≤ 1.05 needs 6 rounds at this mean and spread"
 */
export function formatRatio(f: RatioFigure, target = 1.05): string {
  const parts = [
    f.geo ? `${r3(f.geo.ratio)} [95% CI ${r3(f.geo.low)} – ${r3(f.geo.high)}] (geometric mean)` : `${r3(f.median)} (one round)`,
    `median ${r3(f.median)}${f.ci ? ` [95% CI ${r3(f.ci.low)} – ${r3(f.ci.high)}]` : ''}`,
    `range ${r3(f.min)} – ${r3(f.max)}`,
    `${f.rounds} rounds`,
  ];
  if (f.robust) parts.push(`without ${f.robust.dropped} outlier round(s) ${r3(f.robust.ratio)} [${r3(f.robust.low)} – ${r3(f.robust.high)}]`);
  const k = f.roundsToMeet;
  if (k === 'cannot') parts.push(`≤ ${target} cannot: the mean is at or above ${target}`);
  else if (k !== null) parts.push(`≤ ${target} needs ${k >= MAX_ROUNDS ? `over ${MAX_ROUNDS}` : k} rounds at this mean and spread`);
  return parts.join('; ');
}
