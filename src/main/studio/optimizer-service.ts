/**
 * The optimizer started from the studio (`optimizer.*`): the same search as `dyno optimize`
 * (main/optimizer), driven over the studio's own API, one study at a time — trials of two
 * searches interleaved on one machine would measure each other. Its state (phase, the trials as
 * they finish, the factors skipped and why, then the result) goes to every front end as an
 * `optimizer.updated` event and is kept beside the study (state.json), so a reload, another
 * window or a restarted host reads it back; a study the host stopped mid-search reads as
 * `stopped` and resumes from its measured trials (the engine's resume).
 */
import { formatDuration } from '../../shared/format';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiCallError, type DynoApi, type StudioEvent } from '../../shared/contract';
import { OptimizerStateSchema, type LiveTrial, type OptimizerStart, type OptimizerState } from '../../shared/optimizer/study-state';
import { OBJECTIVE_UNIT } from '../../shared/optimizer/result';
import { minimumBudgetMs, optimize, OptimizerError, type OptimizeSpec } from '../optimizer/run-optimizer';
import { SpecSchema, minAccuracyProblem, newSpec } from '../optimizer/spec';
import { figures, outcomeJson } from '../optimizer/result-json';
import { writeOutputs } from '../optimizer/write-outputs';
import { TRANSFORM } from '../optimizer/precision';
import type { Trial } from '../optimizer/trials';
import { outputsInWorker } from '../child/outputs-in-worker';
import type { WorkerSpawnSpec } from '../child/fork-worker';
import { storedOptimizerStudy } from './stored-optimizer-study';

export interface OptimizerServiceDeps {
  api: DynoApi;
  worker: WorkerSpawnSpec;
  artifactsDir: string;
  emit(event: StudioEvent): void;
  now(): number;
  /** A command optimizer study running now, if any: one search at a time across both. */
  otherStudy?(): string | undefined;
}

interface Active {
  state: OptimizerState;
  stop: boolean;
}

function liveTrial(t: Trial, unit: string): LiveTrial {
  return { runId: t.runId, phase: t.phase, candidate: t.key, status: t.status, reused: t.reused, config: t.config, figures: figures(t, unit), fidelity: t.fidelity ?? null, rejected: t.rejected ?? null };
}

/** A study this service cannot read, named for what it is: a command study is the Command workload's. */
function notAModelStudy(studyId: string, study: { kind: string; spec?: unknown }, what: string): ApiCallError {
  const command = (study.spec as { workload?: unknown } | undefined)?.workload === 'command';
  if (command) return new ApiCallError(`Study ${studyId} is a command optimizer study: open it with the Command workload (#/optimize/${studyId}?workload=command).`, 'invalid-params');
  return new ApiCallError(`Study ${studyId} is a ${study.kind} study, not an optimizer study${what}.`, 'invalid-params');
}

export class OptimizerService {
  private active: Active | undefined;

  constructor(private readonly deps: OptimizerServiceDeps) {}

  private studyDir(studyId: string): string {
    return join(this.deps.artifactsDir, 'optimizer', studyId);
  }

