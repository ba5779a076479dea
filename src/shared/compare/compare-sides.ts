/**
 * Compares sides of runs with a baseline side, at the level of evidence the runs give:
 *
 * - **single runs** (a side of one run): one run is one observation of the machine, so the
 *   within-run interval (bootstrap of the ratio of medians over iterations) is widened by the
 *   machine's run-to-run band on both ends: [low ÷ (1 + band), high × (1 + band)]. A difference
 *   inside the band reads "inconclusive", never faster or slower;
 * - **repeated runs** (two or more runs a side): benchstat's approach, each run reduced to its
 *   figure (median, p99, throughput…), Mann-Whitney U over those per-run figures and a bootstrap
 *   interval of the ratio of their medians; not significant at 5 % is "~" (no meaningful
 *   difference when the interval sits inside the threshold, inconclusive otherwise), and sizes
 *   that can never reach p < 0.05 (3 against 3) are "not enough samples";
 * - **interleaved** (paired rounds A B A B …): one ratio per round, the geometric mean with a
 *   Student-t interval on the logarithms (t-tests.ts).
 *
 * The verdict then follows the interval and the practical threshold (verdict.ts).
 */
import { environmentDifferences } from '../telemetry';
import { conditionDifferences } from '../conditions';
import { meanOf } from '../stats';
import type { ComparableRun } from './comparable-run';
import { NotComparableError } from './comparable-run';
import { configDifferences } from './config-diff';
import { twoClusters, twoClustersMessage } from './bimodal-runs';
import { namedTwiceReason, runNamedTwice } from './named-twice';
import { mannWhitneyU } from './mann-whitney';
import { CONFIDENCE, compareMetric, METRICS, type Context } from './metric-verdict';
import { DEFAULT_RUN_TO_RUN, combinedRunToRun, setupKey, withRunDrift } from './run-to-run';
import { DEFAULT_THRESHOLD, type BimodalRuns, type Comparison, type EvidenceLevel, type RunComparison, type RunToRun } from './schema';
import { welchT } from './t-tests';

export { ALPHA, CONFIDENCE, MIN_SAMPLES_FOR_MEDIAN } from './metric-verdict';

export interface CompareSidesOptions {
  threshold?: number;
  /** The i-th runs of all sides were measured in the same interleaved round. */
  paired?: boolean;
  baselineIndex?: number;
  /** Run-to-run variation known for a side's configuration (from stored repeats); the default band otherwise. */
  runToRun?: (side: readonly ComparableRun[]) => RunToRun;
  studyId?: string;
}


function evidenceLevel(base: readonly ComparableRun[], side: readonly ComparableRun[], paired: boolean): EvidenceLevel {
  if (paired) {
    if (base.length !== side.length) throw new NotComparableError(`Interleaved sides need one run per round each: the baseline has ${base.length}, another side ${side.length}.`);
    return 'interleaved';
  }
  return base.length >= 2 && side.length >= 2 ? 'repeated-runs' : 'single-runs';
}

function sideWarnings(side: readonly ComparableRun[], name: string): string[] {
  const keys = new Set(side.map((r) => setupKey(r.config)));
  return keys.size > 1 ? [`${name} holds runs of different configurations: its runs are treated as repeats all the same.`] : [];
}

/** The side's runs split into two clusters of per-run medians, as the structured warning; undefined when they do not. */
function bimodalSide(side: readonly ComparableRun[], name: string): BimodalRuns | undefined {
  const split = twoClusters(side.map((r) => r.median.valueMs));
  return split ? { code: 'bimodal-runs', message: twoClustersMessage(name, split), side: name, runIds: side.map((r) => r.id), ...split } : undefined;
}

