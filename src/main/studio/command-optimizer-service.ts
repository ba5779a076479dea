/**
 * The command optimizer started from the studio (`commandOptimizer.*`): the same search as
 * `dyno optimize-exec` (main/optimizer/command), driven over the studio's own API, so every
 * trial is a `runs.start` of a command and meets the same checks (the host's --allow-commands
 * policy, the program and working folder existing). One study at a time, counting the model
 * optimizer's: two searches interleaved on one machine would measure each other. Its state goes
 * out as `commandOptimizer.updated` events and is kept beside the study (state.json), so a
 * reload or a restarted host reads it back; a study stopped mid-search resumes from its trials.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ApiCallError, type DynoApi, type StudioEvent } from '../../shared/contract';
import { CommandWorkloadSchema } from '../../shared/command/workload';
import { COMMAND_OBJECTIVE_UNIT } from '../../shared/optimizer/command/goal';
import { CommandStudySpecSchema, commandStudySpec, type CommandOptimizerStart, type CommandStudySpec } from '../../shared/optimizer/command/start';
import { CommandOptimizerStateSchema, type CommandOptimizerState, type LiveCommandTrial } from '../../shared/optimizer/command/study-state';
import { optimizeCommand } from '../optimizer/command/run-command-optimizer';
import { commandOutcomeJson, figures } from '../optimizer/command/result-json';
import { writeCommandOutputs } from '../optimizer/command/write-outputs';
import { OptimizerError } from '../optimizer/run-optimizer';
import type { CommandTrial } from '../optimizer/command/trials';
import { checkCommand, checkCommandAllowed } from './check-command';
import { storedOptimizerStudy } from './stored-optimizer-study';

export interface CommandOptimizerServiceDeps {
  api: DynoApi;
  artifactsDir: string;
  emit(event: StudioEvent): void;
  now(): number;
  /** Whether this host runs commands at all (the same setting runs.start obeys). */
  allowCommands: boolean;
  /** The model optimizer's running study, if any. */
  otherStudy(): string | undefined;
}

interface Active {
  state: CommandOptimizerState;
  stop: boolean;
}

function liveTrial(t: CommandTrial, unit: string): LiveCommandTrial {
  return { runId: t.runId, phase: t.phase, candidate: t.key, status: t.status, reused: t.reused, commandLine: t.config.modelPath, figures: figures(t, unit), gates: t.gates, rejected: t.rejected ?? null };
}

function factorsOf(spec: CommandStudySpec): CommandOptimizerState['factors'] {
  return spec.factors.map((f) => ({ name: f.name, kind: f.kind, levels: f.kind === 'flag' ? f.args.join(' ') : f.values.join(',') }));
}

function stateOf(studyId: string, spec: CommandStudySpec, startedAt: string, status: CommandOptimizerState['status'], phase: string): CommandOptimizerState {
  return { studyId, command: spec.base.modelPath, goal: spec.goal, factors: factorsOf(spec), status, phase, startedAt, trials: [], currentRunId: null, error: null, result: null, exportsDir: null };
}

export class CommandOptimizerService {
  private active: Active | undefined;

  constructor(private readonly deps: CommandOptimizerServiceDeps) {}

  /** The command study running now, if any (the model optimizer waits for it too). */
  runningStudy(): string | undefined {
    return this.active?.state.studyId;
  }

  private studyDir(studyId: string): string {
    return join(this.deps.artifactsDir, 'optimizer', studyId);
  }