  /** Tells every front end, and keeps the state beside the study for a later read. */
  private publish(state: OptimizerState): void {
    const dir = this.studyDir(state.studyId);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'state.json'), JSON.stringify(state));
    this.deps.emit({ type: 'optimizer.updated', state });
  }

  private refuseWhileRunning(): void {
    const a = this.active;
    if (a) throw new ApiCallError(`Optimizer study ${a.state.studyId} is still running (${a.state.phase}): cancel it or wait for it to end before starting another.`, 'conflict');
    const other = this.deps.otherStudy?.();
    if (other) throw new ApiCallError(`Optimizer study ${other} is still running: cancel it or wait for it to end before starting another.`, 'conflict');
  }

  /** The model study running now, if any (the command optimizer waits for it too). */
  runningStudy(): string | undefined {
    return this.active?.state.studyId;
  }

  async start(p: OptimizerStart): Promise<{ studyId: string }> {
    this.refuseWhileRunning();
    if (p.minAccuracy !== undefined && p.inputsDir === undefined) throw new ApiCallError('A min accuracy needs an inputs folder (inputsDir): a test_data_set folder whose expected outputs are the labels accuracy is counted against.', 'invalid-params');
    if (p.inputsDir !== undefined && !statSync(p.inputsDir, { throwIfNoEntry: false })?.isDirectory()) throw new ApiCallError(`The inputs folder ${p.inputsDir} is not a folder on this machine: give a test_data_set folder (input_0.pb, … and output_0.pb, …).`, 'invalid-params');
    const spec = newSpec(p.model, {
      objective: p.objective,
      budgetMs: p.latencyBudgetMs,
      maxError: p.maxError,
      minAccuracy: p.minAccuracy,
      inputs: p.inputsDir,
      memoryCap: p.memoryCapMiB,
      timeBudgetMs: p.timeBudgetMs,
      trialDuration: p.trialDurationS,
      trialIterations: p.trialIterations,
      warmup: p.warmup,
      dim: p.dims,
      rounds: p.rounds,
      top: p.top,
      factors: p.factors,
    });
    const accuracy = minAccuracyProblem(spec, 'the Max output error (maxError)');
    if (accuracy) throw new ApiCallError(`Min accuracy: ${accuracy}.`, 'invalid-params');
    return this.launch(spec, undefined);
  }

  async resume({ studyId, timeBudgetMs }: { studyId: string; timeBudgetMs?: number | undefined }): Promise<{ studyId: string }> {
    if (this.active?.state.studyId === studyId) throw new ApiCallError(`Optimizer study ${studyId} is already running.`, 'conflict');
    this.refuseWhileRunning();
    const found = await this.deps.api.call('studies.get', { studyId });
    const parsed = SpecSchema.safeParse(found.study.spec);
    if (found.study.kind !== 'optimizer' || !parsed.success) throw notAModelStudy(studyId, found.study, ' that can be resumed');
    const spec: OptimizeSpec = { ...parsed.data, goal: { ...parsed.data.goal, ...(timeBudgetMs !== undefined ? { timeBudgetMs } : {}) } };
    return this.launch(spec, studyId);
  }

  cancel({ studyId }: { studyId: string }): { cancelled: boolean } {
    const a = this.active;
    if (!a || a.state.studyId !== studyId) return { cancelled: false };
    a.stop = true;
    const runId = a.state.currentRunId;
    if (runId) void this.deps.api.call('runs.cancel', { runId }).catch(() => undefined);
    return { cancelled: true };
  }

  async get({ studyId }: { studyId: string }): Promise<OptimizerState> {
    if (this.active?.state.studyId === studyId) return this.active.state;
    const file = join(this.studyDir(studyId), 'state.json');
    const kept = existsSync(file) ? OptimizerStateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8'))) : undefined;
    // Running by the file but not here: the host that ran it ended mid-search.
    if (kept?.success) return kept.data.status === 'running' ? { ...kept.data, status: 'stopped', currentRunId: null } : kept.data;
    // A study the CLI ran (or one whose state was lost): its spec says what was asked; resuming reuses its trials.
    const found = await storedOptimizerStudy(this.deps.api, studyId);
    const spec = SpecSchema.safeParse(found.study.spec);
    if (found.study.kind !== 'optimizer' || !spec.success) throw notAModelStudy(studyId, found.study, '');
    return { studyId, model: spec.data.model, goal: spec.data.goal, factors: spec.data.factors ?? null, status: 'stopped', phase: 'not run from the studio', startedAt: found.study.createdAt, trials: [], skipped: [], currentRunId: null, error: null, result: null, exportsDir: null };
  }

  /** Answers with the study's id once it exists; a goal refused before that (a too-short budget, a bad model) is the call's error. */
  private launch(spec: OptimizeSpec, resumeStudyId: string | undefined): Promise<{ studyId: string }> {
    const need = minimumBudgetMs(spec.base);
    if (spec.goal.timeBudgetMs < need) throw new ApiCallError(`The time budget (${formatDuration(spec.goal.timeBudgetMs)}) is too short for the baseline and one trial: the minimum is ${Math.ceil(need / 1000)} s at ${spec.base.stop.minDurationMs / 1000} s a trial.`, 'invalid-params');
    const unit = OBJECTIVE_UNIT[spec.goal.objective];
    return new Promise((resolve, reject) => {
      let a: Active | undefined;
      const update = (patch: Partial<OptimizerState>): void => {
        if (!a) return;
        a.state = { ...a.state, ...patch };
        this.publish(a.state);
      };
      const run = optimize(
        { api: this.deps.api, outputs: (config, writeDir, refs) => outputsInWorker(this.deps.worker, config, writeDir, refs), transform: TRANSFORM, artifactsDir: this.deps.artifactsDir, now: this.deps.now },
        spec,
        resumeStudyId,
        {
          onStudy: (studyId) => {
            const state: OptimizerState = { studyId, model: spec.model, goal: spec.goal, factors: spec.factors ?? null, status: 'running', phase: 'starting', startedAt: new Date(this.deps.now()).toISOString(), trials: [], skipped: [], currentRunId: null, error: null, result: null, exportsDir: null };
            a = { state, stop: false };
            this.active = a;
            this.publish(state);
            resolve({ studyId });
          },
          onPhase: (phase) => update({ phase }),
          onRunStarted: (runId) => update({ currentRunId: runId }),
          onTrial: (t) => update({ currentRunId: null, trials: [...(a?.state.trials ?? []), liveTrial(t, unit)] }),
          onSkipped: (factor, reason) => update({ skipped: [...(a?.state.skipped ?? []), { factor, reason }] }),
          shouldStop: () => a?.stop === true,
        },
      );
      const finish = async (): Promise<void> => {
        let last: Partial<OptimizerState>;
        try {
          const outcome = await run;
          const model = await this.deps.api.call('models.inspect', { path: outcome.spec.base.modelPath });
          const batchDim = model.inputs.map((i) => i.shape[0]).find((d): d is string => typeof d === 'string');
          const result = outcomeJson(outcome, batchDim);
          const exportsDir = join(this.studyDir(outcome.studyId), 'exports');
          writeOutputs(exportsDir, result);
          last = { status: outcome.stopped.reason === 'cancelled' ? 'cancelled' : 'completed', phase: 'done', currentRunId: null, result, exportsDir };
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          if (!a) return reject(err instanceof OptimizerError ? new ApiCallError(message, 'invalid-params') : err);
          last = { status: 'failed', phase: 'failed', currentRunId: null, error: message };
        }
        // Idle before the last word goes out: a front end that hears "completed" may start the next study at once.
        if (this.active === a) this.active = undefined;
        update(last);
      };
      void finish();
    });
  }
}
