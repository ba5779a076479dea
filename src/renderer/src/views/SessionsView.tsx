/** Every stored run, newest first; select one to see its statistics and latency timeline. */
import { useEffect } from 'react';
import { useSessions } from '../stores/sessions-store';
import { StatusBadge } from '../components/StatusBadge';
import { RunResults } from '../components/RunResults';
import { FailureNotice } from '../components/FailureNotice';
import { LatencyChart } from '../charts/LatencyChart';
import { TimelineChart } from '../charts/TimelineChart';
import { formatMs, formatRate } from '../../../shared/format';
import type { Run } from '../../../shared/run';
import type { Series } from '../../../shared/contract';

function statsOf(run: Run) {
  return run.status === 'completed' || run.status === 'aborted' ? run.stats : undefined;
}

function SeriesChart({ series }: { series: Series }) {
  const x = series.points.map((p) => p.i);
  const y = series.points.map((p) => p.latencyMs);
  const warmup = series.points.filter((p) => p.phase === 'warmup').reduce((m, p) => Math.max(m, p.i + 1), 0);
  return <LatencyChart x={x} latencyMs={y} warmupCount={warmup} version={series.totalPoints} testId="detail-chart" />;
}

export function SessionsView() {
  const { runs, selectedId, detail, series, telemetry, listFailure, detailFailure, refresh, select } = useSessions();
  useEffect(() => void refresh(), [refresh]);
  return (
    <div className="sessions-view">
      <section className="runs-table-wrap">
        <h2>Sessions</h2>
        {listFailure && <FailureNotice failure={listFailure} testId="runs-failure" />}
        {runs.length === 0 ? (
          <p className="hint">No runs yet. Runs from the studio and from `dyno bench` both appear here.</p>
        ) : (
          <table className="runs-table" data-testid="runs-table">
            <thead>
              <tr>
                <th>when</th>
                <th>model</th>
                <th>status</th>
                <th className="num">p50</th>
                <th className="num">p90</th>
                <th className="num">p99</th>
                <th className="num">mean</th>
                <th className="num">throughput</th>
                <th className="num">n</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => {
                const s = statsOf(r);
                return (
                  <tr key={r.id} className={r.id === selectedId ? 'selected' : ''} onClick={() => void select(r.id)} data-testid={`run-row-${r.id}`}>
                    <td>{new Date(r.createdAt).toLocaleString()}</td>
                    <td className="mono">{r.modelName}</td>
                    <td>
                      <StatusBadge status={r.status} />
                    </td>
                    <td className="num">{formatMs(s?.percentiles.p50?.valueMs)}</td>
                    <td className="num">{formatMs(s?.percentiles.p90?.valueMs)}</td>
                    <td className="num">{formatMs(s?.percentiles.p99?.valueMs)}</td>
                    <td className="num">{formatMs(s?.meanMs)}</td>
                    <td className="num">{s ? formatRate(s.throughputPerS) : '—'}</td>
                    <td className="num">{s?.count ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      {detailFailure && (
        <section className="run-detail">
          <FailureNotice failure={detailFailure} testId="run-detail-failure" box />
        </section>
      )}
      {detail && (
        <section className="run-detail" data-testid="run-detail">
          <h2>
            {detail.run.modelName} <StatusBadge status={detail.run.status} /> <span className="run-id mono">{detail.run.id}</span>
          </h2>
          <RunResults detail={detail} />
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
          <details className="config-details">
            <summary>Configuration</summary>
            <pre className="mono">{JSON.stringify(detail.run.config, null, 2)}</pre>
          </details>
        </section>
      )}
    </div>
  );
}
