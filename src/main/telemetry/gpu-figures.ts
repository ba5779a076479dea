/**
 * Per-GPU figures over a run's measured window and the totals across GPUs, each total with one
 * rule so that no two figures can contradict each other: a GPU's power is the piecewise-linear
 * trace through its readings (held flat to the window's edges), its energy the integral of that
 * trace, its average power that energy ÷ the window. The total power is the sum of the traces
 * at each instant, so its average is the sum of the averages and its peak — the highest
 * instant of the sum — is never below its average. Where NVML's energy counter covers the
 * window, a GPU's energy is the counter's difference instead (gpu-energy-counter.ts), and its
 * average power follows from it; a burst between two samples can then lift the average above
 * the sampled peak, so the peak is held at least at the average.
 */
import type { GpuFigures, GpuReading } from '../../shared/telemetry';
import { breakpoints, powerAt, windowJ, type PowerPoint } from './energy';
import { counterTrace, counterWindowJ } from './gpu-energy-counter';

const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
/** A loop, not Math.max(...xs): an hour at 20 ms is more arguments than a call may take. */
const max = (xs: readonly number[]): number | null => (xs.length ? xs.reduce((a, b) => (b > a ? b : a), -Infinity) : null);
const known = (rs: readonly GpuReading[], pick: (r: GpuReading) => number | null): number[] =>
  rs.flatMap((r) => {
    const v = pick(r);
    return v === null ? [] : [v];
  });

export interface GpuTotals {
  avgPowerW: number | null;
  peakPowerW: number | null;
  energyJ: number | null;
  avgUtilPct: number | null;
  maxTempC: number | null;
  peakMemUsedMiB: number | null;
  /** Share of readings in which a clock was held back by something other than idleness. */
  throttledShare: number | null;
}

/**
 * The highest instant of the sum of step-wise readings (memory): each GPU holds its last value,
 * or its first before it has one. One sweep over the readings in time order.
 */
function peakOfHeldSum(traces: readonly (readonly PowerPoint[])[]): number | null {
  if (!traces.length) return null;
  const held = traces.map((t) => (t[0] as PowerPoint).watts);
  let sum = held.reduce((a, b) => a + b, 0);
  let peak = sum;
  const events = traces.flatMap((t, g) => t.map((p) => ({ g, p }))).sort((a, b) => a.p.tMs - b.p.tMs);
  for (const { g, p } of events) {
    sum += p.watts - (held[g] as number);
    held[g] = p.watts;
    if (sum > peak) peak = sum;
  }
  return peak;
}

export function gpuFigures(
  readings: readonly GpuReading[],
  fromMs: number,
  toMs: number,
  idlePowerW: ReadonlyMap<number, number> = new Map(),
): { perGpu: GpuFigures[]; total: GpuTotals } {
  const seconds = (toMs - fromMs) / 1000;
  const sorted = [...readings].sort((a, b) => a.tMs - b.tMs);
  // Every GPU read inside the window, or on both sides of it (a starved host can miss a short
  // window between two readings; the trace and the counter are still defined across it).
  const before = new Set(sorted.filter((r) => r.tMs <= toMs).map((r) => r.index));
  const after = new Set(sorted.filter((r) => r.tMs >= fromMs).map((r) => r.index));
  const indices = [...before].filter((i) => after.has(i)).sort((a, b) => a - b);
  const traces = new Map<number, PowerPoint[]>();
  const memory = new Map<number, PowerPoint[]>();
  const perGpu = indices.map((index): GpuFigures => {
    const all = sorted.filter((r) => r.index === index);
    const inWindow = all.filter((r) => r.tMs >= fromMs && r.tMs <= toMs);
    // Readings just outside the window still shape the trace at its edges.
    // The instantaneous reading where the driver gives one: a 1 s average smears the edges.
    const trace = all.flatMap((r) => {
      const watts = r.powerInstantW ?? r.powerW;
      return watts === null ? [] : [{ tMs: r.tMs, watts }];
    });
    const mem = inWindow.flatMap((r) => (r.memUsedMiB === null ? [] : [{ tMs: r.tMs, watts: r.memUsedMiB }]));
    if (trace.length) traces.set(index, trace);
    if (mem.length) memory.set(index, mem);
    const counter = counterTrace(all);
    const counterJ = 'points' in counter ? counterWindowJ(counter.points, fromMs, toMs) : null;
    const energyJ = counterJ ?? (trace.length ? windowJ(trace, fromMs, toMs) : null);
    // Readings from a source with a counter (NVML) carry the field, null where it is unsupported.
    const hadCounter = all.some((r) => r.energyMj !== undefined);
    const energyNote = !hadCounter || counterJ !== null ? undefined : 'unusable' in counter ? counter.unusable : 'the counter readings do not cover the measured window';
    const last = all[all.length - 1];
    const avgPowerW = energyJ !== null && seconds > 0 ? energyJ / seconds : null;
    const tracePeak = trace.length ? max(breakpoints([trace], fromMs, toMs).map((t) => powerAt(trace, t))) : null;
    return {
      index,
      uuid: last?.uuid ?? null,
      name: last?.name ?? null,
      avgPowerW,
      peakPowerW: tracePeak === null || avgPowerW === null ? tracePeak : Math.max(tracePeak, avgPowerW),
      energyJ,
      energyMethod: energyJ === null ? null : counterJ !== null ? 'counter' : 'power-integral',
      ...(energyNote && energyJ !== null ? { energyNote: `${energyNote}: sampled power integrated instead` } : energyNote ? { energyNote } : {}),
      idlePowerW: idlePowerW.get(index) ?? null,
      avgUtilPct: mean(known(inWindow, (r) => r.utilGpuPct)),
      maxTempC: max(known(inWindow, (r) => r.tempC)),
      peakMemUsedMiB: max(mem.map((p) => p.watts)),
    };
  });
  const withEnergy = perGpu.flatMap((g) => (g.energyJ === null ? [] : [g.energyJ]));
  const energyJ = withEnergy.length ? withEnergy.reduce((a, b) => a + b, 0) : null;
  const powerTraces = [...traces.values()];
  const memTraces = [...memory.values()];
  const sumOfPowerAt = (t: number): number => powerTraces.reduce((a, p) => a + powerAt(p, t), 0);
  const inWindow = sorted.filter((r) => r.tMs >= fromMs && r.tMs <= toMs);
  const throttleKnown = known(inWindow, (r) => r.throttleReasons);
  const avgPowerW = energyJ !== null && seconds > 0 ? energyJ / seconds : null;
  const peakPowerW = powerTraces.length ? max(breakpoints(powerTraces, fromMs, toMs).map(sumOfPowerAt)) : null;
  return {
    perGpu,
    total: {
      avgPowerW,
      peakPowerW: peakPowerW === null || avgPowerW === null ? peakPowerW : Math.max(peakPowerW, avgPowerW),
      energyJ,
      avgUtilPct: mean(perGpu.flatMap((g) => (g.avgUtilPct === null ? [] : [g.avgUtilPct]))),
      maxTempC: max(perGpu.flatMap((g) => (g.maxTempC === null ? [] : [g.maxTempC]))),
      peakMemUsedMiB: peakOfHeldSum(memTraces),
      // Bit 0x1 means "idle"; any other bit is a real limit (power cap, thermal, sync boost...).
      throttledShare: throttleKnown.length ? throttleKnown.filter((bits) => (bits & ~1) !== 0).length / throttleKnown.length : null,
    },
  };
}
