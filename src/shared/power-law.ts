/**
 * Fits time ∝ n^k by least squares on log–log axes: k near 1 means linear scaling (batch
 * costs proportionally), k near 0 means flat (free parallelism), negative k means speed-up
 * (threads). R² of the log-log fit says how well one power law describes the sweep.
 */
export interface PowerLawFit {
  /** The exponent k in y = c · n^k. */
  k: number;
  c: number;
  r2: number;
  points: number;
}

export function fitPowerLaw(ns: readonly number[], ys: readonly number[]): PowerLawFit | null {
  const pairs = ns.flatMap((n, i) => {
    const y = ys[i];
    return n > 0 && y !== undefined && y > 0 ? [[Math.log(n), Math.log(y)] as const] : [];
  });
  if (pairs.length < 2) return null;
  const mx = pairs.reduce((a, [x]) => a + x, 0) / pairs.length;
  const my = pairs.reduce((a, [, y]) => a + y, 0) / pairs.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of pairs) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  if (sxx === 0) return null;
  const k = sxy / sxx;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { k, c: Math.exp(my - k * mx), r2, points: pairs.length };
}
