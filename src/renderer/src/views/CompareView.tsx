/**
 * Two or more stored runs side by side: a verdict per run against the chosen baseline (from
 * the host's `runs.compare`), the settings and environment that differ, and the runs' latency
 * distributions and timelines overlaid, one colour per run in every chart and table.
 */
import { useMemo } from 'react';
import { useCompare } from '../stores/compare-store';
import { useUi } from '../stores/ui-store';
import { FailureNotice } from '../components/FailureNotice';
import { CompareVerdicts } from '../components/compare/CompareVerdicts';
import { CompareTargets } from '../components/compare/CompareTargets';
import { CompareDiffs } from '../components/compare/CompareDiffs';
import { CompareCdfChart, CompareHistogramChart, CompareBoxChart, type ComparedDistribution } from '../charts/CompareDistributionCharts';
import { CompareTimelineChart, type ComparedTimeline } from '../charts/CompareTimelineChart';
import { runColor } from '../charts/theme';
import { labelOf } from '../sessions/run-columns';
import { InterleavedControls } from '../components/compare/InterleavedControls';
import { ReportButton } from '../components/ReportButton';

/** How a run is named in legends: its label, else its model and the end of its id. */
export function runName(run: { id: string; modelName: string; label?: string; config: { label?: string } }): string {
  const label = labelOf(run as Parameters<typeof labelOf>[0]);
  return label || `${run.modelName} · ${run.id.slice(-6)}`;
}

export function CompareView() {
  const { runIds, baselineId, data, loading, dataFailure, setBaseline } = useCompare();
  const go = useUi((s) => s.go);
  const named = useMemo(
    () =>
      runIds.flatMap((id, index) => {
        const d = data[id];
        return d ? [{ id, index, name: runName(d.detail.run), data: d }] : [];
      }),
    [runIds, data],
  );
  const distributions: ComparedDistribution[] = useMemo(
    () =>
      named.flatMap((r) => {
        const run = r.data.detail.run;
        const stats = 'stats' in run ? run.stats : undefined;
        return r.data.distribution && stats ? [{ name: r.name, index: r.index, distribution: r.data.distribution, stats }] : [];
      }),
    [named],
  );
  const timelines: ComparedTimeline[] = useMemo(() => named.map((r) => ({ name: r.name, index: r.index, series: r.data.series, telemetry: r.data.telemetry })), [named]);

  if (runIds.length < 2) {
    return (
      <div className="compare-view empty-state" data-testid="compare-empty">
        <p>Select two or more runs in Sessions (Ctrl/Cmd-click or Shift-click) and press Compare.</p>
        <button onClick={() => go('sessions')}>Go to Sessions</button>
      </div>
    );
  }
  return (
    <div className="compare-view" data-testid="compare-view">
      <header className="compare-head">
        <h2>Compare {runIds.length} runs</h2>
        <ul className="compare-legend" aria-label="Runs compared">
          {named.map((r) => (
            <li key={r.id} data-testid={`compare-run-${r.id}`}>
              <span className="swatch" style={{ background: runColor(r.index) }} />
              <span className="mono">{r.name}</span>
              <label className="baseline-pick">
                <input type="radio" name="baseline" checked={baselineId === r.id} onChange={() => setBaseline(r.id)} data-testid={`baseline-${r.id}`} />
                baseline
              </label>
            </li>
          ))}
        </ul>
      </header>
      <InterleavedControls />
      <ReportButton runIds={runIds} />
      {dataFailure && <FailureNotice failure={dataFailure} testId="compare-data-failure" box />}
      {loading && <p className="hint">Loading the runs…</p>}
      <CompareVerdicts named={named.map((r) => ({ id: r.id, index: r.index, name: r.name }))} />
      <CompareTargets runs={named.map((r) => ({ id: r.id, index: r.index, name: r.name, run: r.data.detail.run }))} />
      <CompareDiffs />
      {distributions.length > 0 && (
        <div className="compare-grid">
          <div className="chart-card">
            <h3>Cumulative distribution</h3>
            <CompareCdfChart runs={distributions} />
          </div>
          <div className="chart-card">
            <h3>Histogram</h3>
            <CompareHistogramChart runs={distributions} />
          </div>
          <div className="chart-card wide">
            <h3>Box plot</h3>
            <CompareBoxChart runs={distributions} />
          </div>
        </div>
      )}
      {distributions.length < named.length && named.length > 0 && (
        <p className="hint">Runs that measured nothing (failed before measuring) have no distribution to overlay.</p>
      )}
      {timelines.length > 0 && (
        <div className="chart-card">
          <h3>Latency and telemetry over time, each run from its start</h3>
          <CompareTimelineChart runs={timelines} />
        </div>
      )}
    </div>
  );
}
