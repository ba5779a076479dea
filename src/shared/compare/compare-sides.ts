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
import { meanOf, quantileSorted, sortedCopy } from '../stats';
import { bootstrapQuantileRatio, type RatioInterval } from './bootstrap';
import type { ComparableRun } from './comparable-run';
import { NotComparableError } from './comparable-run';
import { configDifferences } from './config-diff';
import { mannWhitneyU, smallestExactPValue } from './mann-whitney';
import { DEFAULT_RUN_TO_RUN, combinedRunToRun, setupKey } from './run-to-run';
import { DEFAULT_THRESHOLD, type Comparison, type EvidenceLevel, type MetricComparison, type MetricKey, type RunComparison, type RunToRun } from './schema';
import { pairedRatioInterval, welchT } from './t-tests';
import { judgeInterval, ratioSentence } from './verdict';

export const ALPHA = 0.05;
export const CONFIDENCE = 0.95;
/** The fewest iterations whose median has a 95 % order-statistic interval. */
export const MIN_SAMPLES_FOR_MEDIAN = 6;

interface MetricDef {
  key: MetricKey;
  label: string;
  unit: string;
  lowerIsBetter: boolean;
  /** The latency quantile behind the figure, for the within-run bootstrap; null for figures that are not one. */
  q: number | null;
  value(r: ComparableRun): number | null;
  ci?(r: ComparableRun): { lowMs: number; highMs: number } | null;
}

const METRICS: readonly MetricDef[] = [
  { key: 'median', label: 'median latency', unit: 'ms', lowerIsBetter: true, q: 0.5, value: (r) => (r.count >= MIN_SAMPLES_FOR_MEDIAN ? r.median.valueMs : null), ci: (r) => r.median.ci },
  { key: 'throughput', label: 'throughput', unit: '/s', lowerIsBetter: false, q: null, value: (r) => (r.throughputPerS > 0 ? r.throughputPerS : null) },
  { key: 'p90', label: 'p90 latency', unit: 'ms', lowerIsBetter: true, q: 0.9, value: (r) => (r.p90?.supported ? r.p90.valueMs : null), ci: (r) => r.p90?.ci ?? null },
  { key: 'p99', label: 'p99 latency', unit: 'ms', lowerIsBetter: true, q: 0.99, value: (r) => (r.p99?.supported ? r.p99.valueMs : null), ci: (r) => r.p99?.ci ?? null },
  { key: 'energyPerInference', label: 'energy per inference', unit: 'mJ', lowerIsBetter: true, q: null, value: (r) => (r.energyPerInferenceMj !== null && r.energyPerInferenceMj > 0 ? r.energyPerInferenceMj : null) },
];

export interface CompareSidesOptions {
  threshold?: number;
  /** The i-th runs of all sides were measured in the same interleaved round. */
  paired?: boolean;
  baselineIndex?: number;
  /** Run-to-run variation known for a side's configuration (from stored repeats); the default band otherwise. */
  runToRun?: (side: readonly ComparableRun[]) => RunToRun;
  studyId?: string;
}

const medianOf = (values: readonly number[]): number => quantileSorted(sortedCopy(values), 0.5);
const pct = (f: number): string => `${(f * 100).toFixed(f < 0.1 ? 1 : 0)} %`;

interface Context {
  level: EvidenceLevel;
  threshold: number;
  band: RunToRun;
  who: string;
  baselineLabel: string;
  /** Within-run intervals of single-run sides, kept for the evidence. */
  within: Map<MetricKey, RatioInterval | null>;
}

function withinRunInterval(def: MetricDef, base: ComparableRun, side: ComparableRun): RatioInterval | null {
  if (def.q === null) return null;
  if (base.sortedLatenciesMs && side.sortedLatenciesMs) return bootstrapQuantileRatio(base.sortedLatenciesMs, side.sortedLatenciesMs, { q: def.q, confidence: CONFIDENCE });
  // From summaries (a run file has no samples): the extreme ratios of the two runs' own 95 %
  // intervals, a conservative interval of the ratio.
  const a = def.ci?.(base);
  const b = def.ci?.(side);
  const va = def.value(base);
  const vb = def.value(side);
  if (!a || !b || va === null || vb === null) return null;
  return { ratio: vb / va, low: b.lowMs / a.highMs, high: b.highMs / a.lowMs };
}

