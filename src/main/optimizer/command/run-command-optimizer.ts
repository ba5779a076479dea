/**
 * The optimizer driving a command: baseline (the command as typed, every parameter at its first
 * value, every flag off) → each factor alone → the helpful ones combined by coordinate descent →
 * the finalists re-measured in interleaved rounds against the baseline → verdicts with
 * intervals and each factor's share of the gain. The search decisions are the model
 * optimizer's (search-phases.ts, shared/optimizer/search.ts); what differs is the trial (a
 * command run, judged by metric gates) and the verdict of figures the comparison engine does
 * not compare (command/verdicts.ts).
 *
 * Every trial is a real run in one `optimizer` study; `resume` replays the deterministic search,
 * reusing the runs it finds by label.
 */
import type { DynoApi } from '../../../shared/contract';
import type { CommandStudySpec } from '../../../shared/optimizer/command/start';
import { commandCandidateKey, factorLevels, type CommandCandidate } from '../../../shared/optimizer/command/factors';
import { COMMAND_OBJECTIVE_WORDS } from '../../../shared/optimizer/command/goal';
import { isEligible, type Gain } from '../../../shared/optimizer/search';
import { attributionOf, pickRecommended, searchFromBaseline, TrialBudget, type Attribution, type Stopped } from '../search-phases';
import { OptimizerError, type OptimizerHooks } from '../run-optimizer';
import type { Completed } from '../trials';
import type { Verdict } from '../verdicts';
import { runCommandTrial, type CommandTrial, type CommandTrialContext } from './trials';
import { commandJudge } from './verdicts';

/** The study's spec, as stored (and resumed) by the CLI and the studio alike. */
export type CommandOptimizeSpec = CommandStudySpec;

export type CommandAttribution = Attribution<string, string>;

export interface CommandOptimizeOutcome {
  studyId: string;
  spec: CommandOptimizeSpec;
  baseline: CommandTrial;
  trials: CommandTrial[];
  verdicts: Map<string, Verdict | null>;
  recommended: { trial: CommandTrial; gain: Gain & { evidence: string; sentence?: string }; remeasuredRunIds: string[] } | null;
  attribution: CommandAttribution[];
  stopped: Stopped;
  /** When no candidate keeps the gates: which one came closest, and why it was rejected. */
  binding?: string | undefined;
  elapsedMs: number;
}

export interface CommandOptimizerDeps {
  api: DynoApi;
  now(): number;
}

type CommandHooks = Omit<OptimizerHooks, 'onTrial'> & { onTrial?(trial: CommandTrial): void };

const wallMs = (run: Completed): number => Date.parse(run.finishedAt) - Date.parse(run.startedAt);

