/**
 * A model's runs over time: p50 (top) and throughput (bottom) per run, one colour per
 * configuration and machine, the rolling-median trend of each as a line, and regressions
 * (beyond the runs' own spread, see shared/sessions/history-trend.ts) marked with a red ring.
 */
import type Plotly from 'plotly.js';
import { drawPlot } from './plotly';
import type { TrendPoint } from '../../../shared/sessions/history-trend';
import { baseLayout, chartColors, runColor } from './theme';
import { usePlot } from './use-plot';

type Trace = Partial<Plotly.PlotData>;

export function ModelHistoryChart({ points }: { points: readonly TrendPoint[] }) {
  const el = usePlot(
    (node) => {
      const c = chartColors();
      const groups = [...new Set(points.map((p) => p.group))];
      const traces: Trace[] = groups.flatMap((group, gi) => {
        const ps = points.filter((p) => p.group === group);
        const x = ps.map((p) => p.createdAt);
        const color = runColor(gi);
        return [
          { type: 'scatter', mode: 'markers', name: group, legendgroup: group, x, y: ps.map((p) => p.p50Ms), marker: { color, size: 6 }, text: ps.map((p) => p.runId), hovertemplate: `p50 %{y:.4g} ms<br>%{text}<extra>${group}</extra>` },
          { type: 'scatter', mode: 'lines', name: `${group} trend`, legendgroup: group, showlegend: false, x, y: ps.map((p) => p.trendP50Ms), line: { color, width: 2 }, hoverinfo: 'skip' },
          { type: 'scatter', mode: 'lines+markers', name: `${group} throughput`, legendgroup: group, showlegend: false, yaxis: 'y2', x, y: ps.map((p) => p.throughputPerS), line: { color, width: 1 }, marker: { color, size: 4 }, hovertemplate: `%{y:.4g} /s<extra>${group}</extra>` },
        ] satisfies Trace[];
      });
      const regressions = points.filter((p) => p.regression);
      if (regressions.length > 0) {
        traces.push({
          type: 'scatter',
          mode: 'markers',
          name: 'regression',
          x: regressions.map((p) => p.createdAt),
          y: regressions.map((p) => p.p50Ms),
          marker: { symbol: 'circle-open', size: 14, color: '#f26b6b', line: { width: 2 } },
          text: regressions.map((p) => `${p.runId}: ${(100 * (p.slowerBy ?? 0)).toFixed(0)} % slower than the runs before it`),
          hovertemplate: '%{text}<extra>regression</extra>',
        });
      }
      void drawPlot(
        node,
        traces,
        {
          ...baseLayout(c),
          height: 380,
          margin: { l: 64, r: 16, t: 8, b: 40 },
          hovermode: 'closest',
          legend: { orientation: 'h', y: -0.15 },
          xaxis: { type: 'date', gridcolor: c.grid, anchor: 'y2' },
          yaxis: { title: { text: 'p50 (ms)' }, domain: [0.45, 1], gridcolor: c.grid, zeroline: false, rangemode: 'tozero' },
          yaxis2: { title: { text: 'throughput (/s)' }, domain: [0, 0.38], gridcolor: c.grid, zeroline: false, rangemode: 'tozero' },
        },
      );
    },
    [points],
  );
  return <div ref={el} data-testid="model-history-chart" />;
}
