/**
 * One figure (median, throughput, p90, p99, energy per inference) of one side against the
 * baseline side, judged at the side's level of evidence; see compare-sides.ts for the levels.
 */
import { quantileSorted, sortedCopy } from '../stats';
import { bootstrapQuantileRatio, type RatioInterval } from './bootstrap';
import type { ComparableRun } from './comparable-run';
import { mannWhitneyU, smallestExactPValue } from './mann-whitney';
import type { EvidenceLevel, MetricComparison, MetricKey, RunToRun } from './schema';
import { MIN_ROUNDS_FOR_AN_INTERVAL, MIN_ROUNDS_TO_DECIDE, pairedRatioInterval } from './t-tests';
import { bandSource } from './run-to-run';
import { judgeInterval, ratioSentence } from './verdict';

export const ALPHA = 0.05;
export const CONFIDENCE = 0.95;
/** The fewest iterations whose median has a 95 % order-statistic interval. */
export const MIN_SAMPLES_FOR_MEDIAN = 6;

export interface MetricDef {
  key: MetricKey;
  label: string;
  unit: string;
  lowerIsBetter: boolean;
  /** The latency quantile behind the figure, for the within-run bootstrap; null for figures that are not one. */
  q: number | null;
  value(r: ComparableRun): number | null;
  ci?(r: ComparableRun): { lowMs: number; highMs: number } | null;
}

export const METRICS: readonly MetricDef[] = [
  { key: 'median', label: 'median latency', unit: 'ms', lowerIsBetter: true, q: 0.5, value: (r) => (r.count >= MIN_SAMPLES_FOR_MEDIAN ? r.median.valueMs : null), ci: (r) => r.median.ci },
  { key: 'throughput', label: 'throughput', unit: '/s', lowerIsBetter: false, q: null, value: (r) => (r.throughputPerS > 0 ? r.throughputPerS : null) },
  { key: 'p90', label: 'p90 latency', unit: 'ms', lowerIsBetter: true, q: 0.9, value: (r) => (r.p90?.supported ? r.p90.valueMs : null), ci: (r) => r.p90?.ci ?? null },
  { key: 'p99', label: 'p99 latency', unit: 'ms', lowerIsBetter: true, q: 0.99, value: (r) => (r.p99?.supported ? r.p99.valueMs : null), ci: (r) => r.p99?.ci ?? null },
  { key: 'energyPerInference', label: 'energy per inference', unit: 'mJ', lowerIsBetter: true, q: null, value: (r) => (r.energyPerInferenceMj !== null && r.energyPerInferenceMj > 0 ? r.energyPerInferenceMj : null) },
];

/** Why one interleaved round is not judged, in the rule's own numbers so the advice cannot drift from it. */
const NO_INTERVAL_REASON = `one round gives no interval: measure at least ${MIN_ROUNDS_FOR_AN_INTERVAL} rounds (${MIN_ROUNDS_TO_DECIDE} or more for one narrow enough to decide)`;

const medianOf = (values: readonly number[]): number => quantileSorted(sortedCopy(values), 0.5);
export const pct = (f: number): string => `${(f * 100).toFixed(f < 0.1 ? 1 : 0)} %`;

export interface Context {
  level: EvidenceLevel;
  threshold: number;
  band: RunToRun;
  who: string;
  baselineLabel: string;
  /** Within-run intervals of single-run sides, kept for the evidence. */
  within: Map<MetricKey, RatioInterval | null>;
}

export function withinRunInterval(def: MetricDef, base: ComparableRun, side: ComparableRun): RatioInterval | null {
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

/**
 * The figure as a level of evidence needs it. Interleaved rounds are judged by the spread of
 * their per-round ratios, not by each run's own interval, so there a run's point median counts
 * however few iterations it has (a command run often has 2 or 3).
 */
function valueAtLevel(def: MetricDef, level: EvidenceLevel): (r: ComparableRun) => number | null {
  if (level === 'interleaved' && def.key === 'median') return (r) => (r.count > 0 && r.median.valueMs > 0 ? r.median.valueMs : null);
  return def.value;
}

export function compareMetric(def: MetricDef, base: readonly ComparableRun[], side: readonly ComparableRun[], ctx: Context): MetricComparison | null {
  const figure = valueAtLevel(def, ctx.level);
  const bv = base.map(figure);
  const sv = side.map(figure);
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
    if (!paired) return entry(def, ctx, values, { ciLow: null, ciHigh: null, pValue: null, test: 'none', verdict: 'not enough samples', reason: NO_INTERVAL_REASON });
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
  const reason =
    verdict === 'inconclusive' ? `one run a side cannot tell this from run-to-run variation (±${pct(ctx.band.band)} ${bandSource(ctx.band)}): repeat the runs or use --rerun` : undefined;
  return entry(def, ctx, values, { ciLow: low, ciHigh: high, pValue: null, test: 'none', verdict, ...(reason ? { reason } : {}) });
}

