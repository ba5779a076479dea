/**
 * Everything a finished run reports, in one component for the Run view and Sessions: statistics
 * with confidence, warnings, cold start, memory, stability, output check, the Server verdict,
 * the latency distribution and the per-operator profile.
 */
import { useEffect } from 'react';
import type { RunDetail } from '../../../shared/contract';
import { formatBytes, formatMs } from '../../../shared/format';
import { DistributionChart } from '../charts/DistributionChart';
import { distributionKey, useDistributions } from '../stores/distribution-store';
import { FailureNotice } from './FailureNotice';
import { ServerVerdictLine } from './ServerVerdictLine';
import { ProfileTable } from './ProfileTable';
import { StatsCards } from './StatsCards';
import { Warnings } from './Warnings';
import { TelemetryCards } from './TelemetryCards';
import { ReportButton } from './ReportButton';
import { TargetVerdicts } from './TargetVerdicts';

function Facts({ detail }: { detail: RunDetail }) {
  const run = detail.run;
  if (run.status !== 'completed') return null;
  const r = run.results;
  const items = [
    `cold start: session ${formatMs(run.coldStart.sessionCreateMs)}, first inference ${formatMs(run.coldStart.firstRunMs)}`,
    `peak worker memory ${formatBytes(r.memory.peakRssBytes)}`,
    r.stability.windowMediansMs.length > 0
      ? `${r.stability.stable ? 'stable' : 'not stable'}: last three window medians ${r.stability.windowMediansMs.map((m) => formatMs(m)).join(', ')}`
      : 'too few iterations to judge stability',
    r.samplesPerIteration > 1 ? `${r.samplesPerIteration} samples per iteration` : '',
    `inputs ${r.inputs.map((i) => `${i.name} [${i.shape.join('×')}] ${i.type}`).join(', ')}`,
  ].filter(Boolean);
  return (
    <ul className="facts" data-testid="run-facts">
      {items.map((t) => (
        <li key={t}>{t}</li>
      ))}
    </ul>
  );
}

function Verdicts({ detail }: { detail: RunDetail }) {
  if (detail.run.status !== 'completed') return null;
  const { check, server, targets } = detail.run.results;
  return (
    <>
      {targets && <TargetVerdicts targets={targets} />}
      {server && <ServerVerdictLine verdict={server} />}
      {check && (
        <div className={`verdict ${check.passed ? 'pass' : 'fail'}`} data-testid="check-verdict">
          Outputs {check.passed ? 'match' : 'differ from'} the expected values: max abs error {check.maxAbsError.toExponential(2)}, max rel error{' '}
          {check.maxRelError.toExponential(2)} (rtol {check.rtol}, atol {check.atol})
          {check.outputs
            .filter((o) => !o.passed)
            .map((o) => (
              <div key={o.name}>
                {o.name}: {o.problem ?? `${o.mismatched} of ${o.elements} elements out of tolerance`}
              </div>
            ))}
        </div>
      )}
    </>
  );
}

export function RunResults({ detail }: { detail: RunDetail }) {
  const run = detail.run;
  const entry = useDistributions((s) => s.byKey[distributionKey(run.id, run.status)]);
  const load = useDistributions((s) => s.load);
  useEffect(() => void load(run.id, run.status), [load, run.id, run.status]);
  const dist = entry?.data;
  const stats = run.status === 'completed' || run.status === 'aborted' ? run.stats : undefined;
  return (
    <section className="run-results" data-testid="results">
      {run.status === 'failed' && <div className="error-box">{run.error}</div>}
      <Verdicts detail={detail} />
      {stats && <StatsCards stats={stats} />}
      {run.status === 'completed' && run.results.telemetry && <TelemetryCards t={run.results.telemetry} />}
      <ReportButton detail={detail} />
      <Facts detail={detail} />
      <Warnings warnings={detail.warnings} />
      {entry?.failure && <FailureNotice failure={entry.failure} testId="distribution-failure" />}
      {dist && dist.counts.length > 0 && (
        <div className="chart-card">
          <h3>Latency distribution</h3>
          <DistributionChart data={dist} testId="distribution-chart" />
        </div>
      )}
      {run.status === 'completed' && run.results.profile && (
        <div className="chart-card">
          <h3>Operators</h3>
          <ProfileTable profile={run.results.profile} />
        </div>
      )}
    </section>
  );
}
