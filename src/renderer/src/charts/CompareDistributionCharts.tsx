/**
 * The compared runs' latency distributions overlaid, one colour per run: the empirical CDF,
 * the histogram (as % of each run's iterations, so runs of different lengths compare), and box
 * plots (quartiles read off the CDF, median = the run's p50, whiskers min to p99).
 */
import type Plotly from 'plotly.js';
import { drawPlot } from './plotly';
import { baseLayout, chartColors, runColor } from './theme';
import { usePlot } from './use-plot';
import { quantileFromCdf } from './compare-quantile';
import type { Distribution } from '../../../shared/distribution';
import type { LatencyStats } from '../../../shared/stats';

export interface ComparedDistribution {
  name: string;
  /** The run's place in the comparison: its colour. */
  index: number;
  distribution: Distribution;
  stats: LatencyStats;
}

type Trace = Partial<Plotly.PlotData>;

/** A log axis when the runs span more than a decade and a half (a CNN on 1 vs 8 threads, CPU vs GPU). */
function latencyAxis(runs: readonly ComparedDistribution[], c: ReturnType<typeof chartColors>): Partial<Plotly.LayoutAxis> {
  const lo = Math.min(...runs.map((r) => r.distribution.cdfLatencyMs[0] ?? Infinity));
  const hi = Math.max(...runs.map((r) => r.distribution.cdfLatencyMs.at(-1) ?? 0));
  const log = lo > 0 && hi / lo > 30;
  return { title: { text: log ? 'latency (ms, log scale)' : 'latency (ms)' }, type: log ? 'log' : 'linear', gridcolor: c.grid, zeroline: false };
}

function useChart(traces: (c: ReturnType<typeof chartColors>) => Trace[], layout: (c: ReturnType<typeof chartColors>) => Partial<Plotly.Layout>, deps: unknown[]) {
  return usePlot((node) => {
    const c = chartColors();
    void drawPlot(node, traces(c), { ...baseLayout(c), margin: { l: 64, r: 16, t: 8, b: 44 }, showlegend: true, legend: { orientation: 'h', y: -0.25 }, ...layout(c) });
  }, deps);
}

export function CompareCdfChart({ runs }: { runs: readonly ComparedDistribution[] }) {
  const el = useChart(
    () =>
      runs.map((r) => ({
        type: 'scatter',
        mode: 'lines',
        name: r.name,
        x: r.distribution.cdfLatencyMs,
        y: r.distribution.cdfFraction.map((f) => f * 100),
        line: { color: runColor(r.index), width: 2 },
        hovertemplate: `%{x:.4g} ms: %{y:.1f}% at or below<extra>${r.name}</extra>`,
      })),
    (c) => ({ xaxis: latencyAxis(runs, c), yaxis: { title: { text: 'iterations at or below (%)' }, range: [0, 100], dtick: 25, gridcolor: c.grid, zeroline: false }, hovermode: 'closest' }),
    [runs],
  );
  return <div className="chart compare-chart" ref={el} data-testid="compare-cdf" />;
}

export function CompareHistogramChart({ runs }: { runs: readonly ComparedDistribution[] }) {
  const el = useChart(
    () =>
      runs.map((r) => {
        const d = r.distribution;
        const edge = (i: number): number => d.binEdgesMs[i] ?? 0;
        const total = d.counts.reduce((a, b) => a + b, 0) + d.clippedAbove;
        const log = d.scale === 'log';
        return {
          type: 'bar',
          name: r.name,
          x: d.counts.map((_, i) => (log ? Math.sqrt(edge(i) * edge(i + 1)) : (edge(i) + edge(i + 1)) / 2)),
          y: d.counts.map((n) => (total > 0 ? (100 * n) / total : 0)),
          width: d.counts.map((_, i) => edge(i + 1) - edge(i)),
          marker: { color: runColor(r.index), opacity: 0.5 },
          hovertemplate: `%{x:.4g} ms: %{y:.2f}% of iterations<extra>${r.name}</extra>`,
        };
      }),
    (c) => ({ barmode: 'overlay', bargap: 0, xaxis: latencyAxis(runs, c), yaxis: { title: { text: 'iterations (%)' }, gridcolor: c.grid, zeroline: false }, hovermode: 'closest' }),
    [runs],
  );
  return <div className="chart compare-chart" ref={el} data-testid="compare-histogram" />;
}

export function CompareBoxChart({ runs }: { runs: readonly ComparedDistribution[] }) {
  const el = useChart(
    () =>
      runs.map((r) => {
        const d = r.distribution;
        const q = (p: number): number => quantileFromCdf(d.cdfLatencyMs, d.cdfFraction, p) ?? r.stats.meanMs;
        const p99 = r.stats.percentiles.p99?.valueMs ?? r.stats.maxMs;
        return {
          type: 'box',
          name: r.name,
          y: [r.name],
          orientation: 'h',
          q1: [q(0.25)],
          median: [r.stats.percentiles.p50?.valueMs ?? q(0.5)],
          q3: [q(0.75)],
          lowerfence: [r.stats.minMs],
          upperfence: [p99],
          mean: [r.stats.meanMs],
          marker: { color: runColor(r.index) },
          line: { color: runColor(r.index) },
          fillcolor: `${runColor(r.index)}55`,
          hoverinfo: 'x',
        } as Trace;
      }),
    (c) => ({
      xaxis: { ...latencyAxis(runs, c), title: { text: 'latency (ms): box p25–p75, line p50, whiskers min–p99, dashed mean' } },
      yaxis: { automargin: true, gridcolor: c.grid, autorange: 'reversed' },
      showlegend: false,
      height: 80 + 44 * runs.length,
    }),
    [runs],
  );
  return <div className="compare-box" ref={el} data-testid="compare-box" />;
}
