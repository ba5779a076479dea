/**
 * The headline statistics of a run. A percentile without enough samples behind it (LoadGen's
 * rule) is shown dimmed with how many samples it needs, instead of as a confident number; a
 * supported one shows its exact 95 % order-statistic interval and LoadGen's early-stopping
 * estimate (README, "How Dyno measures").
 */
import type { ReactNode } from 'react';
import type { LatencyStats } from '../../../shared/stats';
import { formatMs, formatRate } from '../../../shared/format';
import { StatCard } from './StatCard';
import { EARLY_STOPPING_LABEL, EARLY_STOPPING_TITLE } from '../../../shared/early-stopping-words';
import { workloadWords, type WorkloadKind } from '../../../shared/warnings';

/** `children`: more cards for the same band (the headline adds energy and warnings). */
/** `workload`: a command's samples are runs, a model's iterations (shared/warnings.ts words them). */
export function StatsCards({ stats, workload = 'model', children }: { stats: LatencyStats; workload?: WorkloadKind; children?: ReactNode }) {
  const words = workloadWords(workload);
  const pct = (key: 'p50' | 'p90' | 'p99', label: string) => {
    const p = stats.percentiles[key];
    if (!p) return null;
    const ci = key === 'p50' ? stats.medianCi : key === 'p90' ? stats.p90Ci : stats.p99Ci;
    // The order-statistic interval, and LoadGen's early-stopping bound (an upper bound, named as one).
    const bound = p.earlyStoppingMs !== null && key !== 'p50';
    const parts = [
      ci ? `95% CI ${formatMs(ci.lowMs)} – ${formatMs(ci.highMs)}` : null,
      bound ? `${EARLY_STOPPING_LABEL} ${formatMs(p.earlyStoppingMs)}` : null,
    ].filter((x): x is string => x !== null);
    const sub = !p.supported ? `needs ≥ ${p.minSamples} samples` : parts.join(' · ') || undefined;
    return (
      <StatCard
        key={key}
        label={label}
        value={formatMs(p.valueMs)}
        sub={sub}
        testId={`stat-${key}`}
        dim={!p.supported}
        title={
          !p.supported ? `LoadGen's rule: ${p.minSamples} samples are needed to claim ${key} at 99% confidence; this run has ${stats.count}.` : bound ? EARLY_STOPPING_TITLE : undefined
        }
      />
    );
  };
  return (
    <div className="stats-grid">
      {pct('p50', 'p50 (median)')}
      {pct('p90', 'p90')}
      {pct('p99', 'p99')}
      <StatCard label="mean ± σ" value={formatMs(stats.meanMs)} sub={`± ${formatMs(stats.stdMs)} · CV ${stats.cvPct.toFixed(1)}%`} testId="stat-mean" />
      <StatCard label="throughput" value={formatRate(stats.throughputPerS)} sub={`${words.one}s per second`} testId="stat-throughput" />
      <StatCard label={words.samples} value={String(stats.count)} sub={`min ${formatMs(stats.minMs)} · max ${formatMs(stats.maxMs)}`} testId="stat-count" />
      {children}
    </div>
  );
}
