/**
 * A run's metric series, bounded: past `maxPoints` every other point is dropped and only every
 * second new one kept (the stride doubles), so a long run keeps its whole shape in fixed memory.
 * Final values and time-to-target are read as the lines arrive, not from this.
 */
import type { MetricPoint } from '../../../shared/command/results';

export const MAX_SERIES_POINTS = 2_000;

export class SeriesKeeper {
  readonly points: MetricPoint[] = [];
  private stride = 1;
  private seen = 0;

  constructor(private readonly maxPoints = MAX_SERIES_POINTS) {}

  add(p: MetricPoint): void {
    if (this.seen++ % this.stride !== 0) return;
    this.points.push(p);
    if (this.points.length >= this.maxPoints) {
      const kept = this.points.filter((_, i) => i % 2 === 0);
      this.points.length = 0;
      this.points.push(...kept);
      this.stride *= 2;
    }
  }
}
