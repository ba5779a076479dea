/**
 * `dyno optimize-exec [exec options] [optimizer options] -- <command…>`: the optimizer driving a
 * command (main/optimizer/command). Factors are flags (`--factor amp=--amp`) and parameters
 * (`--param batch=32,64` with `{batch}` in the command: the first value is the baseline's); the
 * objective is wall time, peak memory, energy or time to a `--target`; gates
 * (`--gate accuracy>=baseline-0.005`) keep the candidates correct. Each trial is a `dyno exec`
 * run with the exec options given; `--resume <study>` continues a stopped study. Output as
 * `dyno optimize`'s: progress on stderr, text or `--json` on stdout, `--out DIR` the reports and
 * the winner's command line with its chosen levels.
 */
import { paramProblem } from '../../shared/command/params';
import { targetText } from '../../shared/command/workload';
import { commandFactors, type CommandFactor } from '../../shared/optimizer/command/factors';
import { COMMAND_OBJECTIVE_UNIT, COMMAND_OBJECTIVE_WORDS, CommandGoalSchema, gateText, type CommandObjective, type MetricGate } from '../../shared/optimizer/command/goal';
import { CommandStudySpecSchema } from '../../shared/optimizer/command/start';
import { writeCommandOutputs } from '../optimizer/command/write-outputs';
import { createCliStudio } from './cli-studio';
import { createInProcessApi } from '../studio/in-process-api';
import { optimizeCommand, type CommandOptimizeSpec } from '../optimizer/command/run-command-optimizer';
import { commandOutcomeJson } from '../optimizer/command/result-json';
import type { CommandTrial } from '../optimizer/command/trials';
import { execConfig, type ExecFlags } from './exec-options';
import { cancelOnInterrupt } from './interrupt';
import { CliError } from './errors';
import { asCliError, DEFAULT_TIME_BUDGET, emitOutcome, timeBudgetMs } from './optimizer-outcome';
import { commandStudySummary } from './optimizer-summary';
import { formatNumber } from '../../shared/format';

export interface OptimizeExecFlags extends ExecFlags {
  factor: CommandFactor[];
  objective: CommandObjective;
  gate: MetricGate[];
  timeBudget?: string;
  rounds: number;
  top: number;
  out?: string;
  resume?: string;
  json: boolean;
}


export { addOptimizeExecOptions } from './command-options';

/** The study's spec from the flags, every problem refused before anything runs. */
export function commandSpec(argv: string[], o: OptimizeExecFlags): CommandOptimizeSpec {
  if (argv.length === 0) throw new CliError('Give the command after --, e.g. dyno optimize-exec --factor fast=--fast -- node train.mjs.');
  const problem = paramProblem(argv, o.param);
  if (problem) throw new CliError(problem);
  const factors = commandFactors(o.factor, o.param);
  if (typeof factors === 'string') throw new CliError(factors);
  const [target, ...more] = o.target;
  if (o.objective === 'time-to-target' && !target) throw new CliError('--objective time-to-target needs a --target, e.g. --target accuracy>=0.9.');
  if (o.objective === 'time-to-target' && more.length > 0) throw new CliError(`--objective time-to-target reads one --target; ${o.target.length} were given.`);
  let base;
  try {
    // The baseline's configuration, with {placeholders} left for each trial to fill.
    base = execConfig(argv, { ...o, param: [] });
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
  const goal = CommandGoalSchema.parse({ objective: o.objective, gates: o.gate, ...(o.objective === 'time-to-target' && target ? { target: targetText(target) } : {}), timeBudgetMs: timeBudgetMs(o.timeBudget ?? DEFAULT_TIME_BUDGET) });
  return { version: 1, workload: 'command', template: base.command?.argv ?? argv, base, factors, goal, rounds: o.rounds, top: o.top };
}

function trialLine(t: CommandTrial, unit: string): string {
  // A failed trial's reason already says "failed: …"; a completed one is "rejected" by its gates.
  const what = t.status === 'completed' ? (t.value === undefined ? '' : `${formatNumber(t.value)} ${unit}`) : (t.rejected ?? t.status);
  const rejected = t.status === 'completed' && t.rejected ? `: rejected, ${t.rejected}` : '';
  const metrics = Object.entries(t.metrics).slice(0, 3).map(([k, v]) => `${k} ${formatNumber(v)}`).join(', ');
  return `  ${t.phase.padEnd(13)} ${t.key.padEnd(30)} ${what}${metrics ? ` (${metrics})` : ''}${t.reused ? ' (reused)' : ''}${rejected}`;
}

async function resumedSpec(api: ReturnType<typeof createInProcessApi>, studyId: string, o: OptimizeExecFlags): Promise<CommandOptimizeSpec> {
  const found = await api.call('studies.get', { studyId }).catch(() => undefined);
  if (!found) throw new CliError(`No study with id ${studyId}.`);
  const parsed = CommandStudySpecSchema.safeParse(found.study.spec);
  if (found.study.kind !== 'optimizer' || !parsed.success) {
    const hint = found.study.kind === 'optimizer' ? ` (a model study: resume it with dyno optimize --resume ${studyId})` : '';
    throw new CliError(`Study ${studyId} is not a command optimizer study that can be resumed${hint}.`);
  }
  return { ...parsed.data, goal: { ...parsed.data.goal, ...(o.timeBudget ? { timeBudgetMs: timeBudgetMs(o.timeBudget) } : {}) } };
}

export async function optimizeExecCommand(argv: string[], o: OptimizeExecFlags): Promise<number> {
  if (o.resume && argv.length > 0) throw new CliError('--resume continues a study with its own command: give no command after --.');
  const spec0 = o.resume ? undefined : commandSpec(argv, o);
  const handle = createCliStudio({ allowCommands: true });
  const api = createInProcessApi(handle.studio);
  const { interrupt, release } = cancelOnInterrupt(api);
  const say = (line: string): void => {
    if (!o.json) process.stderr.write(line + '\n');
  };
  try {
    const spec = spec0 ?? (await resumedSpec(api, o.resume as string, o));
    const unit = COMMAND_OBJECTIVE_UNIT[spec.goal.objective];
    const outcome = await optimizeCommand({ api, now: () => Date.now() }, spec, o.resume, {
      onStudy: (id) => say(`study ${id}: ${COMMAND_OBJECTIVE_WORDS[spec.goal.objective]}${spec.goal.gates.length ? `, gates ${spec.goal.gates.map(gateText).join(', ')}` : ''}, time budget ${(spec.goal.timeBudgetMs / 1000).toFixed(0)} s`),
      onPhase: (phase) => say(`${phase}:`),
      onTrial: (t) => say(trialLine(t, unit)),
      onRunStarted: (id) => (interrupt.runId = id),
      shouldStop: () => interrupt.asked,
    });
    const json = commandOutcomeJson(outcome);
    return emitOutcome(json, o, writeCommandOutputs, commandStudySummary);
  } catch (err) {
    throw asCliError(err);
  } finally {
    release();
    handle.close();
  }
}
