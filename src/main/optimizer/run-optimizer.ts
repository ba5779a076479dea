/**
 * The optimizer's search, over the studio's API: baseline (ONNX Runtime's defaults) → one change
 * at a time from the factor registry → a greedy coordinate descent seeded by the changes that
 * helped alone → the best candidates re-measured in interleaved rounds against the baseline →
 * verdicts with intervals from the comparison engine and each factor's share of the gain.
 *
 * Every trial is a real run in one `optimizer` study. The search is deterministic given its
 * trials' results, so `resume` replays it: trials already measured (found by label) are reused,
 * the rest are measured. The time budget is checked before each trial, keeping back what the
 * re-measurement needs; when it runs out the search stops and says so.
 */
import { formatDuration } from '../../shared/format';
import { join } from 'node:path';
import type { RunConfig } from '../../shared/run';
import { FACTORS, candidateKey, type Candidate, type FactorContext, type FactorId, type Level } from '../../shared/optimizer/factors';
import { OBJECTIVE_WORDS, type OptimizerGoal } from '../../shared/optimizer/goal';
import { bindingConstraint, describeViolation, isEligible, violations, type Gain } from '../../shared/optimizer/search';
import { attributionOf, closestToBaseline, judgeFinalists, pickFrom, searchFromBaseline, TrialBudget, untilTwoLose, type Attribution, type SinglePlan, type Stopped } from './search-phases';
import { keepDefaultsSentence } from '../../shared/optimizer/report-words';
import { batchPlan, type BatchPoint } from './batch-plan';
import { runTrial, type Completed, type Trial, type TrialContext, type TrialDeps } from './trials';
import { pairedVerdict, singleVerdicts, type Verdict } from './verdicts';

export interface OptimizeSpec {
  version: 1;
  model: string;
  goal: OptimizerGoal;
  /** The baseline's configuration: ONNX Runtime's defaults with the trial stop rule and the inputs. */
  base: RunConfig;
  /** A test_data_set folder whose expected outputs the candidates are checked against. */
  expectedDir?: string | undefined;
  /** Interleaved rounds of the re-measurement, and how many candidates it re-measures. */
  rounds: number;
  top: number;
  /** Only these factors are searched (all when absent); the others are listed as skipped. */
  factors?: FactorId[] | undefined;
}

export interface OptimizerDeps extends TrialDeps {
  /** Where studies keep their reference outputs, gate figures and transformed models. */
  artifactsDir: string;
  now(): number;
}

export interface OptimizerHooks {
  onStudy?(studyId: string): void;
  onPhase?(phase: string): void;
  onTrial?(trial: Trial): void;
  /** A factor that cannot apply here (or was not asked for), with the reason. */
  onSkipped?(factor: FactorId, reason: string): void;
  onRunStarted?(runId: string): void;
  shouldStop?(): boolean;
}

export type AttributionEntry = Attribution<FactorId, Level>;

export interface OptimizeOutcome {
  studyId: string;
  spec: OptimizeSpec;
  baseline: Trial;
  trials: Trial[];
  verdicts: Map<string, Verdict | null>;
  skipped: { factor: FactorId; reason: string }[];
  batchCurve: BatchPoint[];
  recommended: { trial: Trial; gain: Gain & { evidence: string; sentence?: string }; remeasuredRunIds: string[] } | null;
  /** When the baseline stands: the candidate that came closest to beating it, with its gain as it last held and the paired rounds it rests on (1: one run). */
  closest: { trial: Trial; gain: Verdict; rounds: number } | null;
  attribution: AttributionEntry[];
  /** Why the search ended: all phases done, or the time budget (with what was left out). */
  stopped: Stopped;
  /** When no candidate keeps the constraints: which constraint binds, and by how much. */
  binding?: string | undefined;
  elapsedMs: number;
}

export class OptimizerError extends Error {}

/** The closest's gain as the outputs say it, with what it rests on: its paired rounds, or one run's measured iterations. */
export function closestFigures(c: NonNullable<OptimizeOutcome['closest']>): { gain: number; ciLow: number | null; ciHigh: number | null; evidence: string; rounds: number; iterations: number | null } {
  return { gain: c.gain.gain, ciLow: c.gain.ciLow, ciHigh: c.gain.ciHigh, evidence: c.gain.evidence, rounds: c.rounds, iterations: c.rounds >= 2 ? null : (c.trial.run?.stats.count ?? null) };
}

