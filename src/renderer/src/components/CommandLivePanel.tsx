/**
 * A command run's own panel: the metric series of the run in progress (against step where the
 * program prints one, else seconds), the tail of its output, and once it has ended each
 * metric's final value across runs and the time to each target.
 */
import { useEffect, useRef } from 'react';
import { useCommand } from '../stores/command-store';
import { useLiveRun } from '../stores/live-run-store';
import { baseLayout, chartColors, runColor } from '../charts/theme';
import { usePlot } from '../charts/use-plot';
import { drawPlot } from '../charts/plotly';
import type { MetricPoint } from '../../../shared/command/results';
import { formatNumber } from '../../../shared/format';

/** Redrawn at most this often while the command runs. */
const METRIC_REDRAW_MS = 1000;

function MetricChart({ points, version }: { points: MetricPoint[]; version: number }) {
  const bySteps = points.length > 0 && points.every((p) => p.step !== null);
  const names = [...new Set(points.map((p) => p.name))];
  const el = usePlot(
    (node) => {
      const c = chartColors();
      const traces = names.map((name, k) => {
        const mine = points.filter((p) => p.name === name);
        // Each metric on its own axis: loss and accuracy differ in scale by orders of magnitude.
        return { x: mine.map((p) => (bySteps ? p.step : p.tS)), y: mine.map((p) => p.value), name, mode: 'lines+markers' as const, marker: { size: 4 }, line: { color: runColor(k) }, yaxis: k === 0 ? 'y' : 'y2' };
      });
      void drawPlot(
        node,
        traces,
        {
          ...baseLayout(c),
          height: 220,
          margin: { l: 50, r: 50, t: 10, b: 40 },
          xaxis: { title: { text: bySteps ? 'step' : 'seconds since the run started' }, gridcolor: c.grid },
          yaxis: { title: { text: names[0] ?? '' }, gridcolor: c.grid },
          yaxis2: { title: { text: names.slice(1).join(', ') }, overlaying: 'y', side: 'right', showgrid: false },
          legend: { orientation: 'h', y: 1.15 },
        },
      );
    },
    [version],
    METRIC_REDRAW_MS,
  );
  return <div ref={el} className="metric-chart" data-testid="metric-chart" />;
}

export function CommandLivePanel() {
  const live = useCommand((s) => s.live);
  const runId = useLiveRun((s) => s.runId);
  const detail = useLiveRun((s) => s.detail);
  const results = detail && 'results' in detail.run ? detail.run.results?.command : undefined;
  const mine = live.runId === runId;
  // After the run, the stored series of the last measured run (the live one may be a warm-up).
  const lastRun = results?.runs.at(-1);
  const points = lastRun ? lastRun.series : mine ? live.points : [];
  const stdout = results ? results.stdoutTail : mine ? live.stdout : '';
  const stderr = results ? results.stderrTail : mine ? live.stderr : '';
  const tail = [stdout, stderr && `--- stderr ---\n${stderr}`].filter(Boolean).join('\n');
  // A tail is read from its end: keep the newest line in view.
  const pre = useRef<HTMLPreElement>(null);
  useEffect(() => {
    if (pre.current) pre.current.scrollTop = pre.current.scrollHeight;
  }, [tail]);
  return (
    <section className="chart-card command-panel" data-testid="command-panel">
      <h3>
        Metrics{lastRun ? ` · run ${lastRun.i + 1}` : live.run ? ` · ${live.run.phase === 'warmup' ? 'warm-up' : 'run'} ${live.run.i + 1}` : ''}
      </h3>
      {points.length > 0 ? <MetricChart points={points} version={lastRun ? -1 : live.version} /> : <p className="hint">No metrics yet: the program prints none, or has not printed one.</p>}
      {results && results.metrics.length > 0 && (
        <table className="metric-table" data-testid="metric-finals">
          <thead>
            <tr>
              <th>metric</th>
              <th>final (mean ± σ)</th>
              <th>min</th>
              <th>max</th>
              <th>runs</th>
            </tr>
          </thead>
          <tbody>
            {results.metrics.map((m) => (
              <tr key={m.name}>
                <td>{m.name}</td>
                <td>{m.final ? `${formatNumber(m.final.mean)} ± ${formatNumber(m.final.std, 2)}` : '—'}</td>
                <td>{formatNumber(m.final?.min)}</td>
                <td>{formatNumber(m.final?.max)}</td>
                <td>{m.final?.n ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Output{results ? ' · last run' : ''}</h3>
      <pre className="command-output" ref={pre} data-testid="command-output">
        {tail || '(nothing printed yet)'}
      </pre>
    </section>
  );
}
