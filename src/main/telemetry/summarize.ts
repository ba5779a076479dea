/**
 * A run's telemetry in a few numbers: averages over the measured window (warm-up and idle
 * baseline excluded), peaks, and energy from the RAPL counters with the idle baseline.
 */
import type { Energy, GpuReading, TelemetrySample, TelemetrySummary } from '../../shared/telemetry';
import { energyFigures, trapezoidJ } from './energy';

const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const max = (xs: number[]): number | null => (xs.length ? Math.max(...xs) : null);

/** Energy over the window from per-interval counter power: Σ Pᵢ·Δtᵢ equals the counter delta. */
export function windowEnergyJ(samples: readonly TelemetrySample[], fromMs: number, toMs: number): number | null {
  let joules = 0;
  let any = false;
  for (let i = 1; i < samples.length; i++) {
    const s = samples[i] as TelemetrySample;
    const prev = samples[i - 1] as TelemetrySample;
    if (s.cpuPowerW === null || s.tMs <= fromMs || prev.tMs >= toMs) continue;
    const start = Math.max(prev.tMs, fromMs);
    const end = Math.min(s.tMs, toMs);
    joules += (s.cpuPowerW * (end - start)) / 1000;
    any = true;
  }
  return any ? joules : null;
}

/** GPU figures over the window from every reading nvidia-smi streamed (not just the sampled ones). */
export function summarizeGpu(readings: readonly GpuReading[], fromMs: number, toMs: number) {
  const inWindow = readings.filter((r) => r.tMs >= fromMs && r.tMs <= toMs);
  const byGpu = new Map<number, GpuReading[]>();
  for (const r of inWindow) byGpu.set(r.index, [...(byGpu.get(r.index) ?? []), r]);
  const vals = (pick: (r: GpuReading) => number | null): number[] => inWindow.flatMap((r) => (pick(r) === null ? [] : [pick(r) as number]));
  // Power adds up across GPUs; utilisation and temperature are per GPU.
  const perGpuAvgPower = [...byGpu.values()].map((rs) => mean(rs.flatMap((r) => (r.powerW === null ? [] : [r.powerW])))).filter((v): v is number => v !== null);
  let energyJ: number | null = null;
  for (const rs of byGpu.values()) {
    const points = rs.flatMap((r) => (r.powerW === null ? [] : [{ tMs: r.tMs, watts: r.powerW }]));
    if (points.length >= 2) energyJ = (energyJ ?? 0) + trapezoidJ(points);
  }
  const throttleKnown = inWindow.filter((r) => r.throttleReasons !== null);
  return {
    avgPowerW: perGpuAvgPower.length ? perGpuAvgPower.reduce((a, b) => a + b, 0) : null,
    peakPowerW: max(vals((r) => r.powerW)),
    avgUtilPct: mean(vals((r) => r.utilGpuPct)),
    maxTempC: max(vals((r) => r.tempC)),
    peakMemUsedMiB: max(vals((r) => r.memUsedMiB)),
    // Bit 0x1 means "idle"; any other bit is a real limit (power cap, thermal, sync boost...).
    throttledShare: throttleKnown.length ? throttleKnown.filter((r) => ((r.throttleReasons as number) & ~1) !== 0).length / throttleKnown.length : null,
    energyJ,
  };
}

export function summarizeTelemetry(opts: {
  samples: readonly TelemetrySample[];
  gpuReadings?: readonly GpuReading[];
  idleSamples: readonly TelemetrySample[];
  windowStartMs: number;
  windowEndMs: number;
  inferences: number;
  intervalMs: number;
  gpu: { available: boolean; reason?: string };
  energyUnavailableReason?: string;
}): TelemetrySummary {
  const inWindow = opts.samples.filter((s) => s.tMs >= opts.windowStartMs && s.tMs <= opts.windowEndMs);
  const util = inWindow.map((s) => s.cpuUtilPct);
  const workerCpu = inWindow.flatMap((s) => (s.workerCpuPct === null ? [] : [s.workerCpuPct]));
  const rss = opts.samples.flatMap((s) => (s.workerRssBytes === null ? [] : [s.workerRssBytes]));
  const gpu = summarizeGpu(opts.gpuReadings ?? [], opts.windowStartMs, opts.windowEndMs);
  const cpuJ = windowEnergyJ(opts.samples, opts.windowStartMs, opts.windowEndMs);
  const totalJ = cpuJ === null && gpu.energyJ === null ? null : (cpuJ ?? 0) + (gpu.energyJ ?? 0);
  const source: Energy['source'] = cpuJ !== null && gpu.energyJ !== null ? 'rapl+gpu-power-integral' : cpuJ !== null ? 'rapl' : 'gpu-power-integral';
  let energy: Energy;
  if (totalJ === null) {
    energy = {
      source: 'none',
      reason: opts.energyUnavailableReason ?? 'no energy counter sampled during the measured window',
      totalJ: null, averageW: null, peakW: null, idleW: null, netJ: null, perInferenceMj: null, inferencesPerJ: null,
    };
  } else {
    const idleCpuW = mean(opts.idleSamples.flatMap((s) => (s.cpuPowerW === null ? [] : [s.cpuPowerW])));
    const idleGpuW = mean(opts.idleSamples.flatMap((s) => (s.gpus.length ? [s.gpus.reduce((a, g) => a + (g.powerW ?? 0), 0)] : [])));
    const idleW = idleCpuW === null && idleGpuW === null ? null : (idleCpuW ?? 0) + (idleGpuW ?? 0);
    const cpuPeak = max(inWindow.flatMap((s) => (s.cpuPowerW === null ? [] : [s.cpuPowerW])));
    const f = energyFigures({
      totalJ,
      durationMs: opts.windowEndMs - opts.windowStartMs,
      inferences: opts.inferences,
      peakW: cpuPeak === null && gpu.peakPowerW === null ? null : (cpuPeak ?? 0) + (gpu.peakPowerW ?? 0),
      idleW,
    });
    energy = { source, ...f };
  }
  return {
    intervalMs: opts.intervalMs,
    samples: inWindow.length,
    gpu: {
      ...opts.gpu,
      avgPowerW: gpu.avgPowerW,
      peakPowerW: gpu.peakPowerW,
      avgUtilPct: gpu.avgUtilPct,
      maxTempC: gpu.maxTempC,
      peakMemUsedMiB: gpu.peakMemUsedMiB,
      throttledShare: gpu.throttledShare,
      workerMemoryMiB: null,
    },
    cpu: { avgUtilPct: mean(util), peakUtilPct: max(util), workerAvgCpuPct: mean(workerCpu), workerPeakRssBytes: max(rss) },
    energy,
  };
}
