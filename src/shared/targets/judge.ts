/**
 * Judges targets on a run's exported figures (the versioned run JSON every front end and report
 * reads). A target passes when the figure's whole 95 % interval is on its side of the limit,
 * fails when the whole interval is beyond it, and otherwise has "not enough samples": more
 * iterations would narrow the interval until it decides.
 *
 * Intervals: p50, p90, p99 their order-statistic intervals (absent, so not enough samples,
 * until n can bound them or LoadGen's count supports the percentile); throughput the interval
 * of back-to-back throughput ∝ 1/mean latency, from the mean's normal 95 % interval
 * (mean ± 1.96·σ/√n); energy per inference and peak memory are single measurements with no
 * interval, judged as measured (and not enough samples when the run did not measure them).
 */
import type { RunJson } from '../run-json';
import type { Target, TargetResult } from './schema';
import { formatNumber } from '../format';

interface Figure {
  value: number | null;
  low: number | null;
  high: number | null;
  unit: string;
  /** Why the figure has no interval, when it has none. */
  missing?: string;
}

function figureOf(run: RunJson, t: Target): Figure {
  const s = run.stats;
  if (!s) return { value: null, low: null, high: null, unit: '', missing: 'the run has no statistics' };
  switch (t.metric) {
    case 'p50':
      return { value: s.p50_ms, low: s.median_ci_low_ms, high: s.median_ci_high_ms, unit: 'ms' };
    case 'p90':
      return s.p90_supported ? { value: s.p90_ms, low: s.p90_ci_low_ms, high: s.p90_ci_high_ms, unit: 'ms' } : { value: s.p90_ms, low: null, high: null, unit: 'ms', missing: `p90 needs more iterations than ${s.count}` };
    case 'p99':
      return s.p99_supported ? { value: s.p99_ms, low: s.p99_ci_low_ms, high: s.p99_ci_high_ms, unit: 'ms' } : { value: s.p99_ms, low: null, high: null, unit: 'ms', missing: `p99 needs more iterations than ${s.count} (LoadGen: 662)` };
    case 'throughput': {
      if (s.count < 2 || s.mean_ms <= 0) return { value: s.throughput_per_s, low: null, high: null, unit: '/s', missing: 'two iterations at least are needed' };
      const half = (1.96 * s.std_ms) / Math.sqrt(s.count);
      const lowMean = s.mean_ms - half;
      return { value: s.throughput_per_s, low: (s.throughput_per_s * s.mean_ms) / (s.mean_ms + half), high: lowMean > 0 ? (s.throughput_per_s * s.mean_ms) / lowMean : Number.POSITIVE_INFINITY, unit: '/s' };
    }
    case 'energy': {
      const e = run.energy?.perInference_mj ?? null;
      return e === null ? { value: null, low: null, high: null, unit: 'mJ', missing: run.energy?.reason ?? 'the run measured no energy' } : { value: e, low: e, high: e, unit: 'mJ' };
    }
    case 'memory': {
      const m = run.memory?.peakRss_bytes ?? null;
      return m === null ? { value: null, low: null, high: null, unit: 'B', missing: 'the run recorded no memory' } : { value: m, low: m, high: m, unit: 'B' };
    }
  }
}

const show = (v: number, unit: string): string => (unit === 'B' ? `${(v / 1024 ** 2).toFixed(1)} MiB` : `${formatNumber(v)} ${unit}`);

export function judgeTarget(run: RunJson, t: Target): TargetResult {
  const f = figureOf(run, t);
  const base = { ...t, value: f.value, ciLow: f.low, ciHigh: f.high };
  if (f.low === null || f.high === null || f.value === null) {
    return { ...base, outcome: 'not enough samples', sentence: `${t.text}: not enough samples (${f.missing ?? 'no 95 % interval yet: measure more iterations'})` };
  }
  const exact = f.low === f.high;
  const measured = exact ? show(f.value, f.unit) : `${show(f.value, f.unit)}, 95 % CI ${show(f.low, f.unit)}–${show(f.high, f.unit)}`;
  const within = t.op === '<=' ? f.high <= t.limit : f.low >= t.limit;
  const beyond = t.op === '<=' ? f.low > t.limit : f.high < t.limit;
  const outcome = within ? 'pass' : beyond ? 'fail' : 'not enough samples';
  const tail = outcome === 'not enough samples' ? ': the interval straddles the limit; measure more iterations' : '';
  return { ...base, outcome, sentence: `${t.text}: ${outcome} (${measured})${tail}` };
}

export function judgeTargets(run: RunJson, targets: readonly Target[]): TargetResult[] {
  return targets.map((t) => judgeTarget(run, t));
}

/**
 * The run's JSON with these targets judged besides the ones it carries (a report's or a
 * comparison's targets); a target it already carries is judged once, here.
 */
export function withTargets(run: RunJson, targets: readonly Target[]): RunJson {
  if (targets.length === 0) return run;
  const texts = new Set(targets.map((t) => t.text));
  return { ...run, targets: [...(run.targets ?? []).filter((t) => !texts.has(t.text)), ...judgeTargets(run, targets)] };
}