function entry(def: MetricDef, ctx: Context, values: { baselineValue: number; value: number; ratio: number }, judged: Omit<MetricComparison, 'metric' | 'label' | 'unit' | 'lowerIsBetter' | 'baselineValue' | 'value' | 'ratio' | 'sentence'>): MetricComparison {
  const said = ratioSentence(ctx.who, ctx.baselineLabel, def, values.ratio, judged.ciLow !== null && judged.ciHigh !== null ? { low: judged.ciLow, high: judged.ciHigh } : null);
  const sentence =
    judged.verdict === 'faster' || judged.verdict === 'slower'
      ? said
      : judged.verdict === 'no meaningful difference'
        ? `${said}: no meaningful difference (within ±${pct(ctx.threshold)})`
        : judged.verdict === 'inconclusive'
          ? `${said}: inconclusive, ${judged.reason ?? ''}`
          : `${ctx.who} against ${ctx.baselineLabel}, ${def.label}: not enough samples, ${judged.reason ?? ''}`;
  return { metric: def.key, label: def.label, unit: def.unit, lowerIsBetter: def.lowerIsBetter, ...values, ...judged, sentence };
}

function compareMetric(def: MetricDef, base: readonly ComparableRun[], side: readonly ComparableRun[], ctx: Context): MetricComparison | null {
  const bv = base.map(def.value);
  const sv = side.map(def.value);
  const complete = (v: (number | null)[]): v is number[] => v.every((x) => x !== null);
  if (!complete(bv) || !complete(sv)) {
    if (def.key !== 'median') return null; // other figures appear only where every run supports them
    const values = { baselineValue: base[0]?.median.valueMs ?? Number.NaN, value: side[0]?.median.valueMs ?? Number.NaN, ratio: Number.NaN };
    values.ratio = values.value / values.baselineValue;
    const reason = `a run with fewer than ${MIN_SAMPLES_FOR_MEDIAN} measured iterations has no median interval`;
    return entry(def, ctx, values, { ciLow: null, ciHigh: null, pValue: null, test: 'none', verdict: 'not enough samples', reason });
  }
  const baselineValue = medianOf(bv);
  const value = medianOf(sv);
  const values = { baselineValue, value, ratio: value / baselineValue };
  const t = ctx.threshold;

  if (ctx.level === 'interleaved') {
    const paired = pairedRatioInterval(sv.map((v, i) => v / (bv[i] as number)), CONFIDENCE);
    if (!paired) return entry(def, ctx, values, { ciLow: null, ciHigh: null, pValue: null, test: 'none', verdict: 'not enough samples', reason: 'one round gives no interval: measure at least 2 rounds (5 or more for a tight one)' });
    const verdict = judgeInterval(paired.low, paired.high, t, def.lowerIsBetter);
    const reason = verdict === 'inconclusive' ? `the interval over ${paired.rounds} rounds straddles the ±${pct(t)} threshold: add rounds` : undefined;
    return entry(def, ctx, { ...values, ratio: paired.ratio }, { ciLow: paired.low, ciHigh: paired.high, pValue: paired.pValue, test: 'paired-t-log-ratio', verdict, ...(reason ? { reason } : {}) });
  }

  if (ctx.level === 'repeated-runs') {
    const mw = mannWhitneyU(bv, sv);
    const ci = bootstrapQuantileRatio(sortedCopy(bv), sortedCopy(sv), { confidence: CONFIDENCE });
    const common = { ciLow: ci?.low ?? null, ciHigh: ci?.high ?? null, pValue: mw.pValue, test: 'mann-whitney-u' as const };
    const best = smallestExactPValue(bv.length, sv.length);
    if (best >= ALPHA || !ci) {
      const reason = `${side.length} runs against ${base.length} can never reach p < ${ALPHA} (the best is p = ${best.toFixed(3)}): measure at least 4 runs a side`;
      return entry(def, ctx, values, { ...common, verdict: 'not enough samples', reason });
    }
    const byInterval = judgeInterval(ci.low, ci.high, t, def.lowerIsBetter);
    if (mw.pValue >= ALPHA && byInterval !== 'no meaningful difference') {
      // benchstat's "~": the per-run figures do not differ significantly.
      return entry(def, ctx, values, { ...common, verdict: 'inconclusive', reason: `not significant (p = ${mw.pValue.toFixed(3)}, Mann-Whitney U over ${side.length} + ${base.length} per-run figures)` });
    }
    const reason = byInterval === 'inconclusive' ? `the interval straddles the ±${pct(t)} threshold` : undefined;
    return entry(def, ctx, values, { ...common, verdict: byInterval, ...(reason ? { reason } : {}) });
  }

  // Single runs: the within-run interval, widened by the run-to-run band.
  const [b0] = base;
  const [s0] = side;
  const within = base.length === 1 && side.length === 1 && b0 && s0 ? withinRunInterval(def, b0, s0) : null;
  ctx.within.set(def.key, within);
  const grow = 1 + ctx.band.band;
  const low = (within?.low ?? values.ratio) / grow;
  const high = (within?.high ?? values.ratio) * grow;
  const verdict = judgeInterval(low, high, t, def.lowerIsBetter);
  const source = ctx.band.source === 'default' ? 'by default' : `from ${ctx.band.runs} stored runs`;
  const reason =
    verdict === 'inconclusive' ? `one run a side cannot tell this from run-to-run variation (±${pct(ctx.band.band)} ${source}): repeat the runs or use --rerun` : undefined;
  return entry(def, ctx, values, { ciLow: low, ciHigh: high, pValue: null, test: 'none', verdict, ...(reason ? { reason } : {}) });
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

function compareSide(base: readonly ComparableRun[], side: readonly ComparableRun[], opts: Required<Pick<CompareSidesOptions, 'threshold' | 'paired'>> & CompareSidesOptions): RunComparison {
  const [b0] = base;
  const [s0] = side;
  if (!b0 || !s0) throw new NotComparableError('Every side needs at least one run.');
  const level = evidenceLevel(base, side, opts.paired);
  const band = level === 'single-runs' ? combinedRunToRun(opts.runToRun?.(base) ?? DEFAULT_RUN_TO_RUN, opts.runToRun?.(side) ?? DEFAULT_RUN_TO_RUN) : DEFAULT_RUN_TO_RUN;
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
  const warnings = [
    ...(s0.modelName !== b0.modelName ? [`${s0.label} ran another model (${s0.modelName}) than the baseline (${b0.modelName}): the ratio compares models, not a change to one.`] : []),
    ...(fingerprintDifferences.length > 0 ? [`${s0.label} ran in a different environment than the baseline (${fingerprintDifferences.join('; ')}): the comparison may not be fair.`] : []),
    ...(!b0.environment || !s0.environment ? [`No environment was recorded for ${!b0.environment ? b0.label : s0.label}: a change of machine could not be checked.`] : []),
    ...sideWarnings(side, s0.label),
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
      iterationPValue: bothSamples ? mannWhitneyU(b0.sortedLatenciesMs as Float64Array, s0.sortedLatenciesMs as Float64Array).pValue : null,
      samples: side.reduce((n, r) => n + r.count, 0),
      baselineSamples: base.reduce((n, r) => n + r.count, 0),
    },
    configDiff: configDifferences(b0.config, s0.config),
    fingerprintDifferences,
    warnings,
  };
}

