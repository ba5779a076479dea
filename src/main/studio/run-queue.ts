/**
 * Runs one benchmark at a time, in the order they were asked for: two benchmarks sharing a
 * machine would measure each other. Persists every state change and every sample batch as it
 * happens, and broadcasts them as events.
 */
import { basename } from 'node:path';
import type { Progress, StudioEvent } from '../../shared/contract';
import { isRunActive, type Run, type RunConfig, type Sample } from '../../shared/run';
import { batchSample, type SampleBatch } from '../../shared/sample-batch';
import { summarizeLatencies } from '../../shared/stats';
import { lttbIndices } from '../../shared/lttb';
import { finishedResults } from './finish-run';
import { energyDeviceFor } from '../telemetry/summarize';
import { RunTelemetry, type TelemetrySources } from './run-telemetry';
import type { Environment } from '../../shared/telemetry';
import type { RunsRepository } from '../store/runs-repository';
import { startWorkerRun, type WorkerRun, type WorkerSpawnSpec } from '../engine/worker-client';

export interface RunQueueDeps {
  repo: RunsRepository;
  worker: WorkerSpawnSpec;
  emit: (event: StudioEvent) => void;
  /** Where workers leave files (profiler traces). */
  artifactsDir: string;
  telemetry: TelemetrySources;
  environment: (executionProvider: string) => Promise<Environment>;
  now?: () => Date;
}

/**
 * Live events carry at most this many samples per batch (LTTB keeps the shape): a 20 µs model
 * makes thousands a batch, which a chart cannot show and a WebSocket need not carry. The
 * database keeps every sample.
 */
const MAX_LIVE_SAMPLES_PER_BATCH = 500;

function forDisplay(batch: SampleBatch): Sample[] {
  return lttbIndices(batch.latencyMs, MAX_LIVE_SAMPLES_PER_BATCH).map((k) => batchSample(batch, k));
}

interface Active {
  runId: string;
  worker: WorkerRun;
  cancelRequested: boolean;
}

