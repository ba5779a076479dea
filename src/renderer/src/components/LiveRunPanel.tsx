/** The watched run: progress while it goes, then its statistics, warnings and cold start. */
import { LatencyChart } from '../charts/LatencyChart';
import { RunResults } from './RunResults';
import { TimelineChart } from '../charts/TimelineChart';
import { StatusBadge } from './StatusBadge';
import { FailureNotice } from './FailureNotice';
import { useLiveRun } from '../stores/live-run-store';
import { useUi } from '../stores/ui-store';

/** While measuring, redraw once a second from at most 1,000 points: the UI must not disturb the run. */
const LIVE_REDRAW_MS = 1000;
const LIVE_MAX_POINTS = 1000;

export function LiveRunPanel() {
  const { runId, run, progress, points, telemetry, version, detail, failure, cancel } = useLiveRun();
  const liveCharts = useUi((s) => s.liveCharts);
  const quiet = run?.status === 'running' && !liveCharts;

  if (!runId) {
    return (
      <main className="live-panel empty-state">
        <h2>Benchmark a model</h2>
        <p>Pick a sample or open an .onnx file, set the iterations, and press Run. Latency streams in here as the worker measures it.</p>
      </main>
    );
  }
  const pct = Math.round((progress?.fraction ?? 0) * 100);
  return (
    <main className="live-panel" data-testid="live-panel">
      <header className="live-header">
        <div>
          <span className="run-title">{run?.modelName ?? '…'}</span> {run && <StatusBadge status={run.status} />}
          <span className="run-id mono" data-testid="run-id">
            {runId}
          </span>
        </div>
        {run?.status === 'running' && (
          <div className="progress-line">
            <span>
              {progress?.phase === 'measure' ? `measuring · ${progress.measuredDone} iterations` : progress?.phase === 'warmup' ? `warm-up · ${progress.warmupDone}` : 'starting worker…'}
            </span>
            <div className="progress-bar">
              <div style={{ width: `${pct}%` }} />
            </div>
            <button onClick={() => void cancel()} data-testid="cancel-run">
              Cancel
            </button>
          </div>
        )}
      </header>
      {quiet && (
        <div className="hint quiet" data-testid="quiet-note">
          Charts paused while measuring, so the studio does not compete with the benchmark for CPU. They draw when the run ends.
        </div>
      )}
      {!quiet && (
      <section className="chart-card">
        <h3>Latency per iteration</h3>
        <LatencyChart
          x={points.x}
          latencyMs={points.latencyMs}
          warmupCount={points.warmupCount}
          version={version}
          minRedrawMs={run?.status === 'running' ? LIVE_REDRAW_MS : 0}
          maxPoints={run?.status === 'running' ? LIVE_MAX_POINTS : undefined}
          testId="live-chart"
        />
      </section>
      )}
      {!quiet && (telemetry.length > 0 || points.tMs.length > 0) && (
        <section className="chart-card">
          <h3>Timeline: latency and telemetry on one clock</h3>
          <TimelineChart latency={points} telemetry={telemetry} version={version} minRedrawMs={run?.status === 'running' ? LIVE_REDRAW_MS : 0} testId="live-timeline" />
        </section>
      )}
      {failure && <FailureNotice failure={failure} testId="live-failure" box />}
      {run?.status === 'failed' && !detail && (
        <div className="error-box" role="alert" data-testid="run-error">
          {run.error}
        </div>
      )}
      {detail && <RunResults detail={detail} />}
    </main>
  );
}