function compareSide(base: readonly ComparableRun[], side: readonly ComparableRun[], opts: Required<Pick<CompareSidesOptions, 'threshold' | 'paired'>> & CompareSidesOptions): RunComparison {
  const [b0] = base;
  const [s0] = side;
  if (!b0 || !s0) throw new NotComparableError('Every side needs at least one run.');
  const level = evidenceLevel(base, side, opts.paired);
  const band =
    level === 'single-runs' ? withRunDrift(combinedRunToRun(opts.runToRun?.(base) ?? DEFAULT_RUN_TO_RUN, opts.runToRun?.(side) ?? DEFAULT_RUN_TO_RUN), [...base, ...side]) : DEFAULT_RUN_TO_RUN;
  const ctx: Context = { level, threshold: opts.threshold, band, who: s0.label, baselineLabel: b0.label, within: new Map() };
  const metrics = METRICS.flatMap((def) => compareMetric(def, base, side, ctx) ?? []);
  const median = metrics.find((m) => m.metric === 'median');
  if (!median) throw new Error('the median is always compared');

  const single = level === 'single-runs' && base.length === 1 && side.length === 1;
  const bothSamples = single && b0.sortedLatenciesMs && s0.sortedLatenciesMs;
  const welchRaw = bothSamples ? welchT(b0.sortedLatenciesMs as Float64Array, s0.sortedLatenciesMs as Float64Array) : single ? null : welchT(base.map((r) => r.meanMs), side.map((r) => r.meanMs));
  const meanRatio = meanOf(side.map((r) => r.meanMs)) / meanOf(base.map((r) => r.meanMs));
  const within = ctx.within.get('median') ?? null;

  const fingerprintDifferences = b0.environment && s0.environment ? environmentDifferences(b0.environment, s0.environment) : [];
  const conditions = conditionDifferences(b0.conditions, s0.conditions).map((d) => d.message);
  const bimodal = bimodalSide(side, s0.label);
  const warnings = [
    ...(s0.modelName !== b0.modelName ? [`${s0.label} ran another model (${s0.modelName}) than the baseline (${b0.modelName}): the ratio compares models, not a change to one.`] : []),
    ...(fingerprintDifferences.length > 0 ? [`${s0.label} ran in a different environment than the baseline (${fingerprintDifferences.join('; ')}): the comparison may not be fair.`] : []),
    ...(!b0.environment || !s0.environment ? [`No environment was recorded for ${!b0.environment ? b0.label : s0.label}: a change of machine could not be checked.`] : []),
    ...(conditions.length > 0 ? [`${s0.label} was measured under other conditions than the baseline (${conditions.join('; ')}): the difference may be the conditions, not the change.`] : []),
    ...sideWarnings(side, s0.label),
    ...(bimodal ? [bimodal.message] : []),
  ];
  const { metric: _m, label: _l, unit: _u, lowerIsBetter: _b, baselineValue: _bv, value: _v, test: _t, ...headline } = median;
  return {
    runId: s0.id,
    runIds: side.map((r) => r.id),
    label: s0.label,
    modelName: s0.modelName,
    ...headline,
    welch: { meanRatio, pValue: welchRaw?.pValue ?? null, df: welchRaw?.df ?? null },
    metrics,
    evidence: {
      level,
      runs: side.length,
      baselineRuns: base.length,
      runToRun: level === 'single-runs' ? band : null,
      withinRunCiLow: within?.low ?? null,
      withinRunCiHigh: within?.high ?? null,
      iterationPValue: bothSamples ? mannWhitneyU(b0.sortedLatenciesMs as Float64Array, s0.sortedLatenciesMs as Float64Array, { sorted: true }).pValue : null,
      samples: side.reduce((n, r) => n + r.count, 0),
      baselineSamples: base.reduce((n, r) => n + r.count, 0),
    },
    configDiff: configDifferences(b0.config, s0.config),
    fingerprintDifferences,
    conditionDifferences: conditions,
    warnings,
    ...(bimodal ? { bimodal } : {}),
  };
}

const capitalised = (clause: string): string => `${clause.charAt(0).toUpperCase()}${clause.slice(1)}`;

/** Compares every side with the baseline side (the first unless `baselineIndex` says otherwise). */
export function compareSides(sides: readonly (readonly ComparableRun[])[], options: CompareSidesOptions = {}): Comparison {
  if (sides.length < 2) throw new NotComparableError('A comparison needs at least two sides.');
  const twice = runNamedTwice(sides.flatMap((s) => s.map((r) => r.id)));
  if (twice !== undefined) throw new NotComparableError(`${capitalised(namedTwiceReason(twice))}.`);
  const baselineIndex = options.baselineIndex ?? 0;
  const base = sides[baselineIndex];
  const [b0] = base ?? [];
  if (!base || !b0) throw new NotComparableError('The baseline side has no runs.');
  const opts = { ...options, threshold: options.threshold ?? DEFAULT_THRESHOLD, paired: options.paired ?? false };
  const others = sides.filter((_, i) => i !== baselineIndex);
  const runs = others.map((side) => compareSide(base, side, opts));
  const models = new Set(sides.flatMap((s) => s.map((r) => r.modelName)));
  const baselineBimodal = bimodalSide(base, b0.label);
  return {
    baseline: b0.id,
    baselineRunIds: base.map((r) => r.id),
    baselineLabel: b0.label,
    baselineModelName: b0.modelName,
    threshold: opts.threshold,
    confidence: CONFIDENCE,
    runs,
    warnings: [...(models.size > 1 ? [`These runs are of ${models.size} different models (${[...models].join(', ')}): compared as asked, with each difference a difference between models.`] : []), ...sideWarnings(base, b0.label), ...(baselineBimodal ? [baselineBimodal.message] : [])],
    ...(baselineBimodal ? { baselineBimodal } : {}),
    ...(options.studyId ? { studyId: options.studyId } : {}),
  };
}
