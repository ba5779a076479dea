/**
 * Collects samples in the worker between flushes: preallocated typed arrays, grown by doubling,
 * cut into one batch per phase when drained.
 */
import type { SampleBatch } from '../../shared/sample-batch';

export class SampleBuffer {
  private tMs = new Float64Array(4096);
  private latencyMs = new Float64Array(4096);
  private length = 0;
  private phase: SampleBatch['phase'] = 'warmup';
  private firstI = 0;
  private readonly ready: SampleBatch[] = [];

  push(phase: SampleBatch['phase'], i: number, tMs: number, latencyMs: number): void {
    if (this.length > 0 && phase !== this.phase) this.cut();
    if (this.length === 0) {
      this.phase = phase;
      this.firstI = i;
    }
    if (this.length === this.tMs.length) {
      const grow = (a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.tMs = grow(this.tMs);
      this.latencyMs = grow(this.latencyMs);
    }
    this.tMs[this.length] = tMs;
    this.latencyMs[this.length] = latencyMs;
    this.length++;
  }

  /** Everything collected since the last drain, oldest first. */
  drain(): SampleBatch[] {
    if (this.length > 0) this.cut();
    return this.ready.splice(0);
  }

  private cut(): void {
    this.ready.push({ phase: this.phase, firstI: this.firstI, tMs: this.tMs.slice(0, this.length), latencyMs: this.latencyMs.slice(0, this.length) });
    this.length = 0;
  }
}
