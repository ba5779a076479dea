/**
 * Every stored run as a workbench: search and filters, a virtualised list with multi-select,
 * the selection's actions (compare, re-run, copy command, delete with Undo), and the detail of
 * the run when one is selected, with its label, tags and notes to edit.
 */
import { useEffect } from 'react';
import { useSessions } from '../stores/sessions-store';
import { useSessionsList } from '../stores/sessions-list-store';
import { StatusBadge } from '../components/StatusBadge';
import { RunResults } from '../components/RunResults';
import { RunHeadline } from '../components/RunHeadline';
import { TryNext } from '../components/TryNext';
import { FailureNotice } from '../components/FailureNotice';
import { LatencyChart } from '../charts/LatencyChart';
import { TimelineChart } from '../charts/TimelineChart';
import { RunsList } from '../components/sessions/RunsList';
import { SessionsFilters } from '../components/sessions/SessionsFilters';
import { SelectionActions } from '../components/sessions/SelectionActions';
import { RunMetaEditor } from '../components/sessions/RunMetaEditor';
import { ModelHistory } from '../components/sessions/ModelHistory';
import { ImportControl } from '../components/sessions/ImportControl';
import { BinControl } from '../components/sessions/BinControl';
import { labelOf } from '../sessions/run-columns';
import type { Series } from '../../../shared/contract';
import { SweepStudy } from '../components/sweep/SweepStudy';

function SeriesChart({ series }: { series: Series }) {
  const x = series.points.map((p) => p.i);
  const y = series.points.map((p) => p.latencyMs);
  const warmup = series.points.filter((p) => p.phase === 'warmup').reduce((m, p) => Math.max(m, p.i + 1), 0);
  return <LatencyChart x={x} latencyMs={y} warmupCount={warmup} version={series.totalPoints} testId="detail-chart" />;
}

function RunDetailPanel() {
  const { detail, series, telemetry, detailFailure } = useSessions();
  const single = useSessionsList((s) => s.selection.selected.size === 1);
  if (!single) return null;
  return (
    <>
      {detailFailure && (
        <section className="run-detail">
          <FailureNotice failure={detailFailure} testId="run-detail-failure" box />
        </section>
      )}
      {detail && (
        <section className="run-detail" data-testid="run-detail">
          <h2>
            {labelOf(detail.run) || detail.run.modelName} <StatusBadge status={detail.run.status} /> <span className="run-id mono">{detail.run.id}</span>
          </h2>
          {/* The Run view's order: headline, charts, the rest of the results. */}
          <RunHeadline detail={detail} />
          <TryNext run={detail.run} />
          {series && series.points.length > 0 && (
            <div className="chart-card">
              <h3>
                Latency per iteration{' '}
                <span className="hint">
                  {series.points.length < series.totalPoints ? `(${series.points.length} of ${series.totalPoints} points shown, LTTB)` : ''}
                </span>
              </h3>
              <SeriesChart series={series} />
            </div>
          )}
          {series && telemetry && telemetry.length > 0 && (
            <div className="chart-card">
              <h3>Timeline: latency and telemetry on one clock</h3>
              <TimelineChart
                latency={{ tMs: series.points.map((p) => p.tMs), latencyMs: series.points.map((p) => p.latencyMs) }}
                telemetry={telemetry}
                version={series.totalPoints}
                testId="detail-timeline"
              />
            </div>
          )}
          <RunResults detail={detail} />
          <RunMetaEditor run={detail.run} />
          <details className="config-details">
            <summary>Configuration</summary>
            <pre className="mono">{JSON.stringify(detail.run.config, null, 2)}</pre>
          </details>
        </section>
      )}
    </>
  );
}

export function SessionsView() {
  const { ids, loaded, listFailure, filter, load } = useSessionsList();
  // A sweep opened by its address shows its scaling curve above the list of its runs.
  const sweepId = useSessionsList((s) => (s.openStudyId && s.studies[s.openStudyId]?.kind === 'sweep' ? s.openStudyId : undefined));
  useEffect(() => void load(), [load]);
  const empty = loaded && ids.length === 0;
  return (
    <div className="sessions-view">
      <section className="runs-table-wrap">
        <div className="sessions-head">
          <h2>Sessions</h2>
          <ImportControl />
          <BinControl />
        </div>
        {sweepId && <SweepStudy studyId={sweepId} />}
        <SessionsFilters />
        <ModelHistory />
        {listFailure && <FailureNotice failure={listFailure} testId="runs-failure" />}
        {empty && Object.keys(filter).length === 0 ? (
          <p className="hint">No runs yet. Runs from the studio and from `dyno bench` both appear here.</p>
        ) : empty ? (
          <p className="hint" data-testid="runs-none-match">No stored run matches these filters.</p>
        ) : (
          <>
            <SelectionActions />
            <RunsList />
          </>
        )}
      </section>
      <RunDetailPanel />
    </div>
  );
}
