/**
 * Runs one benchmark at a time, in the order they were asked for: two benchmarks sharing a
 * machine would measure each other. Persists every state change and every sample batch as it
 * happens, and broadcasts them as events. The executor (the ONNX worker, or any other) only
 * measures; telemetry, persistence and the summary live here, so every run ends the same way.
 * Whatever goes wrong while a run is going (the executor, a save, a summary, telemetry) ends
 * that run as failed with the reason, wakes its waiters, and the queue moves on.
 */
import { basename } from 'node:path';
import type { Progress, StudioEvent } from '../../shared/contract';
import { isRunActive, type Run, type RunConfig } from '../../shared/run';
import { commandName } from '../../shared/command/workload';
import { finalRun } from './finish-run';
import { forDisplay, RunProgress } from './run-progress';
import { energyDeviceFor } from '../telemetry/summarize';
import { RunTelemetry, type TelemetrySources } from './run-telemetry';
import type { Environment } from '../../shared/telemetry';
import type { Display } from '../../shared/conditions';
import { RunConditions } from './run-conditions';
import type { RunsRepository } from '../store/runs-repository';
import type { Executor, ExecutorOutcome, ExecutorRun } from '../executor/executor';

export interface RunQueueDeps {
  repo: RunsRepository;
  /** Runs each benchmark; create-studio.ts builds the ONNX worker one. */
  executor: Executor;
  emit: (event: StudioEvent) => void;
  /** Where workers leave files (profiler traces). */
  artifactsDir: string;
  telemetry: TelemetrySources;
  environment: (executionProvider: string) => Promise<Environment>;
  now?: () => Date;
}

/** The run being executed: set before anything awaits, so a second run cannot start beside it. */
interface Active {
  runId: string;
  execution?: ExecutorRun;
  telemetry?: RunTelemetry;
  cancelRequested: boolean;
}

