/**
 * Stacked, time-aligned panels sharing one x-axis (seconds since the run started): latency,
 * CPU load, power, and GPU utilisation / temperature when a GPU is sampled. Hovering one instant
 * shows every series at that instant. Panels with no data are left out, not drawn empty.
 */
import type Plotly from 'plotly.js';
import { drawPlot } from './plotly';
import type { TelemetrySample } from '../../../shared/telemetry';
import { lttbIndices } from '../../../shared/lttb';
import { chartColors } from './theme';
import { usePlot } from './use-plot';

export interface TimelineProps {
  latency: { tMs: readonly number[]; latencyMs: readonly number[] };
  telemetry: readonly TelemetrySample[];
  version: number;
  minRedrawMs?: number;
  testId?: string;
}

type Trace = Partial<Plotly.PlotData>;

function panels(p: TimelineProps, t0: number, c: ReturnType<typeof chartColors>): { traces: Trace[]; titles: string[] } {
  const sec = (t: number): number => (t - t0) / 1000;
  const rows: { title: string; traces: Trace[] }[] = [];
  const keep = lttbIndices(p.latency.latencyMs, 1500);
  rows.push({
    title: 'latency (ms)',
    traces: [{ x: keep.map((k) => sec(p.latency.tMs[k] ?? t0)), y: keep.map((k) => p.latency.latencyMs[k] ?? 0), name: 'latency', mode: 'markers', marker: { size: 3, color: c.series } }],
  });
  const tel = p.telemetry;
  const ts = tel.map((s) => sec(s.tMs));
  if (tel.length > 0) {
    rows.push({
      title: 'machine CPU (%)',
      traces: [{ x: ts, y: tel.map((s) => s.cpuUtilPct), name: 'CPU load (all cores)', mode: 'lines', line: { color: c.accent2 } }],
    });
    // Its own panel: a share of one core runs to 100 % per core (200 % on two), the machine's load to 100 %.
    rows.push({
      title: 'worker (% of a core)',
      traces: [{ x: ts, y: tel.map((s) => s.workerCpuPct), name: 'worker (% of one core)', mode: 'lines', line: { color: c.series } }],
    });
  }
  const cpuPower = tel.some((s) => s.cpuPowerW !== null);
  const gpuCount = Math.max(0, ...tel.map((s) => s.gpus.length));
  const gpuSeries = (pick: (g: TelemetrySample['gpus'][number]) => number | null, label: string): Trace[] =>
    Array.from({ length: gpuCount }, (_, i) => ({ x: ts, y: tel.map((s) => (s.gpus[i] ? pick(s.gpus[i]) : null)), name: `GPU ${i} ${label}`, mode: 'lines' as const }));
  if (cpuPower || gpuCount > 0) {
    rows.push({
      title: 'power (W)',
      traces: [...(cpuPower ? [{ x: ts, y: tel.map((s) => s.cpuPowerW), name: 'CPU package (RAPL)', mode: 'lines' as const }] : []), ...gpuSeries((g) => g.powerW, 'power')],
    });
  }
  if (gpuCount > 0) {
    rows.push({ title: 'GPU (%)', traces: [...gpuSeries((g) => g.utilGpuPct, 'util'), ...gpuSeries((g) => g.utilMemPct, 'memory util')] });
    rows.push({ title: 'GPU (°C)', traces: gpuSeries((g) => g.tempC, 'temperature') });
    rows.push({ title: 'GPU memory (MiB)', traces: gpuSeries((g) => g.memUsedMiB, 'memory used') });
    rows.push({ title: 'GPU clocks (MHz)', traces: [...gpuSeries((g) => g.smClockMHz, 'SM clock'), ...gpuSeries((g) => g.memClockMHz, 'memory clock')] });
  }
  const traces = rows.flatMap((r, i) => r.traces.map((tr) => ({ ...tr, type: 'scatter' as const, yaxis: i === 0 ? 'y' : `y${i + 1}`, hovertemplate: `%{y:.4g}<extra>${tr.name}</extra>` })));
  return { traces, titles: rows.map((r) => r.title) };
}

export function TimelineChart(p: TimelineProps) {
  const el = usePlot(
    (node) => {
      const c = chartColors();
      const t0 = Math.min(p.latency.tMs[0] ?? Infinity, p.telemetry[0]?.tMs ?? Infinity);
      if (!Number.isFinite(t0)) return;
      const { traces, titles } = panels(p, t0, c);
      const n = titles.length;
      const gap = 0.04;
      const h = (1 - gap * (n - 1)) / n;
      const layout: Partial<Plotly.Layout> = {
        height: 120 + 150 * n,
        margin: { l: 64, r: 16, t: 8, b: 40 },
        paper_bgcolor: 'rgba(0,0,0,0)',
        plot_bgcolor: 'rgba(0,0,0,0)',
        font: { color: c.text, size: 12 },
        hovermode: 'x unified',
        showlegend: true,
        legend: { orientation: 'h', y: -0.08 },
        xaxis: { title: { text: 'time since start (s)' }, gridcolor: c.grid, zeroline: false, anchor: (n > 1 ? `y${n}` : 'y') as Plotly.AxisName },
      };
      titles.forEach((title, i) => {
        const key = i === 0 ? 'yaxis' : `yaxis${i + 1}`;
        const top = 1 - i * (h + gap);
        (layout as Record<string, unknown>)[key] = { title: { text: title }, domain: [top - h, top], gridcolor: c.grid, zeroline: false, rangemode: 'tozero' };
      });
      void drawPlot(node, traces, layout);
    },
    [p.latency, p.telemetry, p.version],
    p.minRedrawMs,
  );
  return <div className="timeline" ref={el} data-testid={p.testId} />;
}
