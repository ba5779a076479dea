/**
 * The headline statistics of a run. A percentile without enough samples behind it (LoadGen's
 * rule) is shown dimmed with how many samples it needs, instead of as a confident number.
 */
import type { LatencyStats } from '../../../shared/stats';
import { formatMs, formatRate } from '../../../shared/format';
import { StatCard } from './StatCard';

export function StatsCards({ stats }: { stats: LatencyStats }) {
  const pct = (key: 'p50' | 'p90' | 'p99', label: string) => {
    const p = stats.percentiles[key];
    if (!p) return null;
    const ci = key === 'p50' ? stats.medianCi : key === 'p99' ? stats.p99Ci : null;
    const sub = !p.supported ? `needs ≥ ${p.minSamples} samples` : ci ? `95% CI ${formatMs(ci.lowMs)} – ${formatMs(ci.highMs)}` : undefined;
    return (
      <StatCard
        key={key}
        label={label}
        value={formatMs(p.valueMs)}
        sub={sub}
        testId={`stat-${key}`}
        dim={!p.supported}
        title={!p.supported ? `LoadGen's rule: ${p.minSamples} samples are needed to claim ${key} at 99% confidence; this run has ${stats.count}.` : undefined}
      />
    );
  };
  return (
    <div className="stats-grid">
      {pct('p50', 'p50 (median)')}
      {pct('p90', 'p90')}
      {pct('p99', 'p99')}
      <StatCard label="mean ± σ" value={formatMs(stats.meanMs)} sub={`± ${formatMs(stats.stdMs)} · CV ${stats.cvPct.toFixed(1)}%`} testId="stat-mean" />
      <StatCard label="throughput" value={formatRate(stats.throughputPerS)} sub="inferences per second" testId="stat-throughput" />
      <StatCard label="iterations" value={String(stats.count)} sub={`min ${formatMs(stats.minMs)} · max ${formatMs(stats.maxMs)}`} testId="stat-count" />
    </div>
  );
}
