/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson, 2013): keeps the visual shape of a
 * long series (spikes included) with a fixed number of points, so a 100k-iteration run plots
 * as fast as a short one. The full data stays in the database.
 */
export function lttbIndices(ys: ArrayLike<number>, threshold: number): number[] {
  const n = ys.length;
  if (threshold >= n || threshold < 3) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [0];
  const bucket = (n - 2) / (threshold - 2);
  let a = 0;
  for (let b = 0; b < threshold - 2; b++) {
    const nextStart = Math.floor((b + 1) * bucket) + 1;
    const nextEnd = Math.min(Math.floor((b + 2) * bucket) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += j;
      avgY += ys[j] as number;
    }
    const len = Math.max(nextEnd - nextStart, 1);
    avgX /= len;
    avgY /= len;
    const start = Math.floor(b * bucket) + 1;
    const end = Math.floor((b + 1) * bucket) + 1;
    const ay = ys[a] as number;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const area = Math.abs((a - avgX) * ((ys[j] as number) - ay) - (a - j) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out.push(best);
    a = best;
  }
  out.push(n - 1);
  return out;
}
