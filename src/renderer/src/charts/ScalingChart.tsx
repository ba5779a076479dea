/**
 * A sweep's scaling curve along one axis (batch size or threads, log-scaled): p50 latency (top)
 * and throughput (bottom) per point, one line per value of the other axis. A click on a point
 * opens its run (`#/runs/<id>`); the table beside the chart does the same from the keyboard.
 */
import type Plotly from 'plotly.js';
import { drawPlot } from './plotly';
import { baseLayout, chartColors, runColor } from './theme';
import { usePlot } from './use-plot';
import type { SweepAxis, SweepPoint } from '../../../shared/sweep';

type Trace = Partial<Plotly.PlotData>;
const AXIS_TITLE: Record<SweepAxis, string> = { batch: 'batch size', threads: 'intra-op threads' };

export function ScalingChart({ points, axis, testId }: { points: readonly SweepPoint[]; axis: SweepAxis; testId: string }) {
  const el = usePlot(
    (node) => {
      const c = chartColors();
      const other: SweepAxis = axis === 'batch' ? 'threads' : 'batch';
      const lines = [...new Set(points.map((p) => p[other]))];
      const traces: Trace[] = lines.flatMap((value, li) => {
        const ps = points.filter((p) => p[other] === value && p.p50Ms !== undefined).sort((a, b) => a[axis] - b[axis]);
        const name = lines.length > 1 ? `${other} ${value}` : 'p50';
        const color = runColor(li);
        const x = ps.map((p) => p[axis]);
        const ids = ps.map((p) => p.runId);
        return [
          { type: 'scatter', mode: 'lines+markers', name, legendgroup: name, x, y: ps.map((p) => p.p50Ms ?? null), customdata: ids, marker: { color, size: 9 }, line: { color }, hovertemplate: `${AXIS_TITLE[axis]} %{x}: p50 %{y:.4g} ms<br>%{customdata} (click to open)<extra>${name}</extra>` },
          { type: 'scatter', mode: 'lines+markers', name: `${name} throughput`, legendgroup: name, showlegend: false, yaxis: 'y2', x, y: ps.map((p) => p.throughputPerS ?? null), customdata: ids, marker: { color, size: 7, symbol: 'square' }, line: { color, dash: 'dot' }, hovertemplate: `${AXIS_TITLE[axis]} %{x}: %{y:.4g} /s<br>%{customdata} (click to open)<extra>${name}</extra>` },
        ] satisfies Trace[];
      });
      void drawPlot(node, traces, {
        ...baseLayout(c),
        height: 300,
        margin: { l: 64, r: 16, t: lines.length > 1 ? 28 : 8, b: 40 },
        hovermode: 'closest',
        showlegend: lines.length > 1,
        legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom' },
        xaxis: { type: 'log', title: { text: AXIS_TITLE[axis] }, gridcolor: c.grid, anchor: 'y2', tickvals: [...new Set(points.map((p) => p[axis]))] },
        yaxis: { title: { text: 'p50 (ms)' }, domain: [0.52, 1], gridcolor: c.grid, zeroline: false, rangemode: 'tozero' },
        yaxis2: { title: { text: 'throughput (/s)' }, domain: [0, 0.44], gridcolor: c.grid, zeroline: false, rangemode: 'tozero' },
      }).then(() => {
        const plot = node as unknown as Plotly.PlotlyHTMLElement;
        plot.removeAllListeners?.('plotly_click');
        plot.on('plotly_click', (e) => {
          const id = e.points[0]?.customdata;
          if (typeof id === 'string') window.location.hash = `#/runs/${id}`;
        });
      });
    },
    [points, axis],
  );
  return <div ref={el} data-testid={testId} />;
}
