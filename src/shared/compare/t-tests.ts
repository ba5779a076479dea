/**
 * Student-t procedures the comparison reports:
 * - Welch's t on two samples' means (unequal variances, Welch–Satterthwaite df), as
 *   scipy.stats.ttest_ind(x, y, equal_var=False);
 * - the paired interval of interleaved rounds: each round gives one ratio (B ÷ A), the
 *   interval is exp(mean(ln r) ± t₀.₉₇₅,ₖ₋₁ · sd(ln r)/√k) around the geometric mean, and the
 *   p-value is the one-sample t test of ln r against 0 (scipy.stats.ttest_1samp(np.log(r), 0)).
 *   Working on logarithms makes A ÷ B and B ÷ A exact reciprocals.
 */
import { meanOf, stdOf } from '../stats';
import { studentTQuantile, studentTTwoSided } from './distributions';

export interface Welch {
  t: number;
  df: number;
  pValue: number;
}

/** null when either side has fewer than two values or neither varies. */
export function welchT(x: ArrayLike<number>, y: ArrayLike<number>): Welch | null {
  if (x.length < 2 || y.length < 2) return null;
  const mx = meanOf(x);
  const my = meanOf(y);
  const vx = stdOf(x, mx) ** 2 / x.length;
  const vy = stdOf(y, my) ** 2 / y.length;
  if (vx + vy === 0) return null;
  const t = (mx - my) / Math.sqrt(vx + vy);
  const df = (vx + vy) ** 2 / (vx ** 2 / (x.length - 1) + vy ** 2 / (y.length - 1));
  return { t, df, pValue: studentTTwoSided(t, df) };
}

export interface PairedRatio {
  /** Geometric mean of the per-round ratios. */
  ratio: number;
  low: number;
  high: number;
  pValue: number;
  rounds: number;
}

/** Fewest interleaved rounds that give a paired interval at all: one ratio has no spread. */
export const MIN_ROUNDS_FOR_AN_INTERVAL = 2;

/**
 * Fewest rounds whose paired interval can decide anything. With 2 rounds the 95 % quantile of
 * Student's t with 1 degree of freedom is 12.7, so the interval spans ±9 standard deviations of
 * the per-round log ratio (t/√k): it excludes "no gain" only where the two rounds agree almost
 * exactly. With 3 it is ±2.5 (t = 4.30), with 5 ±1.2. A re-measurement planned by a time budget
 * (the optimizer's) keeps at least this many rounds, or says it could not.
 */
export const MIN_ROUNDS_TO_DECIDE = 3;

/** null below MIN_ROUNDS_FOR_AN_INTERVAL rounds (no spread to estimate). */
export function pairedRatioInterval(ratios: readonly number[], confidence = 0.95): PairedRatio | null {
  const k = ratios.length;
  if (k < MIN_ROUNDS_FOR_AN_INTERVAL || ratios.some((r) => !(r > 0))) return null;
  const logs = ratios.map(Math.log);
  const mean = meanOf(logs);
  const sd = stdOf(logs, mean);
  const se = sd / Math.sqrt(k);
  const half = studentTQuantile(1 - (1 - confidence) / 2, k - 1) * se;
  const pValue = se === 0 ? (mean === 0 ? 1 : 0) : studentTTwoSided(mean / se, k - 1);
  return { ratio: Math.exp(mean), low: Math.exp(mean - half), high: Math.exp(mean + half), pValue, rounds: k };
}
