/**
 * What a finished run reports beyond its headline (RunHeadline), in one component for the Run
 * view and Sessions, after the charts: telemetry, the report button, cold start, stability and
 * inputs, the warnings in full, the latency distribution and the per-operator profile.
 */
import { useEffect } from 'react';
import type { RunDetail } from '../../../shared/contract';
import type { Run } from '../../../shared/run';
import { formatBytes, formatMs } from '../../../shared/format';
import { DistributionChart } from '../charts/DistributionChart';
import { distributionKey, useDistributions } from '../stores/distribution-store';
import { FailureNotice } from './FailureNotice';
import { ProfileTable } from './ProfileTable';
import { Warnings } from './Warnings';
import { TelemetryCards } from './TelemetryCards';
import { ReportButton } from './ReportButton';
import { resultsOf } from './RunHeadline';
import { workloadWords } from '../../../shared/warnings';

function Facts({ run }: { run: Run }) {
  const r = resultsOf(run);
  if (!r) return null;
  const coldStart = run.status === 'completed' || run.status === 'aborted' ? run.coldStart : undefined;
  const words = workloadWords(run.config.command ? 'command' : 'model');
  const items = [
    coldStart ? `cold start: session ${formatMs(coldStart.sessionCreateMs)}, first ${words.one} ${formatMs(coldStart.firstRunMs)}` : '',
    // With telemetry, the worker's memory is a card (TelemetryCards): one figure, not two.
    r.telemetry ? '' : `peak worker memory ${formatBytes(r.memory.peakRssBytes)}`,
    r.stability.windowMediansMs.length > 0
      ? `${r.stability.stable ? 'stable' : 'not stable'}: last three window medians ${r.stability.windowMediansMs.map((m) => formatMs(m)).join(', ')}`
      : `too few ${words.samples} to judge stability`,
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

export function RunResults({ detail }: { detail: RunDetail }) {
  const run = detail.run;
  const entry = useDistributions((s) => s.byKey[distributionKey(run.id, run.status)]);
  const load = useDistributions((s) => s.load);
  useEffect(() => void load(run.id, run.status), [load, run.id, run.status]);
  const dist = entry?.data;
  const results = resultsOf(run);
  return (
    <section className="run-results" data-testid="results">
      {results?.telemetry && <TelemetryCards t={results.telemetry} peakRssBytes={results.memory.peakRssBytes} />}
      <ReportButton detail={detail} />
      <Facts run={run} />
      <div id="run-warnings">
        <Warnings warnings={detail.warnings} />
      </div>
      {entry?.failure && <FailureNotice failure={entry.failure} testId="distribution-failure" />}
      {dist && dist.counts.length > 0 && (
        <div className="chart-card">
          <h3>Latency distribution</h3>
          <DistributionChart data={dist} testId="distribution-chart" />
        </div>
      )}
      {results?.profile && (
        <div className="chart-card">
          <h3>Operators</h3>
          <ProfileTable profile={results.profile} runId={detail.run.id} />
        </div>
      )}
    </section>
  );
}
