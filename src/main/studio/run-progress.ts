/**
 * What the queue learns of a running benchmark from its sample batches: the measured latencies
 * and window (for the summary), progress towards the stop rule, and the thinned samples that
 * live events carry.
 */
import type { Progress } from '../../shared/contract';
import type { Sample, StopRule } from '../../shared/run';
import { batchSample, type SampleBatch } from '../../shared/sample-batch';
import { lttbIndices } from '../../shared/lttb';
import type { Measured } from './finish-run';

/**
 * Live events carry at most this many samples per batch (LTTB keeps the shape): a 20 µs model
 * makes thousands a batch, which a chart cannot show and a WebSocket need not carry. The
 * database keeps every sample.
 */
const MAX_LIVE_SAMPLES_PER_BATCH = 500;

export function forDisplay(batch: SampleBatch): Sample[] {
  return lttbIndices(batch.latencyMs, MAX_LIVE_SAMPLES_PER_BATCH).map((k) => batchSample(batch, k));
}

export class RunProgress {
  private readonly latencies: number[] = [];
  readonly measured: Measured = { latenciesMs: this.latencies, samplesPerIteration: 1, sessionCreateMs: Number.NaN };
  private warmupDone = 0;
  private lastEndMs: number | undefined;

  constructor(private readonly stop: StopRule) {}

  ready(ready: { sessionCreateMs: number; samplesPerIteration: number }): void {
    this.measured.sessionCreateMs = ready.sessionCreateMs;
    this.measured.samplesPerIteration = ready.samplesPerIteration;
  }

  /** Takes in a batch; true when it holds the first measured samples. */
  add(batch: SampleBatch): boolean {
    const n = batch.latencyMs.length;
    const first = batch.phase === 'measure' && n > 0 && this.measured.startMs === undefined;
    this.lastEndMs = undefined;
    if (batch.phase === 'warmup') this.warmupDone += n;
    else if (n > 0) {
      this.measured.startMs ??= batch.tMs[0];
      for (let k = 0; k < n; k++) this.latencies.push(batch.latencyMs[k] as number);
      this.lastEndMs = (batch.tMs[n - 1] as number) + (batch.latencyMs[n - 1] as number);
      this.measured.endMs = this.lastEndMs;
    }
    return first;
  }

  /**
   * Progress after the last batch (or in `phase`, e.g. 'starting'). Once every warm-up iteration
   * is in (at once when there are none), the measured ones are under way: the phase says
   * 'measure' before their first batch lands, so a command's first measured run, seconds long,
   * does not read as a warm-up.
   */
  now(phase?: Progress['phase']): Progress {
    const { startMs } = this.measured;
    const measuredDone = this.latencies.length;
    const at = phase ?? (measuredDone > 0 || this.warmupDone >= this.stop.warmupIterations ? 'measure' : 'warmup');
    const elapsedMs = startMs !== undefined && this.lastEndMs !== undefined ? this.lastEndMs - startMs : 0;
    const byIterations = Math.min(measuredDone / this.stop.minIterations, 1);
    const byDuration = this.stop.minDurationMs > 0 ? Math.min(elapsedMs / this.stop.minDurationMs, 1) : 1;
    const capped = Math.max(measuredDone / this.stop.maxIterations, elapsedMs / this.stop.maxDurationMs);
    const fraction = Math.min(1, Math.max(Math.min(byIterations, byDuration), capped));
    return { phase: at, warmupDone: this.warmupDone, measuredDone, elapsedMs, fraction: at === 'measure' ? fraction : 0 };
  }
}
