/**
 * The Server scenario's verdict in one line: the figure it judged (LoadGen's early-stopping
 * estimate, which is what LoadGen itself judges) beside the interpolated percentile, the offered
 * and achieved load, and — when it failed — why, in words.
 */
import type { ServerVerdict } from '../../../shared/run-results';
import { formatMs } from '../../../shared/format';

const WHY: Record<NonNullable<ServerVerdict['outcome']>, (v: ServerVerdict) => string> = {
  pass: () => '',
  'over-budget': (v) => `: ${v.overBudget ?? '?'} queries over budget`,
  'too-few-queries': (v) => `: too few queries to claim the percentile${v.queriesNeeded ? ` (${v.queriesNeeded} more within budget needed)` : ''}`,
  'did-not-keep-up': () => ': did not keep up with the offered load',
};

export function ServerVerdictLine({ verdict: v }: { verdict: ServerVerdict }) {
  const p = `p${Math.round(v.percentile * 1000) / 10}`;
  // Says when the percentile has too few queries behind it, instead of printing a bare dash.
  const judged =
    v.judgedBy === 'interpolated'
      ? `${p} ${formatMs(v.percentileMs)} (interpolated: this run was stored before Dyno judged by LoadGen's early-stopping estimate, so no sample count backs it)`
      : v.earlyStoppingMs === null
        ? `${p} not supported: too few queries for LoadGen's early-stopping estimate at 99% confidence (interpolated ${formatMs(v.percentileMs)}, not a backed figure)`
        : `${p} ${formatMs(v.earlyStoppingMs)} (LoadGen early-stopping estimate; interpolated ${formatMs(v.percentileMs)})`;
  return (
    <div className={`verdict ${v.passed ? 'pass' : 'fail'}`} data-testid="server-verdict">
      Server: {judged} against a {formatMs(v.latencyBudgetMs)} budget at {v.achievedQps.toFixed(1)} of {v.targetQps} QPS — {v.passed ? 'PASS' : 'FAIL'}
      {v.outcome ? WHY[v.outcome](v) : ''}
    </div>
  );
}