export function newRunId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${stamp}-${Math.random().toString(36).slice(2, 8)}`;
}

export class RunQueue {
  private readonly waiting: Run[] = [];
  private active: Active | undefined;
  private readonly now: () => Date;
  /** Everyone waiting for a run to end. */
  private readonly waiters = new Map<string, ((run: Run) => void)[]>();

  constructor(private readonly deps: RunQueueDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  enqueue(config: RunConfig): Run {
    const created = this.now();
    const run: Run = {
      id: newRunId(created),
      status: 'queued',
      config,
      modelName: basename(config.modelPath),
      createdAt: created.toISOString(),
    };
    this.update(run);
    this.waiting.push(run);
    void this.pump();
    return run;
  }

  /** Resolves with the run once it reaches a final state. */
  whenFinished(runId: string): Promise<Run> {
    // A fast run may already be over by the time someone asks: answer from the store.
    const stored = this.deps.repo.get(runId)?.run;
    if (stored && !isRunActive(stored)) return Promise.resolve(stored);
    return new Promise((resolve) => this.waiters.set(runId, [...(this.waiters.get(runId) ?? []), resolve]));
  }

  cancel(runId: string): boolean {
    const queuedAt = this.waiting.findIndex((r) => r.id === runId);
    if (queuedAt >= 0) {
      const [run] = this.waiting.splice(queuedAt, 1);
      if (run) this.finish({ ...run, status: 'aborted', startedAt: run.createdAt, finishedAt: this.now().toISOString() }, []);
      return true;
    }
    if (this.active?.runId === runId) {
      this.active.cancelRequested = true;
      this.active.worker.cancel();
      return true;
    }
    return false;
  }

  get activeWorkerPid(): number | undefined {
    return this.active?.worker.pid;
  }

  get busy(): boolean {
    return this.active !== undefined || this.waiting.length > 0;
  }

  private update(run: Run, warnings: readonly unknown[] = []): void {
    this.deps.repo.save(run, warnings);
    this.deps.emit({ type: 'run.updated', run });
  }

  private finish(run: Run, warnings: readonly { code: string; message: string }[]): void {
    this.update(run, warnings);
    for (const resolve of this.waiters.get(run.id) ?? []) resolve(run);
    this.waiters.delete(run.id);
  }

  private async pump(): Promise<void> {
    if (this.active) return;
    const next = this.waiting.shift();
    if (!next) return;
    const running: Run & { status: 'running' } = { ...next, status: 'running', startedAt: this.now().toISOString() };
    this.update(running);
    await this.execute(running);
    void this.pump();
  }

  private async execute(run: Run & { status: 'running' }): Promise<void> {
    const { stop } = run.config;
    const latencies: number[] = [];
    let warmupDone = 0;
    let sessionCreateMs = Number.NaN;
    let measureStartMs: number | undefined;
    let measureEndMs: number | undefined;
    const progress = (phase: Progress['phase'], lastEndMs?: number): void => {
      const elapsedMs = measureStartMs !== undefined && lastEndMs !== undefined ? lastEndMs - measureStartMs : 0;
      const byIterations = Math.min(latencies.length / stop.minIterations, 1);
      const byDuration = stop.minDurationMs > 0 ? Math.min(elapsedMs / stop.minDurationMs, 1) : 1;
      const capped = Math.max(latencies.length / stop.maxIterations, elapsedMs / stop.maxDurationMs);
      const fraction = Math.min(1, Math.max(Math.min(byIterations, byDuration), capped));
      this.deps.emit({
        type: 'run.progress',
        runId: run.id,
        progress: { phase, warmupDone, measuredDone: latencies.length, elapsedMs, fraction: phase === 'measure' ? fraction : 0 },
      });
    };

    const environment = this.deps.environment(run.config.session.executionProvider);
    // The sampler starts before the worker (idle baseline), so it reads the pid through a holder.
    const workerRef: { pid?: number } = {};
    const telemetry = new RunTelemetry(run.id, run.config.telemetry, this.deps.telemetry, this.deps.repo, this.deps.emit, () => workerRef.pid);
    await telemetry.start();
    const worker = startWorkerRun(this.deps.worker, { runId: run.id, config: run.config, artifactsDir: this.deps.artifactsDir }, {
      onReady: (ready) => {
        sessionCreateMs = ready.sessionCreateMs;
        progress('warmup');
      },
      onSamples: (batch) => {
        this.deps.repo.appendBatch(run.id, batch);
        const n = batch.latencyMs.length;
        let lastEnd: number | undefined;
        if (batch.phase === 'warmup') warmupDone += n;
        else if (n > 0) {
          if (measureStartMs === undefined) telemetry.measuringStarted();
          measureStartMs ??= batch.tMs[0];
          for (let k = 0; k < n; k++) latencies.push(batch.latencyMs[k] as number);
          lastEnd = (batch.tMs[n - 1] as number) + (batch.latencyMs[n - 1] as number);
        }
        measureEndMs = lastEnd ?? measureEndMs;
        this.deps.emit({ type: 'run.samples', runId: run.id, samples: forDisplay(batch) });
        progress(latencies.length > 0 ? 'measure' : 'warmup', lastEnd);
      },
    });
    workerRef.pid = worker.pid;
    this.active = { runId: run.id, worker, cancelRequested: false };
    progress('starting');
    const outcome = await worker.outcome;
    const samplesPerIteration = outcome.kind === 'done' ? outcome.samplesPerIteration : 1;
    const telemetrySummary = await telemetry.stop({
      startMs: measureStartMs,
      endMs: measureEndMs,
      inferences: latencies.length * samplesPerIteration,
      device: energyDeviceFor(run.config.session),
    });
    const cancelRequested = this.active.cancelRequested;
    this.active = undefined;
    const finishedAt = this.now().toISOString();

    if (outcome.kind === 'done' && !outcome.aborted && latencies.length > 0) {
      const { stats, results, warnings } = finishedResults(run.config, latencies, outcome, await environment, telemetrySummary);
      const coldStart = { sessionCreateMs, firstRunMs: outcome.firstRunMs };
      this.finish({ ...run, status: 'completed', finishedAt, coldStart, stats, results }, warnings);
    } else if (cancelRequested || (outcome.kind === 'done' && outcome.aborted)) {
      const wallMs =
        outcome.kind === 'done' ? outcome.measuredWallMs : (measureEndMs ?? 0) - (measureStartMs ?? 0);
      const stats = latencies.length > 0 ? summarizeLatencies(latencies, { measuredWallMs: wallMs }) : undefined;
      this.finish({ ...run, status: 'aborted', finishedAt, ...(stats ? { stats } : {}) }, []);
    } else {
      const error = outcome.kind === 'error' ? outcome.message : 'The benchmark measured no iterations.';
      this.finish({ ...run, status: 'failed', finishedAt, error }, []);
    }
  }
}
