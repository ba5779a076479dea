/**
 * What the run queue needs from whatever executes a run: start it from a config, hear when it
 * is ready and each batch of samples, cancel it, stop it outright, and learn how it ended. The
 * ONNX Runtime worker (`onnx-worker.ts`) is the first implementation; command workloads and
 * optimizer trials plug in here too. Executors measure; the queue owns persistence, telemetry
 * and summaries, so every executor's runs are stored and summarised the same way.
 */
import type { TensorInfo } from '../../shared/model';
import type { RunConfig } from '../../shared/run';
import type { OutputCheck, Profile } from '../../shared/run-results';
import type { SampleBatch } from '../../shared/sample-batch';
import type { CommandResults } from '../../shared/command/results';
import type { CommandMetrics, CommandOutput } from '../../shared/command/live';

export interface ExecutorJob {
  runId: string;
  config: RunConfig;
  /** Where the executor may leave files (profiler traces). */
  artifactsDir: string;
}

export interface ExecutorHandlers {
  /** The workload is loaded (for ONNX: the session exists) and warm-up begins. */
  onReady(ready: { sessionCreateMs: number; samplesPerIteration: number }): void;
  /** Samples in the order measured; a handler that throws fails the run with its message. */
  onSamples(batch: SampleBatch): void;
  /** A command's output as it prints it, bounded and batched (command workloads only). */
  onOutput?(output: CommandOutput): void;
  /** Metric values read from a command's output, batched (command workloads only). */
  onMetrics?(metrics: CommandMetrics): void;
}

/** What a run that reached its end (completed or stopped early on request) measured. */
export interface ExecutorDone {
  kind: 'done';
  firstRunMs: number;
  /** Wall time of the measured phase, first start to last end. */
  measuredWallMs: number;
  /** Stopped by a cancel before its stop rule was met. */
  aborted: boolean;
  peakRssBytes: number;
  /** The inputs actually fed (empty for workloads without tensors). */
  inputs: TensorInfo[];
  /** Inferences per timed iteration (the batch size): throughput counts samples, not calls. */
  samplesPerIteration: number;
  /** Intra-op threads the runtime used (resolved when the config left it to the runtime). */
  intraOpThreads?: number;
  check?: OutputCheck;
  profile?: Profile;
  /** A command workload's per-run figures and metrics. */
  command?: CommandResults;
}

export type ExecutorOutcome = ExecutorDone | { kind: 'error'; message: string };

export interface ExecutorRun {
  /** The process doing the work, if there is one (telemetry samples it; tests kill it). */
  pid: number | undefined;
  /** The process's nice value once started (after Dyno tried to raise it), where the OS tells. */
  priority?: number;
  /** Ask the run to stop after the current iteration; it still ends with an outcome. */
  cancel(): void;
  /** End it now, without waiting for an outcome (the host hit an error of its own). */
  kill(): void;
  /** Settles exactly once and never rejects: failures arrive as `{ kind: 'error' }`. */
  outcome: Promise<ExecutorOutcome>;
}

export interface Executor {
  /** Starts the run; may throw if it cannot even begin (the queue fails the run with the message). */
  start(job: ExecutorJob, handlers: ExecutorHandlers): ExecutorRun;
}
