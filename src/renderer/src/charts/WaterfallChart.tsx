/**
 * The recommendation's waterfall: each factor's gain alone stacked from 1× (the baseline) with
 * its 95 % interval, the product they predict, and the combination as re-measured — orange and
 * named when the prediction falls outside its interval (the factors interact).
 */
import type Plotly from 'plotly.js';
import { drawPlot } from './plotly';
import { baseLayout, chartColors } from './theme';
import { usePlot } from './use-plot';
import { ratioAxis, type WaterfallBar } from '../../../shared/optimizer/waterfall';

const times = (x: number | null): string => (x === null ? '—' : `${x.toFixed(3)}×`);

export function WaterfallChart({ bars }: { bars: readonly WaterfallBar[] }) {
  const el = usePlot(
    (node) => {
      const c = chartColors();
      const color = (b: WaterfallBar): string => (b.kind === 'combined' ? (b.interaction ? '#e68a4f' : c.series) : b.kind === 'predicted' ? c.muted : b.to >= b.from ? '#4cc38a' : '#f26b6b');
      // A factor's interval is on its gain alone; placed where its bar starts, it spans from·low … from·high.
      const hi = bars.map((b) => (b.ciHigh === null ? 0 : Math.max(0, b.from * b.ciHigh - b.to)));
      const lo = bars.map((b) => (b.ciLow === null ? 0 : Math.max(0, b.to - b.from * b.ciLow)));
      const trace: Partial<Plotly.PlotData> = {
        type: 'bar',
        x: bars.map((b) => b.label),
        y: bars.map((b) => b.to - b.from),
        base: bars.map((b) => b.from),
        marker: { color: bars.map(color) },
        error_y: { type: 'data', symmetric: false, array: hi, arrayminus: lo, color: c.text, thickness: 1.5, width: 6 },
        text: bars.map((b) => `${times(b.gain)}${b.ciLow !== null && b.ciHigh !== null ? ` (${b.ciLow.toFixed(3)}–${b.ciHigh.toFixed(3)})` : ''}`),
        textposition: 'outside',
        hovertemplate: '%{x}: %{text}<extra></extra>',
      } as Partial<Plotly.PlotData>;
      const axis = ratioAxis(bars.flatMap((b, i) => [b.from, b.to, b.to + (hi[i] ?? 0), b.to - (lo[i] ?? 0)]));
      void drawPlot(node, [trace], {
        ...baseLayout(c),
        height: 300,
        margin: { l: 64, r: 16, t: 16, b: 64 },
        showlegend: false,
        xaxis: { gridcolor: c.grid, automargin: true },
        // Log: ratios multiply, so 2× up and 0.5× down are the same distance from 1×.
        yaxis: { title: { text: 'gain over the baseline (×, log)' }, type: 'log', gridcolor: c.grid, zeroline: false, range: axis.range, tickvals: axis.tickvals, ticktext: axis.ticktext },
        shapes: [{ type: 'line', xref: 'paper', x0: 0, x1: 1, y0: 1, y1: 1, line: { color: c.muted, dash: 'dot', width: 1 } }],
      });
    },
    [bars],
  );
  return <div ref={el} className="chart" data-testid="waterfall-chart" />;
}
