/**
 * What the HTML report's charts draw, computed once from the stored runs and decimated so a
 * report stays small however long the runs were (the full samples travel in its bundle):
 * an empirical CDF at fixed quantiles, a histogram on bins shared by every run (so bars line
 * up), box statistics (Tukey's 1.5 IQR fences), latency over time by LTTB, and telemetry on
 * the same time axis. Every run's time starts at 0 at its first measured iteration, so runs
 * measured hours apart overlay. One colour per run, the same in every chart and table.
 */
import { lttbIndices } from './lttb';
import { quantileSorted, sortedCopy } from './stats';
import type { StoredRun } from './stored-run';

export const RUN_COLOURS = ['#4f9cf9', '#f0b43c', '#3ecf8e', '#e5534b', '#a371f7', '#39c5cf', '#ff8c42', '#c9d1d9'] as const;

export const runColour = (index: number): string => RUN_COLOURS[index % RUN_COLOURS.length] as string;

/** Most points one run contributes to each chart. */
export const CHART_LIMITS = { timeline: 1500, cdf: 300, bins: 60, telemetry: 600 } as const;

export interface ChartRun {
  name: string;
  colour: string;
  count: number;
  cdf: { latencyMs: number[]; fraction: number[] };
  box: { q1: number; median: number; q3: number; lowerFence: number; upperFence: number } | null;
  timeline: { tS: number[]; latencyMs: number[] };
  telemetry: { tS: number[]; cpuPct: number[]; gpuPowerW: (number | null)[]; gpuUtilPct: (number | null)[] };
  histogram: number[];
}

export interface ChartData {
  scale: 'linear' | 'log';
  binEdgesMs: number[];
  runs: ChartRun[];
}

const round = (v: number): number => Number(v.toPrecision(6));

function measured(r: StoredRun): { t: number[]; l: number[] } {
  const t: number[] = [];
  const l: number[] = [];
  for (const b of r.batches) {
    if (b.phase !== 'measure') continue;
    for (let k = 0; k < b.latencyMs.length; k++) {
      t.push(b.tMs[k] as number);
      l.push(b.latencyMs[k] as number);
    }
  }
  return { t, l };
}

function sharedBins(sortedRuns: readonly Float64Array[]): { scale: 'linear' | 'log'; edges: number[] } {
  const filled = sortedRuns.filter((s) => s.length > 0);
  if (filled.length === 0) return { scale: 'linear', edges: [] };
  const lo = Math.min(...filled.map((s) => s[0] as number));
  const hi = Math.max(...filled.map((s) => quantileSorted(s, s.length >= 1000 ? 0.999 : 1)));
  const bins = CHART_LIMITS.bins;
  if (lo > 0 && hi / lo > 20) {
    const step = Math.log(hi / lo) / bins;
    return { scale: 'log', edges: Array.from({ length: bins + 1 }, (_, i) => round(lo * Math.exp(i * step))) };
  }
  const width = hi > lo ? (hi - lo) / bins : 1;
  return { scale: 'linear', edges: Array.from({ length: bins + 1 }, (_, i) => round(lo + i * width)) };
}

function histogram(sorted: Float64Array, edges: readonly number[]): number[] {
  const counts = new Array<number>(Math.max(0, edges.length - 1)).fill(0);
  let bin = 0;
  for (const v of sorted) {
    while (bin < counts.length - 1 && v >= (edges[bin + 1] as number)) bin++;
    if (v <= (edges[edges.length - 1] as number)) counts[bin]!++;
  }
  return counts;
}

function box(sorted: Float64Array): ChartRun['box'] {
  if (sorted.length === 0) return null;
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  const iqr = q3 - q1;
  const min = sorted[0] as number;
  const max = sorted[sorted.length - 1] as number;
  // Tukey's fences, drawn at the most extreme sample inside them.
  let lowerFence = max;
  let upperFence = min;
  for (const v of sorted) {
    if (v >= q1 - 1.5 * iqr && v < lowerFence) lowerFence = v;
    if (v <= q3 + 1.5 * iqr && v > upperFence) upperFence = v;
  }
  return { q1: round(q1), median: round(quantileSorted(sorted, 0.5)), q3: round(q3), lowerFence: round(lowerFence), upperFence: round(upperFence) };
}

function cdf(sorted: Float64Array): ChartRun['cdf'] {
  const points = Math.min(CHART_LIMITS.cdf, sorted.length);
  const fraction = Array.from({ length: points }, (_, i) => (points === 1 ? 1 : i / (points - 1)));
  return { latencyMs: fraction.map((q) => round(quantileSorted(sorted, q))), fraction: fraction.map(round) };
}

function timeline(t: number[], l: number[], t0: number): ChartRun['timeline'] {
  const keep = lttbIndices(l, CHART_LIMITS.timeline);
  return { tS: keep.map((k) => round(((t[k] as number) - t0) / 1000)), latencyMs: keep.map((k) => round(l[k] as number)) };
}

/** At most about `limit` items, evenly spaced by index (every k-th, from the first). */
export function thinEvenly<T>(items: readonly T[], limit: number): T[] {
  const stride = Math.max(1, Math.ceil(items.length / limit));
  return items.filter((_, k) => k % stride === 0);
}

function telemetry(r: StoredRun, t0: number): ChartRun['telemetry'] {
  const picked = thinEvenly(r.telemetry, CHART_LIMITS.telemetry);
  const gpuSum = (pick: (g: StoredRun['telemetry'][number]['gpus'][number]) => number | null, s: StoredRun['telemetry'][number]): number | null => {
    const values = s.gpus.map(pick).filter((v): v is number => v !== null);
    return values.length === 0 ? null : round(values.reduce((a, b) => a + b, 0));
  };
  return {
    tS: picked.map((s) => round((s.tMs - t0) / 1000)),
    cpuPct: picked.map((s) => round(s.cpuUtilPct)),
    gpuPowerW: picked.map((s) => gpuSum((g) => g.powerW, s)),
    gpuUtilPct: picked.map((s) => {
      const sum = gpuSum((g) => g.utilGpuPct, s);
      return sum === null || s.gpus.length === 0 ? null : round(sum / s.gpus.length);
    }),
  };
}

/** `names[i]` labels run i in legends (already made safe for the chart library by the caller). */
export function chartData(runs: readonly StoredRun[], names: readonly string[]): ChartData {
  const series = runs.map(measured);
  const sorted = series.map((s) => sortedCopy(s.l));
  const { scale, edges } = sharedBins(sorted);
  return {
    scale,
    binEdgesMs: edges,
    runs: runs.map((r, i) => {
      const s = series[i] ?? { t: [], l: [] };
      const sortedI = sorted[i] ?? new Float64Array();
      const t0 = s.t[0] ?? r.telemetry[0]?.tMs ?? 0;
      return {
        name: names[i] ?? r.run.id,
        colour: runColour(i),
        count: s.l.length,
        cdf: cdf(sortedI),
        box: box(sortedI),
        timeline: timeline(s.t, s.l, t0),
        telemetry: telemetry(r, t0),
        histogram: histogram(sortedI, edges),
      };
    }),
  };
}
