/**
 * Mann-Whitney U test, two-sided, as scipy.stats.mannwhitneyu computes it with its defaults
 * (method='auto', use_continuity=True):
 * - exact when there are no ties and one sample has at most 8 values (the null distribution
 *   of U counted exactly: the coefficients of the Gaussian binomial [n1+n2 choose n1]_q),
 *   p = 2·P(U ≥ max(U1, U2)), capped at 1; Dyno also takes the asymptotic route past
 *   n1·n2 = 10⁶, where scipy would still count;
 * - otherwise the normal approximation with tie correction
 *   σ = √(n1·n2/12 · ((n + 1) − Σ(t³ − t)/(n(n − 1)))) and continuity correction
 *   z = (max(U1, U2) − n1·n2/2 − ½)/σ, p = 2·P(Z ≥ z).
 * Ranks come from one merge of the two sorted samples: O(n log n) for the sorts, O(n) after.
 */
import { sortedCopy } from '../stats';
import { normalUpperTail } from './distributions';

export interface MannWhitney {
  /** U of the first sample (scipy's `statistic`). */
  u: number;
  pValue: number;
  method: 'exact' | 'asymptotic';
}

/** Count of arrangements giving each U for sizes m and n, as doubles (the Gaussian binomial's coefficients). */
function exactUCounts(m: number, n: number): Float64Array {
  const c = new Float64Array(m * n + 1);
  c[0] = 1;
  let degree = 0;
  // [m+n choose m]_q = Π_{i=1..m} (1 − q^(n+i)) / (1 − q^i)
  for (let i = 1; i <= m; i++) {
    degree += n;
    for (let k = degree; k >= n + i; k--) c[k] = (c[k] as number) - (c[k - n - i] as number);
    for (let k = i; k <= degree; k++) c[k] = (c[k] as number) + (c[k - i] as number);
  }
  return c;
}

/** The smallest two-sided p-value any data could give at these sizes (no ties): 2/C(n1+n2, n1). */
export function smallestExactPValue(n1: number, n2: number): number {
  let lnChoose = 0;
  const m = Math.min(n1, n2);
  for (let i = 1; i <= m; i++) lnChoose += Math.log(n1 + n2 - m + i) - Math.log(i);
  return Math.min(1, 2 / Math.exp(lnChoose));
}

/** `sorted`: both samples are already ascending (a stored run's, once sorted), so no copy is sorted again. */
export function mannWhitneyU(x: ArrayLike<number>, y: ArrayLike<number>, opts: { sorted?: boolean } = {}): MannWhitney {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new Error('Mann-Whitney U needs values on both sides');
  const a = opts.sorted === true ? x : sortedCopy(x);
  const b = opts.sorted === true ? y : sortedCopy(y);
  let i = 0;
  let j = 0;
  let position = 0; // values ranked so far
  let rankSumX = 0;
  let tieTerm = 0;
  while (i < n1 || j < n2) {
    const v = Math.min(i < n1 ? (a[i] as number) : Infinity, j < n2 ? (b[j] as number) : Infinity);
    let cx = 0;
    let cy = 0;
    while (i < n1 && a[i] === v) {
      i++;
      cx++;
    }
    while (j < n2 && b[j] === v) {
      j++;
      cy++;
    }
    const t = cx + cy;
    rankSumX += cx * (position + (t + 1) / 2);
    tieTerm += t * t * t - t;
    position += t;
  }
  const u1 = rankSumX - (n1 * (n1 + 1)) / 2;
  const uMax = Math.max(u1, n1 * n2 - u1);
  if (tieTerm === 0 && Math.min(n1, n2) <= 8 && n1 * n2 <= 1e6) {
    const counts = exactUCounts(Math.min(n1, n2), Math.max(n1, n2));
    let total = 0;
    let atLeast = 0;
    for (let u = 0; u < counts.length; u++) {
      total += counts[u] as number;
      if (u >= uMax) atLeast += counts[u] as number;
    }
    return { u: u1, pValue: Math.min(1, (2 * atLeast) / total), method: 'exact' };
  }
  const n = n1 + n2;
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  // Every value tied: no ordering at all, so no evidence of a shift.
  if (sigma === 0) return { u: u1, pValue: 1, method: 'asymptotic' };
  const z = (uMax - (n1 * n2) / 2 - 0.5) / sigma;
  return { u: u1, pValue: Math.min(1, 2 * normalUpperTail(z)), method: 'asymptotic' };
}
