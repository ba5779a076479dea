/**
 * The Server scenario's verdict, judged as MLPerf LoadGen judges latency-bound runs: by the
 * early-stopping estimate of the percentile (quantile-intervals.ts), not by the interpolated
 * percentile. The estimate is a 99 %-confidence upper bound, so a PASS says "the percentile is
 * within budget" with that confidence. Judging the estimate is at most one query stricter than
 * LoadGen's own Server count test (which passes with t queries over budget when
 * P(Binomial(n, 1 − q) ≤ t) < 1 %): a run Dyno passes, LoadGen passes on latency.
 */
import type { ServerVerdict } from './run-results';
import { earlyStoppingEstimate, minQueriesWithOver } from './quantile-intervals';
import { quantileSorted, sortedCopy } from './stats';

/** LoadGen fails a run that could not keep up with the offered load; Dyno allows 10 % short. */
export const KEPT_UP_SHARE = 0.9;

export function judgeServer(
  scenario: { targetQps: number; latencyBudgetMs: number; percentile: number },
  latenciesMs: ArrayLike<number>,
  measuredWallMs: number,
): ServerVerdict {
  const { targetQps, latencyBudgetMs, percentile } = scenario;
  const sorted = sortedCopy(latenciesMs);
  const n = sorted.length;
  const achievedQps = measuredWallMs > 0 ? (n * 1000) / measuredWallMs : 0;
  const estimate = earlyStoppingEstimate(sorted, percentile);
  let overBudget = 0;
  for (let i = n - 1; i >= 0 && (sorted[i] as number) > latencyBudgetMs; i--) overBudget++;
  // The estimate is within budget once at most t* − 1 queries are over it, t* = maxOverLatency(n):
  // so the run needs minQueriesWithOver(overBudget + 1) queries in all.
  const latencyOk = estimate !== null && estimate.valueMs <= latencyBudgetMs;
  const queriesNeeded = latencyOk ? 0 : Math.max(0, minQueriesWithOver(overBudget + 1, percentile) - n);
  const keptUp = achievedQps >= KEPT_UP_SHARE * targetQps;
  const outcome: ServerVerdict['outcome'] = !keptUp ? 'did-not-keep-up' : estimate === null ? 'too-few-queries' : latencyOk ? 'pass' : 'over-budget';
  return {
    targetQps,
    achievedQps,
    latencyBudgetMs,
    percentile,
    percentileMs: quantileSorted(sorted, percentile),
    earlyStoppingMs: estimate?.valueMs ?? null,
    overBudget,
    queriesNeeded,
    judgedBy: 'early-stopping',
    outcome,
    passed: outcome === 'pass',
  };
}
