/**
 * A fake of the ONNX worker for queue tests: it emits what a worker emits (ready, then real
 * sample batches, then an outcome) on later event-loop turns, from a script, so the queue's
 * ordering, cancelling, error handling and summaries are tested against known numbers.
 */
import type { Executor, ExecutorHandlers, ExecutorJob, ExecutorOutcome, ExecutorRun } from '../../../src/main/executor/executor';
import type { SampleBatch } from '../../../src/shared/sample-batch';

export type Script =
  /** Measures `iterations` after `warmup`, in batches of `perBatch`, then reports done. */
  | { kind: 'measure'; iterations: number; warmup?: number; perBatch?: number; samplesPerIteration?: number }
  /** Measures until cancelled (a batch per turn), then reports an aborted done. */
  | { kind: 'until-cancel'; perBatch: number; samplesPerIteration?: number }
  /** Sends `iterations` samples, then dies with `message` (a crash in ONNX Runtime). */
  | { kind: 'crash'; iterations: number; message: string }
  /** Cannot even start. */
  | { kind: 'throw-on-start'; message: string };

/** Iteration i starts at T0 + i·PERIOD_MS and takes latencyOf(i): known figures to assert. */
export const T0 = 1_000_000;
export const PERIOD_MS = 4;
export const latencyOf = (i: number): number => 2 + (i % 5) * 0.5;

export function batchOf(phase: SampleBatch['phase'], firstI: number, n: number): SampleBatch {
  const tMs = new Float64Array(n);
  const latencyMs = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    tMs[k] = T0 + (firstI + k) * PERIOD_MS;
    latencyMs[k] = latencyOf(firstI + k);
  }
  return { phase, firstI, tMs, latencyMs };
}

/** Wall time of iterations 0..n-1: first start to last end. */
export const wallOf = (n: number): number => (n - 1) * PERIOD_MS + latencyOf(n - 1);

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

export class FakeExecutor implements Executor {
  /** Run ids in the order they were started. */
  readonly started: string[] = [];
  readonly killed: string[] = [];
  private running = 0;
  maxConcurrent = 0;

  constructor(private readonly scriptFor: (job: ExecutorJob, index: number) => Script) {}

  start(job: ExecutorJob, handlers: ExecutorHandlers): ExecutorRun {
    const script = this.scriptFor(job, this.started.length);
    if (script.kind === 'throw-on-start') throw new Error(script.message);
    this.started.push(job.runId);
    this.running++;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.running);
    const state = { cancelled: false, killed: false };
    const outcome = this.play(script, handlers, state).finally(() => this.running--);
    return {
      pid: undefined,
      outcome,
      cancel: () => void (state.cancelled = true),
      kill: () => {
        state.killed = true;
        this.killed.push(job.runId);
      },
    };
  }

  private async play(script: Exclude<Script, { kind: 'throw-on-start' }>, handlers: ExecutorHandlers, state: { cancelled: boolean; killed: boolean }): Promise<ExecutorOutcome> {
    const samplesPerIteration = script.kind === 'crash' ? 1 : (script.samplesPerIteration ?? 1);
    try {
      await turn();
      handlers.onReady({ sessionCreateMs: 12.5, samplesPerIteration });
      if (script.kind === 'measure' && script.warmup) {
        await turn();
        handlers.onSamples(batchOf('warmup', 0, script.warmup));
      }
      const perBatch = script.kind === 'crash' ? script.iterations : script.kind === 'measure' ? (script.perBatch ?? script.iterations) : script.perBatch;
      let measured = 0;
      const target = script.kind === 'until-cancel' ? Number.POSITIVE_INFINITY : script.iterations;
      while (measured < target && !state.cancelled && !state.killed) {
        await turn();
        const n = Math.min(perBatch, target - measured);
        handlers.onSamples(batchOf('measure', measured, n));
        measured += n;
      }
      if (state.killed) return { kind: 'error', message: 'killed' };
      if (script.kind === 'crash') return { kind: 'error', message: script.message };
      return {
        kind: 'done',
        firstRunMs: 30,
        measuredWallMs: wallOf(measured),
        aborted: state.cancelled,
        peakRssBytes: 64 * 1024 * 1024,
        inputs: [{ name: 'x', type: 'float32', shape: [samplesPerIteration, 3] }],
        samplesPerIteration,
        intraOpThreads: 2,
      };
    } catch (err) {
      // The real worker client turns a throwing handler into an error outcome (and kills the child).
      return { kind: 'error', message: `Dyno could not record the run's samples: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
}
