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

/** null below two rounds (no spread to estimate). */
export function pairedRatioInterval(ratios: readonly number[], confidence = 0.95): PairedRatio | null {
  const k = ratios.length;
  if (k < 2 || ratios.some((r) => !(r > 0))) return null;
  const logs = ratios.map(Math.log);
  const mean = meanOf(logs);
  const sd = stdOf(logs, mean);
  const se = sd / Math.sqrt(k);
  const half = studentTQuantile(1 - (1 - confidence) / 2, k - 1) * se;
  const pValue = se === 0 ? (mean === 0 ? 1 : 0) : studentTTwoSided(mean / se, k - 1);
  return { ratio: Math.exp(mean), low: Math.exp(mean - half), high: Math.exp(mean + half), pValue, rounds: k };
}
