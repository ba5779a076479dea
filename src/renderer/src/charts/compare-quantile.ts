/** A latency quantile read off a run's empirical CDF (linear between its points), for the box plot's quartiles. */
export function quantileFromCdf(latencyMs: readonly number[], fraction: readonly number[], q: number): number | undefined {
  for (let i = 0; i < fraction.length; i++) {
    const f = fraction[i] ?? 0;
    if (f < q) continue;
    const x = latencyMs[i];
    if (i === 0 || x === undefined) return x;
    const f0 = fraction[i - 1] ?? 0;
    const x0 = latencyMs[i - 1] ?? x;
    return f === f0 ? x : x0 + ((q - f0) / (f - f0)) * (x - x0);
  }
  return latencyMs.at(-1);
}
