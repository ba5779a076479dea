/**
 * Round axis ticks (1-2-5 steps, as plotly picks for the finished chart) for a canvas chart that
 * draws its own axis: "0, 20 ms, 40 ms" rather than halves of whatever the maximum happened to be.
 */

/** Steps of 1, 2 or 5 × 10ᵏ: the smallest that covers [0, max] in at most `most` steps. */
export function niceTicks(max: number, most = 4): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / most;
  const decade = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].map((m) => m * decade).find((s) => s >= raw * (1 - 1e-12)) ?? 10 * decade);
  const n = Math.max(1, Math.ceil(max / step - 1e-9));
  // Multiplying (not adding) keeps float noise out of the labels: 3 × 0.1, not 0.1 + 0.1 + 0.1.
  return Array.from({ length: n + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/** A tick's label in the unit formatMs would pick, without trailing zeros: 0, 500 µs, 20 ms, 1.5 s. */
export function formatTickMs(ms: number): string {
  if (ms === 0) return '0';
  const [v, unit] = ms < 1 ? [ms * 1000, 'µs'] : ms < 1000 ? [ms, 'ms'] : [ms / 1000, 's'];
  return `${Number(v.toPrecision(6))} ${unit}`;
}