function commandName(template: readonly string[]): string {
  const line = template.join(' ');
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

export async function optimizeCommand(deps: CommandOptimizerDeps, spec: CommandOptimizeSpec, resumeStudyId: string | undefined, hooks: CommandHooks = {}): Promise<CommandOptimizeOutcome> {
  const start = deps.now();
  const elapsed = (): number => deps.now() - start;
  const { api } = deps;
  const { goal, factors } = spec;
  const objective = COMMAND_OBJECTIVE_WORDS[goal.objective];
  const study = resumeStudyId
    ? (await api.call('studies.get', { studyId: resumeStudyId })).study
    : await api.call('studies.create', { kind: 'optimizer', name: `optimize ${commandName(spec.template)} for ${objective}`.slice(0, 200), spec: JSON.parse(JSON.stringify(spec)) as Record<string, never> });
  hooks.onStudy?.(study.id);
  const measured = new Map<string, Completed>();
  if (resumeStudyId) for (const r of (await api.call('studies.get', { studyId: study.id })).runs) if (r.status === 'completed' && r.config.label) measured.set(r.config.label, r);
  const ctx: CommandTrialContext = { studyId: study.id, base: spec.base, template: spec.template, factors, goal, baselineMetrics: {}, measured };
  const runs = new Map<string, Completed>();
  const trials: CommandTrial[] = [];
  const budget = new TrialBudget(goal.timeBudgetMs, elapsed, spec.rounds, spec.top, () => hooks.shouldStop?.() ?? false);
  const keyOf = (c: CommandCandidate): string => commandCandidateKey(factors, c);
  const measure = async (phase: string, candidate: CommandCandidate): Promise<CommandTrial> => {
    const t0 = deps.now();
    const trial = await runCommandTrial(api, ctx, phase, candidate, hooks.onRunStarted);
    if (!trial.reused) budget.measured(deps.now() - t0, phase === 'baseline');
    else if (trial.run) budget.measured(wallMs(trial.run), phase === 'baseline');
    if (trial.run) runs.set(trial.run.id, trial.run);
    trials.push(trial);
    hooks.onTrial?.(trial);
    return trial;
  };

  hooks.onPhase?.('baseline');
  const baseline = await measure('baseline', {});
  if (baseline.status !== 'completed' || !baseline.run) throw new OptimizerError(`The baseline could not be measured: ${(baseline.error ?? baseline.status).replace(/\.$/, '')}. Study ${study.id} keeps its run.`);
  const silent = goal.gates.filter((g) => baseline.metrics[g.metric] === undefined).map((g) => g.metric);
  if (silent.length > 0) {
    throw new OptimizerError(`The baseline never printed ${[...new Set(silent)].join(', ')}, which the gate reads: print {"dyno": {"${silent[0]}": …}} lines or give --metric ${silent[0]}='regex with (a group)'.`);
  }
  if (baseline.value === undefined) {
    if (goal.objective === 'energy') throw new OptimizerError('Energy per run is not measured on this machine (no RAPL counter or GPU power readings): choose --objective time, memory or time-to-target.');
    if (goal.objective === 'time-to-target') throw new OptimizerError(`Not every baseline run reached ${goal.target ?? 'the target'}: time to target needs a target the baseline reaches (lower it, or train longer).`);
    throw new OptimizerError(`The baseline gave no ${objective} figure.`);
  }
  ctx.baselineMetrics = baseline.metrics;
  if (!baseline.reused && 2 * elapsed() > goal.timeBudgetMs) {
    throw new OptimizerError(`The time budget is too short: the baseline alone took ${(elapsed() / 1000).toFixed(1)} s, so a search needs at least ${Math.ceil((2 * elapsed()) / 1000)} s (--time-budget ${Math.ceil((2 * elapsed()) / 1000)}s). Study ${study.id} keeps the baseline.`);
  }
  const baselineScore = baseline.score as number;
  const plans = factors.map((f) => ({ candidates: factorLevels(f).map((level): CommandCandidate => ({ [f.name]: level })) }));
  const { finalists, remeasured } = await searchFromBaseline({ plans, trials, baselineScore, keyOf, measure, budget, onPhase: hooks.onPhase, shouldStop: () => hooks.shouldStop?.() ?? false });

  const judge = commandJudge(api, goal, (id) => runs.get(id));
  const verdicts = await judge.singles(baseline.runId, trials.filter((t) => t.status === 'completed' && t.phase !== 'baseline' && !t.phase.startsWith('re-measure')).map((t) => t.runId));
  let recommended: CommandOptimizeOutcome['recommended'] = await pickRecommended(finalists, remeasured, judge.paired, (f) => verdicts.get(f.runId) ?? null);
  if (!recommended && isEligible(baseline)) {
    recommended = { trial: baseline, gain: { gain: 1, ciLow: null, ciHigh: null, evidence: 'baseline', sentence: 'No change beat the baseline: keep the command as it is.' }, remeasuredRunIds: [] };
  }
  let binding: string | undefined;
  if (!trials.some(isEligible)) {
    const closest = trials.find((t) => t.status === 'completed' && t.rejected);
    binding = closest ? `No candidate keeps the gates; ${closest.key}: ${closest.rejected ?? ''}.` : 'No candidate was measured successfully.';
  }

  const attribution: CommandAttribution[] = attributionOf<string, string, CommandTrial>(recommended, trials, verdicts, keyOf);
  return { studyId: study.id, spec, baseline, trials, verdicts, recommended, attribution, stopped: budget.stopped(study.id, 'dyno optimize-exec'), binding, elapsedMs: elapsed() };
}
