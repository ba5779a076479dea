/**
 * Binomial probabilities exact to double precision at any n, for order-statistic intervals
 * and LoadGen's early-stopping arithmetic (both need tail sums of Binomial(n, p) at n in the
 * hundreds of thousands).
 *
 * The probability mass at one point is Loader's saddle-point form (C. Loader, "Fast and
 * accurate computation of binomial probabilities", 2000; the method of R's dbinom): no
 * factorials, no cancellation, relative error near machine precision. The tails are then
 * summed outward from the mode with the pmf ratio recurrence, stopping where the terms fall
 * below 1e-300 (tails are at most 1), so the work is O(√(n·p·q)), not O(n).
 */

const LN_2PI = Math.log(2 * Math.PI);

/**
 * ln(k!) − ln(√(2πk)·(k/e)^k), Stirling's error: summed exactly up to 15, above that the
 * asymptotic series to its k⁻⁹ term (whose first omitted term is below 3e-16 at k = 16). R's
 * dbinom drops terms as k grows, for speed only; one series for every k is as exact and has
 * no cut-offs whose placement no result depends on.
 */
function stirlerr(k: number): number {
  // Stryker disable next-line EqualityOperator: at k = 15 the series gives the exact sum to 2e-16, so the cut-off may fall on either side of 15.
  if (k <= 15) {
    let lnFact = 0;
    for (let i = 2; i <= k; i++) lnFact += Math.log(i);
    return lnFact - (0.5 * (LN_2PI + Math.log(k)) + k * Math.log(k) - k);
  }
  const S0 = 1 / 12;
  const S1 = 1 / 360;
  const S2 = 1 / 1260;
  const S3 = 1 / 1680;
  const S4 = 1 / 1188;
  const kk = k * k;
  return (S0 - (S1 - (S2 - (S3 - S4 / kk) / kk) / kk) / kk) / k;
}

/** x·ln(x/m) + m − x, the deviance term, summed as a series where it would cancel. */
function bd0(x: number, m: number): number {
  // Stryker disable next-line EqualityOperator: on the boundary |x − m| = 0.1·(x + m) the series and the closed form agree to rounding.
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let s = (x - m) * v;
    let ej = 2 * x * v;
    v *= v;
    // |v| < 0.1 here, so each term is under 1 % of the one before: the sum stops changing
    // (or ej underflows to 0) within a few dozen terms.
    for (let j = 1; ; j++) {
      ej *= v;
      const next = s + ej / (2 * j + 1);
      if (next === s) return next;
      s = next;
    }
  }
  return x * Math.log(x / m) + m - x;
}

/**
 * P(X = k) for X ~ Binomial(n, p), 0 ≤ p ≤ 1. p = 0 needs no case of its own: k = 0 gives
 * (1 − 0)ⁿ = 1, k = n gives 0ⁿ = 0, and any k between has an infinite deviance from the mean 0.
 * p = 1 does, for n = 0 alone: 0 · ln(1 − 1) is NaN.
 */
export function binomialPmf(k: number, n: number, p: number): number {
  if (k < 0 || k > n || !Number.isInteger(k)) return 0;
  if (p >= 1) return k === n ? 1 : 0;
  const q = 1 - p;
  if (k === 0) return Math.exp(n * Math.log1p(-p));
  if (k === n) return Math.exp(n * Math.log(p));
  const lc = stirlerr(n) - stirlerr(k) - stirlerr(n - k) - bd0(k, n * p) - bd0(n - k, n * q);
  const lf = LN_2PI + Math.log(k) + Math.log1p(-k / n);
  return Math.exp(lc - 0.5 * lf);
}

/** Both tails of Binomial(n, p): cdf(k) = P(X ≤ k) and sf(k) = P(X ≥ k), each summed from its own end. */
export interface BinomialTails {
  cdf(k: number): number;
  sf(k: number): number;
}

export function binomialTails(n: number, p: number): BinomialTails {
  // Stryker disable next-line ArithmeticOperator: the split point only decides which tail each term near the mode is summed into; any point within a term or two of the mode gives the same tails to rounding.
  const mode = Math.min(n, Math.max(0, Math.floor((n + 1) * p)));
  const ratioDown = (k: number): number => (k / (n - k + 1)) * ((1 - p) / p); // pmf(k−1)/pmf(k)
  const ratioUp = (k: number): number => ((n - k) / (k + 1)) * (p / (1 - p)); // pmf(k+1)/pmf(k)
  const atMode = binomialPmf(mode, n, p);
  // Masses below the mode, from the mode down, and from the mode up; tiny terms end the walk.
  // The walks' ends only save work: past 0 (or n) the ratio makes every term 0, and terms under
  // 1e-300 move no tail by more than that.
  const below: number[] = [];
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: see above, the walk's ends only save work.
  for (let k = mode, m = atMode; k > 0 && m > 1e-300; k--) below.push((m *= ratioDown(k)));
  const above: number[] = [];
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: see above, the walk's ends only save work.
  for (let k = mode, m = atMode; k < n && m > 1e-300; k++) above.push((m *= ratioUp(k)));
  // Tail sums, smallest terms first: lowTail[i] = P(X ≤ mode − 1 − i), highTail[i] = P(X ≥ mode + 1 + i).
  const lowTail = cumulateFromEnd(below);
  const highTail = cumulateFromEnd(above);
  // P(X ≤ k) for k < mode and P(X ≥ k) for k > mode (0 beyond the walk, and beyond 0 … n, since
  // a walk never goes past either end); each tail takes the other side as 1 − the opposite one.
  const lower = (k: number): number => (k < mode - below.length ? 0 : (lowTail[mode - 1 - k] as number));
  const upper = (k: number): number => (k > mode + above.length ? 0 : (highTail[k - mode - 1] as number));
  return {
    cdf: (k) => (k < mode ? lower(k) : 1 - upper(k + 1)),
    sf: (k) => (k > mode ? upper(k) : 1 - lower(k - 1)),
  };
}

function cumulateFromEnd(terms: readonly number[]): Float64Array {
  const out = new Float64Array(terms.length);
  let sum = 0;
  for (let i = terms.length - 1; i >= 0; i--) out[i] = sum += terms[i] as number;
  return out;
}
