/**
 * The optimizer's decisions, pure: which trials keep the constraints, which single changes
 * helped (and so seed the combination), the greedy coordinate-descent step that grows the
 * combination one factor at a time, the candidates worth re-measuring, which constraint binds
 * when none is met, and whether the factors' gains add up (interaction).
 */
import type { OptimizerGoal } from './goal';
import type { Candidate, FactorId, Level } from './factors';
import type { Fidelity } from './fidelity-schema';

export type { Fidelity } from './fidelity-schema';

export interface TrialFigures {
  key: string;
  candidate: Candidate;
  runId: string;
  status: 'completed' | 'failed' | 'aborted' | 'interrupted';
  /** The objective's figure (ms, /s or mJ), undefined when the run could not give it. */
  value?: number | undefined;
  /** Lower is better (shared/optimizer/goal.ts scoreOf). */
  score?: number | undefined;
  budgetedLatencyMs?: number | undefined;
  peakRssBytes?: number | undefined;
  fidelity?: Fidelity | undefined;
  /** Why the trial cannot be recommended: a failure, the correctness gate or a constraint, with its numbers. */
  rejected?: string | undefined;
  error?: string | undefined;
}

export interface Violation {
  constraint: 'latency budget' | 'memory cap' | 'max output error' | 'max output error against the expected outputs' | 'min accuracy';
  value: number;
  limit: number;
  unit: string;
  /** A floor (the value must reach the limit) rather than a ceiling. */
  floor?: boolean;
}

/** How far a violation misses its limit, as a ratio ≥ 1 whichever way the limit points. */
const missRatio = (v: Violation): number => (v.floor ? v.limit / Math.max(v.value, Number.MIN_VALUE) : v.value / v.limit);

/** The constraints a measured trial breaks (the correctness gate included), with its numbers. */
export function violations(t: TrialFigures, goal: OptimizerGoal, baselineExpectedError = 0): Violation[] {
  const out: Violation[] = [];
  if (goal.latencyBudgetMs !== undefined && t.budgetedLatencyMs !== undefined && t.budgetedLatencyMs > goal.latencyBudgetMs) {
    out.push({ constraint: 'latency budget', value: t.budgetedLatencyMs, limit: goal.latencyBudgetMs, unit: 'ms' });
  }
  if (goal.memoryCapBytes !== undefined && t.peakRssBytes !== undefined && t.peakRssBytes > goal.memoryCapBytes) {
    out.push({ constraint: 'memory cap', value: t.peakRssBytes, limit: goal.memoryCapBytes, unit: 'B' });
  }
  if (t.fidelity && t.fidelity.maxAbsError > goal.maxError) out.push({ constraint: 'max output error', value: t.fidelity.maxAbsError, limit: goal.maxError, unit: '' });
  // Against expected outputs the baseline itself differs a little; a candidate may not differ more than both.
  const vsExpected = t.fidelity?.vsExpected;
  const expectedLimit = Math.max(goal.maxError, baselineExpectedError);
  if (vsExpected && vsExpected.maxAbsError > expectedLimit) out.push({ constraint: 'max output error against the expected outputs', value: vsExpected.maxAbsError, limit: expectedLimit, unit: '' });
  // Accuracy unmeasurable (outputs without a class axis) cannot show the floor is kept: 0, said as such.
  const accuracy = t.fidelity?.accuracy;
  if (goal.minAccuracy !== undefined && accuracy !== undefined && (accuracy ?? 0) < goal.minAccuracy) {
    out.push({ constraint: 'min accuracy', value: accuracy ?? 0, limit: goal.minAccuracy, unit: '%', floor: true });
  }
  return out;
}

function formatFigure(v: Violation, x: number): string {
  if (v.unit === '%') return `${(x * 100).toFixed(1)} %`;
  if (v.unit === 'B') return `${(x / 2 ** 20).toFixed(1)} MiB`;
  if (v.unit === 'ms') return `${x.toPrecision(4)} ms`;
  return `${x.toExponential(2)}${v.unit}`;
}

