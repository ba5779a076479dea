/**
 * Latency per iteration, warm-up shaded. Long series are decimated with LTTB for display (the
 * full data stays in the database), and redraws are throttled so a fast model streaming
 * thousands of samples a second keeps the UI smooth.
 */
import type Plotly from 'plotly.js';
import { drawPlot } from './plotly';
import { lttbIndices } from '../../../shared/lttb';
import { chartColors } from './theme';
import { usePlot } from './use-plot';

const MAX_DISPLAY_POINTS = 4000;

export interface LatencyChartProps {
  x: readonly number[];
  latencyMs: readonly number[];
  warmupCount: number;
  /** Changes whenever the arrays grew (they are appended to in place). */
  version: number;
  /**
   * Redraw at most this often. A live chart redraws rarely on purpose: every redraw costs CPU
   * the benchmark is measuring on (on 2 cores, 5 redraws a second tripled SqueezeNet's p50).
   */
  minRedrawMs?: number;
  maxPoints?: number;
  testId?: string;
}

export function LatencyChart({ x, latencyMs, warmupCount, version, minRedrawMs = 0, maxPoints = MAX_DISPLAY_POINTS, testId }: LatencyChartProps) {
  const el = usePlot(
    (node) => {
      const keep = lttbIndices(latencyMs, maxPoints);
      const c = chartColors();
      const xs = keep.map((k) => x[k] ?? k);
      const ys = keep.map((k) => latencyMs[k] ?? 0);
      const data: Partial<Plotly.PlotData>[] = [
        {
          x: xs,
          y: ys,
          type: 'scatter',
          mode: keep.length > 400 ? 'lines' : 'lines+markers',
          line: { color: c.series, width: 1.2 },
          marker: { size: 3, color: c.series },
          name: 'latency',
          hovertemplate: 'iteration %{x}<br>%{y:.4g} ms<extra></extra>',
        },
      ];
      const layout: Partial<Plotly.Layout> = {
        margin: { l: 64, r: 16, t: 12, b: 44 },
        paper_bgcolor: 'rgba(0,0,0,0)',
        plot_bgcolor: 'rgba(0,0,0,0)',
        font: { color: c.text, size: 12 },
        xaxis: { title: { text: 'iteration' }, gridcolor: c.grid, zeroline: false, rangemode: 'tozero' },
        yaxis: { title: { text: 'latency (ms)' }, gridcolor: c.grid, zeroline: false, rangemode: 'tozero' },
        showlegend: false,
        hovermode: 'x',
        shapes:
          warmupCount > 0
            ? [{ type: 'rect', xref: 'x', yref: 'paper', x0: -0.5, x1: warmupCount - 0.5, y0: 0, y1: 1, fillcolor: c.warmup, line: { width: 0 }, layer: 'below' }]
            : [],
        annotations:
          warmupCount > 0
            ? [{ x: (warmupCount - 1) / 2, y: 1, xref: 'x', yref: 'paper', text: 'warm-up', showarrow: false, yanchor: 'bottom', font: { color: c.muted, size: 11 } }]
            : [],
      };
      void drawPlot(node, data, layout);
    },
    [x, latencyMs, warmupCount, version, maxPoints],
    minRedrawMs,
  );
  return <div className="chart" ref={el} data-testid={testId} />;
}
