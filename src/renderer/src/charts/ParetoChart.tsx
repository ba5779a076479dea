/**
 * The study's candidates, latency × throughput: the Pareto front of the eligible ones as stars
 * joined by a line, the other eligible ones as dots, those the sliders put out as crosses;
 * marker size grows with the output error, colour gives the energy per inference where measured.
 */
import type Plotly from 'plotly.js';
import { drawPlot } from './plotly';
import { baseLayout, chartColors } from './theme';
import { usePlot } from './use-plot';
import type { RankedCandidate } from '../../../shared/optimizer/explorer';

/** 6 px at no error, 18 px at 1e-1 and above, log-spaced in between. */
function sizeFor(err: number | null): number {
  if (err === null || err <= 1e-9) return 7;
  return 7 + Math.min(11, Math.max(0, (Math.log10(err) + 9) * (11 / 8)));
}

export function ParetoChart({ ranked, bestKey }: { ranked: readonly RankedCandidate[]; bestKey: string | undefined }) {
  const el = usePlot(
    (node) => {
      const c = chartColors();
      const plotted = ranked.filter((r) => r.p50Ms !== null && r.throughputPerS !== null);
      const energy = plotted.some((r) => r.energyPerInferenceMj !== null);
      const group = (name: string, rows: RankedCandidate[], symbol: string, color: string): Partial<Plotly.PlotData> => ({
        type: 'scatter',
        mode: 'markers',
        name,
        x: rows.map((r) => r.p50Ms as number),
        y: rows.map((r) => r.throughputPerS as number),
        text: rows.map((r) => `${r.key}${r.key === bestKey ? ' (best)' : ''}<br>max error ${r.maxAbsError === null ? '—' : r.maxAbsError.toExponential(2)}${r.energyPerInferenceMj !== null ? `<br>${r.energyPerInferenceMj.toPrecision(3)} mJ` : ''}${r.reasons.length > 0 ? `<br>out: ${r.reasons.join('; ')}` : ''}`),
        hovertemplate: '%{x:.4g} ms · %{y:.4g} /s<br>%{text}<extra></extra>',
        marker: {
          symbol,
          size: rows.map((r) => sizeFor(r.maxAbsError) + (r.key === bestKey ? 6 : 0)),
          color: energy ? rows.map((r) => r.energyPerInferenceMj ?? 0) : color,
          ...(energy ? { colorscale: 'Viridis', showscale: name === 'Pareto front', colorbar: { title: { text: 'mJ' } } } : {}),
          line: { width: 1, color: c.text },
        },
      });
      const front = plotted.filter((r) => r.front).sort((a, b) => (a.p50Ms as number) - (b.p50Ms as number));
      const traces: Partial<Plotly.PlotData>[] = [
        { type: 'scatter', mode: 'lines', name: 'front', x: front.map((r) => r.p50Ms as number), y: front.map((r) => r.throughputPerS as number), line: { color: c.accent2, width: 1.5, dash: 'dot' }, hoverinfo: 'skip', showlegend: false },
        group('Pareto front', front, 'star', c.accent2),
        group('eligible', plotted.filter((r) => r.eligible && !r.front), 'circle', c.series),
        group('out (a limit)', plotted.filter((r) => !r.eligible), 'x-thin-open', c.muted),
      ];
      void drawPlot(node, traces, {
        ...baseLayout(c),
        height: 320,
        margin: { l: 64, r: 16, t: 8, b: 48 },
        hovermode: 'closest',
        legend: { orientation: 'h', y: -0.2 },
        xaxis: { title: { text: 'p50 latency (ms)' }, gridcolor: c.grid, zeroline: false },
        yaxis: { title: { text: 'throughput (/s)' }, gridcolor: c.grid, zeroline: false },
      });
    },
    [ranked, bestKey],
  );
  return <div ref={el} className="chart" data-testid="pareto-chart" />;
}
