/** Histogram of measured latencies with the empirical CDF on a second axis. */
import { drawPlot } from './plotly';
import { chartColors } from './theme';
import { usePlot } from './use-plot';
import { clippedNote, type Distribution } from '../../../shared/distribution';

export type DistributionData = Distribution;

export function DistributionChart({ data, testId }: { data: DistributionData; testId?: string }) {
  const el = usePlot((node) => {
    const c = chartColors();
    const log = data.scale === 'log';
    const edge = (i: number): number => data.binEdgesMs[i] ?? 0;
    // Bars span their bins: geometric centres and per-bin widths on a log axis.
    const centers = data.counts.map((_, i) => (log ? Math.sqrt(edge(i) * edge(i + 1)) : (edge(i) + edge(i + 1)) / 2));
    const widths = data.counts.map((_, i) => edge(i + 1) - edge(i));
    void drawPlot(
      node,
      [
        {
          type: 'bar',
          x: centers,
          y: data.counts,
          width: widths,
          marker: { color: c.series, opacity: 0.75 },
          name: 'iterations',
          hovertemplate: '%{x:.4g} ms<br>%{y} iterations<extra></extra>',
        },
        {
          type: 'scatter',
          mode: 'lines',
          x: data.cdfLatencyMs,
          y: data.cdfFraction.map((f) => f * 100),
          yaxis: 'y2',
          line: { color: c.accent2, width: 2 },
          name: 'CDF',
          hovertemplate: '%{x:.4g} ms<br>%{y:.1f}% of iterations at or below<extra></extra>',
        },
      ],
      {
        margin: { l: 64, r: 56, t: 12, b: 44 },
        paper_bgcolor: 'rgba(0,0,0,0)',
        plot_bgcolor: 'rgba(0,0,0,0)',
        font: { color: c.text, size: 12 },
        bargap: 0.05,
        xaxis: {
          title: { text: log ? 'latency (ms, log scale)' : 'latency (ms)' },
          type: log ? 'log' : 'linear',
          gridcolor: c.grid,
          zeroline: false,
          range: log ? [Math.log10(edge(0)), Math.log10(data.binEdgesMs.at(-1) ?? 1)] : [edge(0), data.binEdgesMs.at(-1)],
        },
        yaxis: { title: { text: 'iterations' }, gridcolor: c.grid, zeroline: false },
        yaxis2: { title: { text: 'cumulative (%)' }, overlaying: 'y', side: 'right', range: [0, 100], dtick: 25, showgrid: false, zeroline: false },
        showlegend: false,
        hovermode: 'closest',
      },
    );
  }, [data]);
  const note = clippedNote(data);
  return (
    <>
      <div className="chart" ref={el} data-testid={testId} />
      {note !== undefined && <div className="hint">{note}</div>}
    </>
  );
}
