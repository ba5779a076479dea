/**
 * One trial of a command study: a candidate's command measured as a real run through the
 * studio's queue (the command executor, N runs after M warm-ups), then judged by its metric
 * gates. A candidate whose run fails (a flag the program rejects, a non-zero exit, a timeout)
 * is a failed trial with the reason and the program's last words; the study goes on.
 *
 * Trials are named by label ("optimizer · <phase> · <candidate>") as in a model study, so a
 * resumed study reuses the runs it already has.
 */
import type { DynoApi } from '../../../shared/contract';
import type { RunConfig } from '../../../shared/run';
import { commandCandidateConfig, commandCandidateKey, type CommandCandidate, type CommandFactor } from '../../../shared/optimizer/command/factors';
import { checkGates, commandObjectiveValue, finalMetrics, gateProblem, type CommandGoal, type GateCheck } from '../../../shared/optimizer/command/goal';
import type { SearchTrial } from '../search-phases';
import type { Completed } from '../trials';
import { tellingLine } from '../../../shared/command/telling-line';

export interface CommandTrialContext {
  studyId: string;
  base: RunConfig;
  template: readonly string[];
  factors: readonly CommandFactor[];
  goal: CommandGoal;
  /** The baseline's final metric values, which relative gates (accuracy>=baseline-0.005) are set from. */
  baselineMetrics: Record<string, number>;
  /** Completed runs of the study by label: what a resumed study already measured. */
  measured: Map<string, Completed>;
}

export interface CommandTrial extends SearchTrial<CommandCandidate> {
  label: string;
  config: RunConfig;
  run?: Completed | undefined;
  reused: boolean;
  /** The objective's figure in its unit. */
  value?: number | undefined;
  metrics: Record<string, number>;
  gates: GateCheck[];
  error?: string | undefined;
}

export const commandTrialLabel = (phase: string, key: string): string => `optimizer · ${phase} · ${key}`;

/** Figures and gates of a completed run; `score` is the value (every command objective is lower-is-better). */
export function judgeCommandRun(ctx: Pick<CommandTrialContext, 'goal' | 'baselineMetrics'>, t: CommandTrial, run: Completed): CommandTrial {
  const value = commandObjectiveValue(run, ctx.goal);
  const metrics = finalMetrics(run);
  // Relative gates (accuracy>=baseline-0.005) are set by the baseline's values; the baseline's own runs by their own.
  const gates = checkGates(ctx.goal.gates, metrics, t.key === 'baseline' ? metrics : ctx.baselineMetrics);
  const judged: CommandTrial = { ...t, status: 'completed', run, runId: run.id, value, score: value, metrics, gates, rejected: undefined };
  const noValue =
    value !== undefined
      ? undefined
      : ctx.goal.objective === 'time-to-target'
        ? `not every run reached ${ctx.goal.target ?? 'the target'}`
        : ctx.goal.objective === 'energy'
          ? 'no energy was measured'
          : `the run gave no ${ctx.goal.objective} figure`;
  const problems = [noValue, gateProblem(gates)].filter((p): p is string => p !== undefined);
  return problems.length > 0 ? { ...judged, rejected: problems.join('; ') } : judged;
}

/**
 * The failure in one line: the executor's first line (the command, its exit code and run, and
 * the program's telling line), without the quoted output. An error stored before the executor
 * named the reason gets it from the quoted output.
 */
export function failureText(error: string): string {
  const [head = error, ...rest] = error.split('\n');
  const first = head.replace(/;\s*its last output:?\s*$/, '').trim();
  // The executor's own wording ends "on run 3" (or "was stopped") when it named no reason.
  const named = !/(?:on (?:warm-up )?run \d+|was stopped);\s*its last output:?\s*$/.test(head);
  const why = named ? undefined : tellingLine(rest.map((l) => l.replace(/^\s*\|\s?/, '')).join('\n'));
  return why ? `${first}: ${why}` : first;
}

export async function runCommandTrial(api: DynoApi, ctx: CommandTrialContext, phase: string, candidate: CommandCandidate, onStarted?: (runId: string) => void): Promise<CommandTrial> {
  const key = commandCandidateKey(ctx.factors, candidate);
  const label = commandTrialLabel(phase, key);
  const config = commandCandidateConfig(ctx.base, ctx.template, ctx.factors, candidate, label);
  const t: CommandTrial = { phase, label, key, candidate, config, runId: '', status: 'failed', reused: false, metrics: {}, gates: [] };
  const earlier = ctx.measured.get(label);
  if (earlier) return judgeCommandRun(ctx, { ...t, config: earlier.config, reused: true }, earlier);
  let runId: string;
  try {
    runId = (await api.call('runs.start', { config, studyId: ctx.studyId })).runId;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ...t, error: message, rejected: `failed: ${message}` };
  }
  onStarted?.(runId);
  const { run } = await api.call('runs.wait', { runId });
  if (run.status === 'completed') {
    ctx.measured.set(label, run);
    return judgeCommandRun(ctx, t, run);
  }
  const status = run.status === 'failed' ? 'failed' : run.status === 'aborted' ? 'aborted' : 'interrupted';
  const error = run.status === 'failed' ? failureText(run.error) : `the run was ${run.status}`;
  return { ...t, runId, status, error, rejected: `${status}: ${error}` };
}