  private publish(state: CommandOptimizerState): void {
    const dir = this.studyDir(state.studyId);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'state.json'), JSON.stringify(state));
    this.deps.emit({ type: 'commandOptimizer.updated', state });
  }

  private refuseWhileRunning(): void {
    const id = this.active?.state.studyId ?? this.deps.otherStudy();
    if (id) throw new ApiCallError(`Optimizer study ${id} is still running: cancel it or wait for it to end before starting another.`, 'conflict');
  }

  /** The policy and the command's own checks, before a study exists: a typo is one refusal, not a failed study. */
  private checkRunnable(spec: CommandStudySpec): void {
    checkCommandAllowed(this.deps.allowCommands);
    checkCommand(CommandWorkloadSchema.parse(spec.base.command));
  }

  start(p: CommandOptimizerStart): Promise<{ studyId: string }> {
    checkCommandAllowed(this.deps.allowCommands);
    this.refuseWhileRunning();
    // A relative working folder is the host's, as `dyno optimize-exec --cwd` takes it from where it runs.
    const spec = commandStudySpec({ ...p, ...(p.cwd ? { cwd: resolve(p.cwd) } : {}) });
    if (typeof spec === 'string') throw new ApiCallError(spec, 'invalid-params');
    this.checkRunnable(spec);
    return this.launch(spec, undefined);
  }

  async resume({ studyId, timeBudgetMs }: { studyId: string; timeBudgetMs?: number | undefined }): Promise<{ studyId: string }> {
    checkCommandAllowed(this.deps.allowCommands);
    if (this.active?.state.studyId === studyId) throw new ApiCallError(`Optimizer study ${studyId} is already running.`, 'conflict');
    this.refuseWhileRunning();
    const spec = await this.storedSpec(studyId);
    this.checkRunnable(spec);
    return this.launch({ ...spec, goal: { ...spec.goal, ...(timeBudgetMs !== undefined ? { timeBudgetMs } : {}) } }, studyId);
  }

  cancel({ studyId }: { studyId: string }): { cancelled: boolean } {
    const a = this.active;
    if (!a || a.state.studyId !== studyId) return { cancelled: false };
    a.stop = true;
    const runId = a.state.currentRunId;
    if (runId) void this.deps.api.call('runs.cancel', { runId }).catch(() => undefined);
    return { cancelled: true };
  }

  async get({ studyId }: { studyId: string }): Promise<CommandOptimizerState> {
    if (this.active?.state.studyId === studyId) return this.active.state;
    const file = join(this.studyDir(studyId), 'state.json');
    const kept = existsSync(file) ? CommandOptimizerStateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8'))) : undefined;
    // Running by the file but not here: the host that ran it ended mid-search.
    if (kept?.success) return kept.data.status === 'running' ? { ...kept.data, status: 'stopped', currentRunId: null } : kept.data;
    // A study `dyno optimize-exec` ran: its spec says what was asked; resuming reuses its trials.
    const spec = await this.storedSpec(studyId);
    const { study } = await storedOptimizerStudy(this.deps.api, studyId);
    return stateOf(studyId, spec, study.createdAt, 'stopped', 'not run from the studio');
  }

  private async storedSpec(studyId: string): Promise<CommandStudySpec> {
    const found = await storedOptimizerStudy(this.deps.api, studyId);
    const parsed = CommandStudySpecSchema.safeParse(found.study.spec);
    if (found.study.kind !== 'optimizer' || !parsed.success) {
      const what = found.study.kind === 'optimizer' ? 'a model optimizer study (open it with the Model workload)' : `a ${found.study.kind} study`;
      throw new ApiCallError(`Study ${studyId} is ${what}, not a command optimizer study.`, 'invalid-params');
    }
    return parsed.data;
  }

  /** Answers with the study's id once it exists; what goes wrong after that is the study's `failed` state. */
  private launch(spec: CommandStudySpec, resumeStudyId: string | undefined): Promise<{ studyId: string }> {
    const unit = COMMAND_OBJECTIVE_UNIT[spec.goal.objective];
    return new Promise((resolvePromise, reject) => {
      let a: Active | undefined;
      const update = (patch: Partial<CommandOptimizerState>): void => {
        if (!a) return;
        a.state = { ...a.state, ...patch };
        this.publish(a.state);
      };
      const run = optimizeCommand({ api: this.deps.api, now: this.deps.now }, spec, resumeStudyId, {
        onStudy: (studyId) => {
          a = { state: stateOf(studyId, spec, new Date(this.deps.now()).toISOString(), 'running', 'starting'), stop: false };
          this.active = a;
          this.publish(a.state);
          resolvePromise({ studyId });
        },
        onPhase: (phase) => update({ phase }),
        onRunStarted: (runId) => update({ currentRunId: runId }),
        onTrial: (t) => update({ currentRunId: null, trials: [...(a?.state.trials ?? []), liveTrial(t, unit)] }),
        shouldStop: () => a?.stop === true,
      });
      const finish = async (): Promise<void> => {
        let last: Partial<CommandOptimizerState>;
        try {
          const outcome = await run;
          const result = commandOutcomeJson(outcome);
          const exportsDir = join(this.studyDir(outcome.studyId), 'exports');
          writeCommandOutputs(exportsDir, result);
          last = { status: outcome.stopped.reason === 'cancelled' ? 'cancelled' : 'completed', phase: 'done', currentRunId: null, result, exportsDir };
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          if (!a) return reject(err instanceof OptimizerError ? new ApiCallError(message, 'invalid-params') : err);
          last = { status: a.stop ? 'cancelled' : 'failed', phase: 'failed', currentRunId: null, error: message };
        }
        // Idle before the last word goes out: a front end that hears "completed" may start the next study at once.
        if (this.active === a) this.active = undefined;
        update(last);
      };
      void finish();
    });
  }
}