export function describeViolation(v: Violation): string {
  if (v.floor) {
    const under = v.limit - v.value;
    return `${v.constraint}: ${formatFigure(v, v.value)} is under the minimum ${formatFigure(v, v.limit)} by ${v.unit === '%' ? `${(under * 100).toFixed(1)} points` : formatFigure(v, under)}`;
  }
  const over = v.value - v.limit;
  return `${v.constraint}: ${formatFigure(v, v.value)} is over the limit ${formatFigure(v, v.limit)} by ${formatFigure(v, over)} (${((over / v.limit) * 100).toFixed(1)} %)`;
}

/** What the search needs of a trial, whatever the workload (a model's factors or a command's). */
type Scored = Pick<TrialFigures, 'status' | 'score' | 'rejected'>;

/** Measured, scored and within every constraint. */
export function isEligible(t: Scored): boolean {
  return t.status === 'completed' && t.score !== undefined && t.rejected === undefined;
}

/**
 * The seed of the combination: per factor, its best single level that beat the baseline and was
 * not rejected, best first (largest gain alone).
 */
export function helpfulSingles<F extends string = FactorId, L = Level>(singles: readonly (Scored & { candidate: Partial<Record<F, L>> })[], baselineScore: number): { factor: F; level: L; score: number }[] {
  const best = new Map<F, { factor: F; level: L; score: number }>();
  for (const t of singles) {
    if (!isEligible(t) || (t.score as number) >= baselineScore) continue;
    const [entry] = Object.entries(t.candidate) as [F, L][];
    if (!entry || Object.keys(t.candidate).length !== 1) continue;
    const [factor, level] = entry;
    const prev = best.get(factor);
    if (!prev || (t.score as number) < prev.score) best.set(factor, { factor, level, score: t.score as number });
  }
  return [...best.values()].sort((a, b) => a.score - b.score);
}

/**
 * The candidates to re-measure: the best eligible ones that beat the baseline when measured
 * (score under the baseline's), distinct, best first. A candidate that lost is not re-measured:
 * the rounds it would cost are better spent on levels not tried yet, and a loser re-measured
 * could only win by luck.
 */
export function topCandidates<T extends Scored & { key: string }>(trials: readonly T[], k: number, baselineScore: number): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  if (k <= 0) return out;
  for (const t of [...trials].filter(isEligible).sort((a, b) => (a.score as number) - (b.score as number))) {
    if ((t.score as number) >= baselineScore) break;
    if (t.key === 'baseline' || seen.has(t.key)) continue;
    seen.add(t.key);
    out.push(t);
    if (out.length === k) break;
  }
  return out;
}

/**
 * When no candidate keeps the constraints: for each constraint that some trial broke, the trial
 * that came closest to meeting it (how far over it still is). The one whose closest miss is the
 * largest is the binding one: relaxing it by that much is the least that could yield a candidate.
 */
export function bindingConstraint(trials: readonly TrialFigures[], goal: OptimizerGoal, baselineExpectedError = 0): { violation: Violation; key: string } | undefined {
  const closest = new Map<string, { violation: Violation; key: string }>();
  for (const t of trials) {
    if (t.status !== 'completed') continue;
    for (const v of violations(t, goal, baselineExpectedError)) {
      const prev = closest.get(v.constraint);
      if (!prev || missRatio(v) < missRatio(prev.violation)) closest.set(v.constraint, { violation: v, key: t.key });
    }
  }
  return [...closest.values()].sort((a, b) => missRatio(b.violation) - missRatio(a.violation))[0];
}

export interface Gain {
  /** How many times better than the baseline (> 1 is better), for the objective. */
  gain: number;
  ciLow: number | null;
  ciHigh: number | null;
}

/**
 * Whether the factors' gains alone fail to explain the combination's: their product (what
 * independent effects would give) lies outside the combination's own interval.
 */
export function interacts(alone: readonly Gain[], combined: Gain): { predicted: number; interaction: boolean } {
  const predicted = alone.reduce((p, g) => p * g.gain, 1);
  if (combined.ciLow === null || combined.ciHigh === null) return { predicted, interaction: false };
  return { predicted, interaction: predicted < combined.ciLow || predicted > combined.ciHigh };
}
