/**
 * Energy from NVML's hardware counter (nvmlDeviceGetTotalEnergyConsumption: mJ since the driver
 * loaded, Volta and later), the way Zeus measures: read the counter at a phase's start and end
 * and take the difference. Dyno reads it on every telemetry tick, so a phase's ends (the idle
 * baseline, the measured window) fall between two readings and are interpolated on the
 * cumulative counter, which is exact to within how much the power changed over one tick.
 */
import type { GpuReading } from '../../shared/telemetry';
import { powerAt, type PowerPoint } from './energy';

/**
 * The counter's value since `base` (the run's first reading), exact across the unsigned
 * 64-bit wrap: NVML's counter is an unsigned long long, so a difference is taken modulo 2^64.
 */
export function energySinceMj(base: bigint, raw: bigint): number {
  return Number(BigInt.asUintN(64, raw - base));
}

export type CounterTrace = { points: PowerPoint[] } | { unusable: string };

/**
 * One GPU's counter readings in time order ({ tMs, watts: mJ }), or why they cannot be used:
 * none (unsupported, or an older source), or a decrease (the driver reloaded or the GPU was
 * reset mid-run, so the counter restarted and no difference across that point means anything).
 */
export function counterTrace(readings: readonly GpuReading[]): CounterTrace {
  const points = readings.flatMap((r) => (r.energyMj === null || r.energyMj === undefined ? [] : [{ tMs: r.tMs, watts: r.energyMj }])).sort((a, b) => a.tMs - b.tMs);
  if (points.length < 2) return { unusable: 'no energy counter readings (the GPU or driver has none: Volta and later do)' };
  for (let i = 1; i < points.length; i++) {
    if ((points[i] as PowerPoint).watts < (points[i - 1] as PowerPoint).watts) return { unusable: 'the energy counter went backwards mid-run (driver reload or GPU reset)' };
  }
  return { points };
}

/**
 * Joules the counter advanced over [fromMs, toMs], interpolating at the ends; null unless the
 * readings bracket the window (beyond them the counter's course is unknown).
 */
export function counterWindowJ(points: readonly PowerPoint[], fromMs: number, toMs: number): number | null {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last || first.tMs > fromMs || last.tMs < toMs || toMs < fromMs) return null;
  return (powerAt(points, toMs) - powerAt(points, fromMs)) / 1000;
}

/**
 * Mean power over a phase from the counter readings taken inside it (first to last): the idle
 * baseline's power. Null with fewer than two readings in the phase.
 */
export function counterMeanW(points: readonly PowerPoint[], fromMs: number, toMs: number): number | null {
  const inside = points.filter((p) => p.tMs >= fromMs && p.tMs <= toMs);
  const a = inside[0];
  const b = inside[inside.length - 1];
  if (!a || !b || b.tMs <= a.tMs) return null;
  return (b.watts - a.watts) / (b.tMs - a.tMs);
}