/** Compares every side with the baseline side (the first unless `baselineIndex` says otherwise). */
export function compareSides(sides: readonly (readonly ComparableRun[])[], options: CompareSidesOptions = {}): Comparison {
  if (sides.length < 2) throw new NotComparableError('A comparison needs at least two sides.');
  const baselineIndex = options.baselineIndex ?? 0;
  const base = sides[baselineIndex];
  const [b0] = base ?? [];
  if (!base || !b0) throw new NotComparableError('The baseline side has no runs.');
  const opts = { ...options, threshold: options.threshold ?? DEFAULT_THRESHOLD, paired: options.paired ?? false };
  const others = sides.filter((_, i) => i !== baselineIndex);
  const runs = others.map((side) => compareSide(base, side, opts));
  const models = new Set(sides.flatMap((s) => s.map((r) => r.modelName)));
  return {
    baseline: b0.id,
    baselineRunIds: base.map((r) => r.id),
    baselineLabel: b0.label,
    baselineModelName: b0.modelName,
    threshold: opts.threshold,
    confidence: CONFIDENCE,
    runs,
    warnings: [...(models.size > 1 ? [`These runs are of ${models.size} different models (${[...models].join(', ')}): compared as asked, with each difference a difference between models.`] : []), ...sideWarnings(base, b0.label)],
    ...(options.studyId ? { studyId: options.studyId } : {}),
  };
}
