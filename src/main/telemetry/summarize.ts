/**
 * A run's telemetry in a few numbers: averages over the measured window (warm-up and idle
 * baseline excluded), peaks, and energy from the RAPL counters with the idle baseline.
 */
import type { Energy, TelemetrySample, TelemetrySummary } from '../../shared/telemetry';
import { energyFigures } from './energy';

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

export function summarizeTelemetry(opts: {
  samples: readonly TelemetrySample[];
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
  const totalJ = windowEnergyJ(opts.samples, opts.windowStartMs, opts.windowEndMs);
  let energy: Energy;
  if (totalJ === null) {
    energy = {
      source: 'none',
      reason: opts.energyUnavailableReason ?? 'no energy counter sampled during the measured window',
      totalJ: null, averageW: null, peakW: null, idleW: null, netJ: null, perInferenceMj: null, inferencesPerJ: null,
    };
  } else {
    const idleW = mean(opts.idleSamples.flatMap((s) => (s.cpuPowerW === null ? [] : [s.cpuPowerW])));
    const f = energyFigures({
      totalJ,
      durationMs: opts.windowEndMs - opts.windowStartMs,
      inferences: opts.inferences,
      peakW: max(inWindow.flatMap((s) => (s.cpuPowerW === null ? [] : [s.cpuPowerW]))),
      idleW,
    });
    energy = { source: 'rapl', ...f };
  }
  return {
    intervalMs: opts.intervalMs,
    samples: inWindow.length,
    gpu: opts.gpu,
    cpu: { avgUtilPct: mean(util), peakUtilPct: max(util), workerAvgCpuPct: mean(workerCpu), workerPeakRssBytes: max(rss) },
    energy,
  };
}
