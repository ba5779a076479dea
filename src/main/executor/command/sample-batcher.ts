/**
 * A command's per-run samples, handed to the queue in batches (at most every `intervalMs`, and
 * whenever the phase changes) as the ONNX worker sends its own: the queue writes each batch to
 * SQLite, and a write per run of a short command cost more than the command (bench:exec).
 */
import type { ExecutorHandlers } from '../executor';

export const SAMPLE_BATCH_MS = 250;

export class SampleBatcher {
  private phase: 'warmup' | 'measure' = 'warmup';
  private firstI = 0;
  private tMs: number[] = [];
  private latencyMs: number[] = [];
  private lastFlush = performance.now();

  constructor(
    private readonly handlers: Pick<ExecutorHandlers, 'onSamples'>,
    private readonly intervalMs = SAMPLE_BATCH_MS,
  ) {}

  add(phase: 'warmup' | 'measure', i: number, tMs: number, wallMs: number): void {
    if (phase !== this.phase) this.flush();
    if (this.tMs.length === 0) {
      this.phase = phase;
      this.firstI = i;
    }
    this.tMs.push(tMs);
    this.latencyMs.push(wallMs);
    if (performance.now() - this.lastFlush >= this.intervalMs) this.flush();
  }

  flush(): void {
    this.lastFlush = performance.now();
    if (this.tMs.length === 0) return;
    const batch = { phase: this.phase, firstI: this.firstI, tMs: Float64Array.from(this.tMs), latencyMs: Float64Array.from(this.latencyMs) };
    this.tMs = [];
    this.latencyMs = [];
    this.handlers.onSamples(batch);
  }

  /** Flushes, then passes `value` on: the samples measured before a failure are kept. */
  flushed<T>(value: T): T {
    this.flush();
    return value;
  }
}
