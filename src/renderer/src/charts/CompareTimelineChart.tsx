/**
 * The compared runs on one time axis, each aligned at its own start (seconds since its first
 * iteration, warm-up included): latency per iteration, then CPU load, power and GPU utilisation where a run
 * sampled them. One colour per run in every panel; hover shows every run at one instant.
 */
import type Plotly from 'plotly.js';
import { drawPlot } from './plotly';
import type { Series } from '../../../shared/contract';
import type { TelemetrySample } from '../../../shared/telemetry';
import { baseLayout, chartColors, runColor } from './theme';
import { usePlot } from './use-plot';

export interface ComparedTimeline {
  name: string;
  index: number;
  series: Series;
  telemetry: readonly TelemetrySample[];
}

type Trace = Partial<Plotly.PlotData>;

interface Panel {
  title: string;
  pick: (s: TelemetrySample) => number | null;
}

const PANELS: Panel[] = [
  { title: 'CPU load (%)', pick: (s) => s.cpuUtilPct },
  { title: 'power (W)', pick: (s) => (s.gpus.length > 0 ? s.gpus.reduce((w, g) => w + (g.powerW ?? 0), 0) : s.cpuPowerW) },
  { title: 'GPU util (%)', pick: (s) => (s.gpus.length > 0 ? Math.max(...s.gpus.map((g) => g.utilGpuPct ?? 0)) : null) },
];

export function CompareTimelineChart({ runs }: { runs: readonly ComparedTimeline[] }) {
  const el = usePlot(
    (node) => {
      const c = chartColors();
      // A run starts at its first iteration; telemetry from before (the idle baseline) reads as negative seconds.
      const start = (r: ComparedTimeline): number => r.series.points[0]?.tMs ?? r.telemetry[0]?.tMs ?? 0;
      const panels = PANELS.filter((p) => runs.some((r) => r.telemetry.some((s) => p.pick(s) !== null)));
      const traces: Trace[] = runs.flatMap((r) => {
        const t0 = start(r);
        const color = runColor(r.index);
        const latency: Trace = {
          type: 'scatter',
          mode: 'markers',
          name: r.name,
          legendgroup: r.name,
          x: r.series.points.map((p) => (p.tMs - t0) / 1000),
          y: r.series.points.map((p) => p.latencyMs),
          marker: { size: 3, color },
          hovertemplate: `%{y:.4g} ms<extra>${r.name}</extra>`,
        };
        const telemetry = panels.map(
          (p, i): Trace => ({
            type: 'scatter',
            mode: 'lines',
            name: r.name,
            legendgroup: r.name,
            showlegend: false,
            yaxis: `y${i + 2}`,
            x: r.telemetry.map((s) => (s.tMs - t0) / 1000),
            y: r.telemetry.map(p.pick),
            line: { color, width: 1.5 },
            hovertemplate: `%{y:.4g}<extra>${r.name}</extra>`,
          }),
        );
        return [latency, ...telemetry];
      });
      const titles = ['latency (ms)', ...panels.map((p) => p.title)];
      const n = titles.length;
      const gap = 0.06;
      // The latency panel gets twice the height of a telemetry panel.
      const unit = (1 - gap * (n - 1)) / (n + 1);
      const layout: Partial<Plotly.Layout> = {
        ...baseLayout(c),
        height: 160 + 120 * (n + 1),
        margin: { l: 64, r: 16, t: 8, b: 40 },
        hovermode: 'x unified',
        legend: { orientation: 'h', y: -0.1 },
        xaxis: { title: { text: "seconds since each run's start" }, gridcolor: c.grid, zeroline: false, anchor: (n > 1 ? `y${n}` : 'y') as Plotly.AxisName },
      };
      let top = 1;
      titles.forEach((title, i) => {
        const h = i === 0 ? 2 * unit : unit;
        (layout as Record<string, unknown>)[i === 0 ? 'yaxis' : `yaxis${i + 1}`] = { title: { text: title }, domain: [top - h, top], gridcolor: c.grid, zeroline: false, rangemode: 'tozero' };
        top -= h + gap;
      });
      void drawPlot(node, traces, layout);
    },
    [runs],
  );
  return <div className="timeline" ref={el} data-testid="compare-timeline" />;
}
