/**
 * The watched run: progress, the median so far and a live latency chart while it goes, then its
 * statistics, warnings, cold start and the full interactive charts. While measuring, everything
 * here is chosen to cost the benchmark nothing measurable (README, "How the studio stays out of
 * the way"): a canvas redrawn every few seconds, no plotly, no layout changes.
 */
import { sweepRunning, useSweep } from '../stores/sweep-store';
import { useMemo } from 'react';
import { LatencyChart } from '../charts/LatencyChart';
import { LiveLatencyCanvas } from '../charts/LiveLatencyCanvas';
import { RunResults } from './RunResults';
import { RunHeadline } from './RunHeadline';
import { TryNext } from './TryNext';
import { TimelineChart } from '../charts/TimelineChart';
import { StatusBadge } from './StatusBadge';
import { FailureNotice } from './FailureNotice';
import { ConditionsLine } from './ConditionsLine';
import { CommandLivePanel } from './CommandLivePanel';
import { QueuedNote } from './QueuedNote';
import { useLiveRun } from '../stores/live-run-store';
import { useUi } from '../stores/ui-store';
import { formatMs } from '../../../shared/format';
import { liveSummary, progressWords } from '../stores/live-points';
import { LIVE_EVENT_INTERVAL_MS } from '../../../shared/live-events';

/**
 * While measuring, the live chart redraws on every this many batches of samples (the host sends
 * one a second), in the same task as the rest of the batch's update: every redraw takes CPU from
 * the run, and a redraw on a timer of its own would wake the page once more.
 */
const LIVE_REDRAW_EVERY = 2;

export function LiveRunPanel() {
  const { runId, run, progress, points, telemetry, version, telemetryVersion, detail, failure, cancel } = useLiveRun();
  const liveCharts = useUi((s) => s.liveCharts);
  const cancelSweep = useSweep((s) => s.cancel);
  const sweepOfRun = useSweep((s) => sweepRunning(s) && run?.studyId !== undefined && run.studyId === s.studyId);
  const running = run?.status === 'running';
  const quiet = running && !liveCharts;
  // The count and median come from the points the chart draws, so the line and the chart agree.
  // `version` changes whenever points grew (they are appended in place).
  const soFar = useMemo(() => liveSummary(points), [points, version]);
  const workload = run?.config.command ? 'command' : 'model';

  if (!runId) {
    return (
      <main className="live-panel empty-state">
        <h2>Benchmark a model</h2>
        <p>Pick a sample or open an .onnx file, set the iterations, and press Run. Latency streams in here as the worker measures it.</p>
        {/* A run the address named that could not be opened. */}
        {failure && <FailureNotice failure={failure} testId="live-failure" box />}
      </main>
    );
  }
  const pct = Math.round((progress?.fraction ?? 0) * 100);
  return (
    <main className="live-panel" data-testid="live-panel">
      <header className="live-header">
        <div>
          <span className="run-title">{run?.modelName ?? '…'}</span> {run && <StatusBadge status={run.status} />}
          {/* The run's address: opens it in Sessions (and is what a reload or a copied link opens). */}
          <a className="run-id mono" href={`#/runs/${runId}`} data-testid="run-id" title="Open this run in Sessions">
            {runId}
          </a>
        </div>
        {run?.status === 'running' && (
          <div className="progress-line">
            <span data-testid="progress-words">
              {progressWords(progress?.phase, soFar, workload)}
            </span>
            <span className="median-so-far" data-testid="median-so-far">
              {soFar.medianMs !== undefined && progress?.phase === 'measure' ? `median so far ${formatMs(soFar.medianMs)}` : ''}
            </span>
            {/* scaleX, not width: a transform is composited, it triggers no layout. */}
            <div className="progress-bar">
              <div style={{ transform: `scaleX(${pct / 100})` }} />
            </div>
            {/* One Cancel: for a sweep's point it ends the sweep (the sweep panel's button does the same). */}
            <button onClick={() => void (sweepOfRun ? cancelSweep() : cancel())} data-testid="cancel-run" title={sweepOfRun ? 'Ends this point and the rest of the sweep; finished points are kept' : undefined}>
              {sweepOfRun ? 'Cancel sweep' : 'Cancel'}
            </button>
          </div>
        )}
      </header>
      {/* The answers first, above the charts (issue 14): in view without scrolling at 1280×720. */}
      {detail && <RunHeadline detail={detail} />}
      {detail && <TryNext run={detail.run} />}
      {quiet && (
        <div className="hint quiet" data-testid="quiet-note">
          Charts paused while measuring, so the studio does not compete with the benchmark for CPU. They draw when the run ends.
        </div>
      )}
      {/* A command's own metrics and output come first: they are what its user watches. */}
      {run?.config.command && run.status !== 'queued' && <CommandLivePanel />}
      {/* A queued run has nothing to chart yet: what it waits for instead of an empty frame. */}
      {run?.status === 'queued' && <QueuedNote />}
      {/* Not for a run that ended before its first sample (cancelled while queued, failed to load): an empty frame says nothing. */}
      {!quiet && run?.status !== 'queued' && (running || points.tMs.length > 0) && (
        <section className="chart-card">
          <h3 title={running ? 'Redrawn rarely so the studio does not compete with the benchmark; the full interactive chart draws when the run ends.' : undefined}>
            {run?.config.command ? 'Wall time per run' : 'Latency per iteration'}{running && ` · live, every ${LIVE_REDRAW_EVERY * (LIVE_EVENT_INTERVAL_MS / 1000)} s`}
          </h3>
          {running ? (
            <LiveLatencyCanvas points={points} version={version} redrawEvery={LIVE_REDRAW_EVERY} testId="live-canvas" />
          ) : (
            <LatencyChart x={points.x} latencyMs={points.latencyMs} warmupCount={points.warmupCount} version={version} testId="live-chart" />
          )}
        </section>
      )}
      {!running && (telemetry.length > 0 || points.tMs.length > 0) && (
        <section className="chart-card">
          <h3>Timeline: latency and telemetry on one clock</h3>
          <TimelineChart latency={points} telemetry={telemetry} version={version + telemetryVersion} testId="live-timeline" />
        </section>
      )}
      {failure && <FailureNotice failure={failure} testId="live-failure" box />}
      {run?.status === 'failed' && !detail && (
        <div className="error-box" role="alert" data-testid="run-error">
          {run.error}
        </div>
      )}
      {detail && <RunResults detail={detail} />}
      {detail && 'results' in detail.run && detail.run.results?.conditions && <ConditionsLine conditions={detail.run.results.conditions} />}
    </main>
  );
}