/** A little over one trial: session creation, warm-up and the gate's extra inference. */
const OVERHEAD_MS = 1_500;

export function minimumBudgetMs(base: RunConfig): number {
  return 2 * (base.stop.minDurationMs + OVERHEAD_MS);
}

function wallMs(run: Completed): number {
  return Date.parse(run.finishedAt) - Date.parse(run.startedAt);
}

export async function optimize(deps: OptimizerDeps, asked: OptimizeSpec, resumeStudyId: string | undefined, hooks: OptimizerHooks = {}): Promise<OptimizeOutcome> {
  let spec = asked;
  const start = deps.now();
  const elapsed = (): number => deps.now() - start;
  const { goal } = spec;
  const need = minimumBudgetMs(spec.base);
  if (goal.timeBudgetMs < need) {
    throw new OptimizerError(`The time budget (${formatDuration(goal.timeBudgetMs)}) is too short for the baseline and one trial: the minimum is ${Math.ceil(need / 1000)} s at ${spec.base.stop.minDurationMs / 1000} s a trial (--time-budget ${Math.ceil(need / 1000)}s, or a shorter --trial-duration).`);
  }
  const { api } = deps;
  const info = await api.call('app.info', {});
  const model = await api.call('models.inspect', { path: spec.base.modelPath });
  const dynamicBatch = model.inputs.some((i) => typeof i.shape[0] === 'string');
  // The baseline feeds one sample per request where the batch is left open (ORT's default use).
  if (dynamicBatch && spec.base.batchSize === undefined && spec.base.inputs.kind !== 'files') spec = { ...spec, base: { ...spec.base, batchSize: 1 } };
  const { base } = spec;

  const study = resumeStudyId
    ? (await api.call('studies.get', { studyId: resumeStudyId })).study
    : await api.call('studies.create', { kind: 'optimizer', name: `optimize ${model.path.split('/').at(-1) ?? model.path} for ${OBJECTIVE_WORDS[goal.objective]}`, spec: JSON.parse(JSON.stringify(spec)) as Record<string, never> });
  hooks.onStudy?.(study.id);
  const measured = new Map<string, Completed>();
  if (resumeStudyId) {
    for (const r of (await api.call('studies.get', { studyId: study.id })).runs) if (r.status === 'completed' && r.config.label) measured.set(r.config.label, r);
  }
  const ctx: TrialContext = { studyId: study.id, studyDir: join(deps.artifactsDir, 'optimizer', study.id), base, goal, expectedDir: spec.expectedDir, measured, baselineExpectedError: 0 };
  const trials: Trial[] = [];
  const budget = new TrialBudget(goal.timeBudgetMs, elapsed, spec.rounds, spec.top, () => hooks.shouldStop?.() ?? false);
  const measure = async (phase: string, candidate: Candidate): Promise<Trial> => {
    const t0 = deps.now();
    const trial = await runTrial(deps, ctx, phase, candidate, hooks.onRunStarted);
    if (!trial.reused) budget.measured(deps.now() - t0, phase === 'baseline');
    else if (trial.run) budget.measured(wallMs(trial.run) + OVERHEAD_MS, phase === 'baseline');
    trials.push(trial);
    hooks.onTrial?.(trial);
    return trial;
  };

  hooks.onPhase?.('baseline');
  let baseline = await measure('baseline', {});
  const baselineRun = baseline.run;
  if (baseline.status !== 'completed' || !baselineRun) throw new OptimizerError(`The baseline could not be measured: ${(baseline.error ?? baseline.status).replace(/\.$/, '')}. Study ${study.id} keeps what was measured.`);
  if (baseline.value === undefined) {
    if (goal.objective === 'energy') throw new OptimizerError('Energy per inference is not measured on this machine (no RAPL counter or GPU power readings): choose --objective latency, p99 or throughput.');
    throw new OptimizerError(`The baseline gave no ${OBJECTIVE_WORDS[goal.objective]} figure (${goal.objective === 'p99' ? 'too few iterations for a p99' : 'no measured iterations'}).`);
  }
  // Against expected outputs the baseline sets the bar: re-judge it with its own error known.
  ctx.baselineExpectedError = baseline.fidelity?.vsExpected?.maxAbsError ?? 0;
  const baselineBroken = violations(baseline, goal, ctx.baselineExpectedError);
  baseline = { ...baseline, rejected: baselineBroken.length > 0 ? baselineBroken.map(describeViolation).join('; ') : undefined };
  trials[0] = baseline;
  if (!baseline.reused && 2 * elapsed() > goal.timeBudgetMs) {
    throw new OptimizerError(`The time budget is too short: the baseline alone took ${(elapsed() / 1000).toFixed(1)} s, so a search needs at least ${Math.ceil((2 * elapsed()) / 1000)} s (--time-budget ${Math.ceil((2 * elapsed()) / 1000)}s). Study ${study.id} keeps the baseline.`);
  }
  const baselineScore = baseline.score as number;

  const fctx: FactorContext = {
    providers: info.executionProviders,
    logicalCores: info.logicalCores,
    objective: goal.objective,
    dynamicBatch,
    inputsFromFiles: base.inputs.kind === 'files',
    transformAvailable: deps.transform !== undefined,
  };
  const skipped: OptimizeOutcome['skipped'] = [];
  const batchCurve: OptimizeOutcome['batchCurve'] = [];
  const plans: SinglePlan<Candidate, Trial>[] = [];
  for (const factor of FACTORS) {
    const plan = spec.factors && !spec.factors.includes(factor.id) ? { skip: 'not asked for (--factors)' } : factor.levels(fctx);
    if ('skip' in plan) {
      skipped.push({ factor: factor.id, reason: plan.skip });
      hooks.onSkipped?.(factor.id, plan.skip);
      continue;
    }
    const candidates = plan.levels.map((level): Candidate => ({ [factor.id]: level }));
    if (factor.id !== 'batch') {
      plans.push(factor.ordered ? { candidates, goOn: untilTwoLose<Trial>(baselineScore) } : { candidates });
      continue;
    }
    // Batch is adaptive: grow it while it keeps the latency budget and throughput still rises.
    plans.push(
      batchPlan<Trial>({
        levels: plan.levels.map(Number),
        baselineThroughput: baselineRun.stats.throughputPerS,
        curve: batchCurve,
        read: (t) => ({
          batch: Number(t.candidate.batch),
          throughputPerS: t.run?.stats.throughputPerS,
          latencyMs: t.budgetedLatencyMs,
          withinBudget: t.status === 'completed' && !(goal.latencyBudgetMs !== undefined && (t.budgetedLatencyMs ?? Infinity) > goal.latencyBudgetMs),
          runId: t.runId,
        }),
      }),
    );
  }

  const shouldStop = (): boolean => hooks.shouldStop?.() ?? false;
  const { finalists, remeasured } = await searchFromBaseline({ plans, trials, baselineScore, keyOf: candidateKey, measure, budget, onPhase: hooks.onPhase, shouldStop });

  // Verdicts: every measured trial against the baseline (single runs), the finalists paired over their rounds.
  const verdicts = await singleVerdicts(api, baseline.runId, trials.filter((t) => t.status === 'completed' && t.phase !== 'baseline' && !t.phase.startsWith('re-measure')).map((t) => t.runId), goal.objective);
  const singleOf = (t: Trial): Verdict | null => verdicts.get(t.runId) ?? null;
  const judged = await judgeFinalists(finalists, remeasured, (b, c) => pairedVerdict(api, b, c, goal.objective), singleOf);
  let recommended: OptimizeOutcome['recommended'] = pickFrom(judged);
  let closest: OptimizeOutcome['closest'] = null;
  if (!recommended && isEligible(baseline)) {
    closest = closestToBaseline(judged, trials, singleOf);
    recommended = { trial: baseline, gain: { gain: 1, ciLow: null, ciHigh: null, evidence: 'baseline', sentence: keepDefaultsSentence("ONNX Runtime's defaults", closest && { candidate: closest.trial.key, ...closestFigures(closest) }, OBJECTIVE_WORDS[goal.objective]) }, remeasuredRunIds: [] };
  }
  const eligible = trials.filter(isEligible);
  let binding: string | undefined;
  if (eligible.length === 0) {
    const b = bindingConstraint(trials, goal, ctx.baselineExpectedError);
    binding = b ? `No candidate meets the constraints; the binding one is the ${describeViolation(b.violation)} (closest: ${b.key}).` : 'No candidate was measured successfully.';
  }

  const attribution: AttributionEntry[] = attributionOf<FactorId, Level, Trial>(recommended, trials, verdicts, candidateKey);

  const stopped = budget.stopped(study.id, 'dyno optimize');
  return { studyId: study.id, spec, baseline, trials, verdicts, skipped, batchCurve, recommended, closest, attribution, stopped, binding, elapsedMs: elapsed() };
}