type Running = Run & { status: 'running' };

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
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
  /** Final states the store refused (a failing disk): still answered to whoever asks. */
  private readonly unsaved = new Map<string, Run>();
  /** What each waiting run's client said it draws while measuring (recorded in its conditions). */
  private readonly displays = new Map<string, Display>();

  constructor(private readonly deps: RunQueueDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * `studyId` goes on the run itself, so every event and every saved copy carries its study.
   * `display`: what the client draws while it measures (none: a CLI or API client).
   */
  enqueue(config: RunConfig, options: { studyId?: string; display?: Display } = {}): Run {
    const created = this.now();
    const run: Run = {
      id: newRunId(created),
      status: 'queued',
      config,
      modelName: config.command ? commandName(config.command) : basename(config.modelPath),
      createdAt: created.toISOString(),
      ...(options.studyId !== undefined ? { studyId: options.studyId } : {}),
    };
    this.update(run);
    this.displays.set(run.id, options.display ?? 'none');
    this.waiting.push(run);
    void this.pump();
    return run;
  }

  /**
   * Resolves with the run once it reaches a final state. Rejects at once for a run this queue
   * does not hold (another Dyno process's run in the same database): nothing here would ever
   * wake that waiter.
   */
  whenFinished(runId: string): Promise<Run> {
    // A fast run may already be over by the time someone asks: answer from the store.
    const ended = this.unsaved.get(runId) ?? this.storedFinal(runId);
    if (ended) return Promise.resolve(ended);
    if (this.active?.runId !== runId && !this.waiting.some((r) => r.id === runId)) {
      return Promise.reject(new Error(`Run ${runId} is not queued or running in this Dyno process (another process may own it).`));
    }
    return new Promise((resolve) => this.waiters.set(runId, [...(this.waiters.get(runId) ?? []), resolve]));
  }

  cancel(runId: string): boolean {
    const queuedAt = this.waiting.findIndex((r) => r.id === runId);
    if (queuedAt >= 0) {
      const [run] = this.waiting.splice(queuedAt, 1);
      this.displays.delete(runId);
      if (run) this.end({ ...run, status: 'aborted', startedAt: run.createdAt, finishedAt: this.now().toISOString() }, []);
      return true;
    }
    if (this.active?.runId === runId) {
      this.active.cancelRequested = true;
      this.active.execution?.cancel();
      return true;
    }
    return false;
  }

  /**
   * Cancels every queued run and the one running, resolving once that one has ended and is
   * saved: a studio that stops must not leave a command's process tree running (its group is
   * outside Dyno's, so no signal to Dyno reaches it) nor the run stored as `running`.
   */
  async cancelAll(): Promise<void> {
    for (const r of [...this.waiting]) this.cancel(r.id);
    const runId = this.active?.runId;
    if (runId === undefined) return;
    const ended = this.whenFinished(runId);
    this.cancel(runId);
    await ended;
  }

  get activeWorkerPid(): number | undefined {
    return this.active?.execution?.pid;
  }

  get busy(): boolean {
    return this.active !== undefined || this.waiting.length > 0;
  }

  private storedFinal(runId: string): Run | undefined {
    try {
      const stored = this.deps.repo.get(runId)?.run;
      return stored && !isRunActive(stored) ? stored : undefined;
    } catch {
      return undefined;
    }
  }

  private update(run: Run, warnings: readonly unknown[] = []): void {
    this.deps.repo.save(run, warnings);
    this.deps.emit({ type: 'run.updated', run });
  }

  /** Records a final state even when the store or a listener fails, then wakes the waiters. */
  private end(run: Run, warnings: readonly unknown[]): void {
    try {
      this.update(run, warnings);
    } catch {
      this.unsaved.set(run.id, run);
      try {
        this.deps.emit({ type: 'run.updated', run });
      } catch {
        // Nobody can be told; the waiters below still are.
      }
    }
    this.wake(run);
  }

  private wake(run: Run): void {
    for (const resolve of this.waiters.get(run.id) ?? []) resolve(run);
    this.waiters.delete(run.id);
  }

  private async pump(): Promise<void> {
    if (this.active) return;
    const next = this.waiting.shift();
    if (!next) return;
    const active: Active = { runId: next.id, cancelRequested: false };
    this.active = active;
    const running: Running = { ...next, status: 'running', startedAt: this.now().toISOString() };
    try {
      this.update(running);
      const { run, warnings } = await this.execute(running, active);
      // A failed final save lands in the catch below, which saves the run as failed instead of
      // leaving it `running`. (Listeners cannot throw into here: Studio.emit contains them.)
      this.update(run, warnings);
      this.wake(run);
    } catch (err) {
      active.execution?.kill();
      await active.telemetry?.stop({ inferences: 0, device: energyDeviceFor(running.config.session) }).catch(() => undefined);
      this.end({ ...running, status: 'failed', finishedAt: this.now().toISOString(), error: `Dyno could not finish this run: ${reasonOf(err)}` }, []);
    } finally {
      this.active = undefined;
    }
    void this.pump();
  }

  private async execute(run: Running, active: Active): Promise<Awaited<ReturnType<typeof finalRun>>> {
    const tracker = new RunProgress(run.config.stop);
    const conditions = new RunConditions(this.displays.get(run.id) ?? 'none');
    this.displays.delete(run.id);
    const progress = (phase?: Progress['phase']): void => this.deps.emit({ type: 'run.progress', runId: run.id, progress: tracker.now(phase) });
    const environment = this.deps.environment(run.config.session.executionProvider);
    // Taken before anything is measured: the fingerprint spawns some eight short processes
    // (lscpu, dmidecode, sensors…, 0.2–0.4 s), which would otherwise run beside the worker's
    // start, its warm-up and, for a fast model, its first measured iterations (and beside an
    // idle baseline). Its failure fails the run when the run has results (finalRun).
    await environment.then(
      () => undefined,
      () => undefined,
    );
    // The sampler starts before the executor (idle baseline), so it reads the pid through `active`.
    const telemetry = new RunTelemetry(run.id, run.config.telemetry, this.deps.telemetry, this.deps.repo, this.deps.emit, () => active.execution?.pid);
    active.telemetry = telemetry;
    await telemetry.start();
    let outcome: ExecutorOutcome = { kind: 'error', message: 'Cancelled before it started.' };
    if (!active.cancelRequested) {
      active.execution = this.deps.executor.start({ runId: run.id, config: run.config, artifactsDir: this.deps.artifactsDir }, {
        onReady: (ready) => {
          tracker.ready(ready);
          // Warm-up begins, or, with none, measurement (the tracker tells which).
          progress();
        },
        onSamples: (batch) => {
          this.deps.repo.appendBatch(run.id, batch);
          if (tracker.add(batch)) {
            telemetry.measuringStarted();
            conditions.measuringStarted(active.execution?.pid);
          }
          this.deps.emit({ type: 'run.samples', runId: run.id, samples: forDisplay(batch) });
          progress();
        },
        onOutput: (output) => this.deps.emit({ type: 'run.output', runId: run.id, output }),
        onMetrics: (metrics) => this.deps.emit({ type: 'run.metrics', runId: run.id, metrics }),
      });
      progress('starting');
      outcome = await active.execution.outcome;
    }
    // Right away: the window of "other busy processes" should end with the measurement, not the wrap-up.
    const measuredUnder = conditions.finish(active.execution?.pid, outcome.kind === 'done' ? outcome.intraOpThreads : undefined);
    const { measured } = tracker;
    const samplesPerIteration = outcome.kind === 'done' ? outcome.samplesPerIteration : measured.samplesPerIteration;
    const inferences = measured.latenciesMs.length * samplesPerIteration;
    const telemetrySummary = await telemetry.stop({ startMs: measured.startMs, endMs: measured.endMs, inferences, device: energyDeviceFor(run.config.session) });
    return finalRun(run, {
      outcome,
      measured,
      cancelRequested: active.cancelRequested,
      finishedAt: this.now().toISOString(),
      environment: () => environment,
      ...(telemetrySummary ? { telemetry: telemetrySummary } : {}),
      ...(measuredUnder ? { conditions: measuredUnder } : {}),
      energyBetween: (fromMs, toMs) => telemetry.energyBetween(fromMs, toMs),
    });
  }
}
