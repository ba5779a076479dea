/**
 * `studies.sweep` and `studies.cancelSweep`: the host measures a sweep's grid itself, one point
 * after another through the run queue, so a front end that closes or reloads loses nothing and
 * every point is a stored run of the sweep's study from the moment it is queued. Cancel ends the
 * point that is running and queues no more; the points that ended stay in the study.
 */
import type { StudioEvent } from '../../shared/contract';
import { ApiCallError } from '../../shared/contract';
import type { RunConfig } from '../../shared/run';
import type { Display } from '../../shared/conditions';
import { sweepGrid, sweepPointConfig, type SweepProgress } from '../../shared/sweep';
import type { StudiesRepository } from '../store/studies-repository';
import type { RunQueue } from './run-queue';

export interface SweepPlan {
  /** The symbolic dims the batch size sets (left out of each point's dims). */
  dimsSetByBatch: string[];
  /**
   * A point's configuration as runs.start would queue it (the model's default dims filled) with
   * the note saying so; throws, as runs.start would, when it cannot run.
   */
  check(config: RunConfig): { config: RunConfig; note?: string };
}

export interface SweepRunnerDeps {
  studies: StudiesRepository;
  queue: RunQueue;
  emit: (event: StudioEvent) => void;
  /** Opens the model and checks the provider once for the whole grid (runs.start's checks). */
  prepare: (config: RunConfig) => Promise<SweepPlan>;
  now: () => Date;
}

export interface SweepRequest {
  config: RunConfig;
  batches: number[];
  threadCounts: number[];
  name?: string | undefined;
  display?: Display | undefined;
}

interface Active {
  cancelled: boolean;
  runId?: string;
}

export class SweepRunner {
  private readonly active = new Map<string, Active>();

  constructor(private readonly deps: SweepRunnerDeps) {}

  /** Checks every point, creates the study, and measures the grid in the background. */
  async start(request: SweepRequest): Promise<{ studyId: string; points: number; notes?: string[] }> {
    const { config, batches, threadCounts } = request;
    if (config.command) throw new ApiCallError('A sweep measures a model: a command workload has no batch size or thread count to sweep.', 'invalid-params');
    const plan = await this.deps.prepare(config);
    const name = request.name ?? config.label ?? `sweep ${this.deps.now().toISOString()}`;
    // Every point is checked before anything is stored: a grid that cannot run leaves no study.
    const ready = sweepGrid(batches, threadCounts).map((point) => plan.check(sweepPointConfig({ ...config, label: config.label ?? name }, point, plan.dimsSetByBatch)));
    const configs = ready.map((r) => r.config);
    // The same defaults fill every point: each note once.
    const notes = [...new Set(ready.flatMap((r) => (r.note !== undefined ? [r.note] : [])))];
    const study = this.deps.studies.create(
      // Targets as the points' configurations hold them (metric, bound and the text), so the study says what every point was held to.
      { kind: 'sweep', name, spec: { model: config.modelPath, grid: { batchSize: batches, threads: threadCounts }, ...(config.targets && config.targets.length > 0 ? { targets: config.targets } : {}) } },
      this.deps.now().toISOString(),
    );
    const active: Active = { cancelled: false };
    this.active.set(study.id, active);
    void this.measure(study.id, configs, active, request.display);
    return { studyId: study.id, points: configs.length, ...(notes.length > 0 ? { notes } : {}) };
  }

  /** Ends the running point and queues no more; false when the study has no sweep going. */
  cancel(studyId: string): boolean {
    const active = this.active.get(studyId);
    if (!active) return false;
    active.cancelled = true;
    if (active.runId) this.deps.queue.cancel(active.runId);
    return true;
  }

  private progress(p: SweepProgress): void {
    this.deps.emit({ type: 'study.progress', progress: p });
  }

  private async measure(studyId: string, configs: RunConfig[], active: Active, display: Display | undefined): Promise<void> {
    const total = configs.length;
    let done = 0;
    try {
      for (const config of configs) {
        if (active.cancelled) break;
        const run = this.deps.queue.enqueue(config, { studyId, ...(display !== undefined ? { display } : {}) });
        active.runId = run.id;
        this.progress({ studyId, total, done, runId: run.id, state: 'running' });
        await this.deps.queue.whenFinished(run.id);
        done++;
      }
      this.progress({ studyId, total, done, ...(active.runId ? { runId: active.runId } : {}), state: active.cancelled ? 'cancelled' : 'completed' });
    } catch (err) {
      // The queue ends a failing run itself; this is the store refusing to queue one (a full disk).
      this.progress({ studyId, total, done, state: 'failed', error: err instanceof Error ? err.message : String(err) });
    } finally {
      this.active.delete(studyId);
    }
  }
}
