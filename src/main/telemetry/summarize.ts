/**
 * A run's telemetry in a few numbers: averages over the measured window (warm-up and idle
 * baseline excluded), peaks, per-GPU figures and their totals (gpu-figures.ts), and the run's
 * energy charged to the device it ran on, net of that device's idle baseline.
 */
import type { Energy, GpuReading, TelemetrySample, TelemetrySummary } from '../../shared/telemetry';
import { energyFigures } from './energy';
import { gpuFigures } from './gpu-figures';
import { counterMeanW, counterTrace } from './gpu-energy-counter';

const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const max = (xs: readonly number[]): number | null => (xs.length ? xs.reduce((a, b) => (b > a ? b : a), -Infinity) : null);

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

/**
 * The device a run's energy is charged to, from its execution provider. 'all-gpus' (WebGPU, whose
 * adapter is not known) narrows to the GPUs the worker held memory on, where NVML listed them.
 */
export type EnergyDevice = { kind: 'cpu' } | { kind: 'gpu'; index: number } | { kind: 'all-gpus' };

export function energyDeviceFor(session: { executionProvider: string; cuda: { deviceId: number } }): EnergyDevice {
  switch (session.executionProvider) {
    case 'cpu':
      return { kind: 'cpu' };
    case 'cuda':
    case 'tensorrt':
      // nvidia-smi numbers GPUs in PCI order; CUDA does too with CUDA_DEVICE_ORDER=PCI_BUS_ID.
      return { kind: 'gpu', index: session.cuda.deviceId };
    default:
      return { kind: 'all-gpus' };
  }
}

const NO_ENERGY = { totalJ: null, averageW: null, peakW: null, idleW: null, netJ: null, perInferenceMj: null, netPerInferenceMj: null, inferencesPerJ: null };

/**
 * Mean power of each GPU over the idle baseline: from the energy counter's readings in that
 * time where there is a counter, otherwise the mean of every reading streamed in that time, or,
 * where none was, of the sampler's latest-reading snapshots.
 */
function idleGpuPowerW(idleSamples: readonly TelemetrySample[], readings: readonly GpuReading[]): Map<number, number> {
  const first = idleSamples[0];
  const last = idleSamples[idleSamples.length - 1];
  if (!first || !last) return new Map();
  const streamed = readings.filter((r) => r.tMs >= first.tMs && r.tMs <= last.tMs);
  const source = streamed.length ? streamed : idleSamples.flatMap((s) => s.gpus);
  const byGpu = new Map<number, number[]>();
  for (const g of source) if (g.powerW !== null) byGpu.set(g.index, [...(byGpu.get(g.index) ?? []), g.powerW]);
  const idle = new Map([...byGpu].map(([index, ws]) => [index, mean(ws) as number]));
  for (const index of new Set(streamed.map((r) => r.index))) {
    const counter = counterTrace(streamed.filter((r) => r.index === index));
    const w = 'points' in counter ? counterMeanW(counter.points, first.tMs, last.tMs) : null;
    if (w !== null) idle.set(index, w);
  }
  return idle;
}

export function summarizeTelemetry(opts: {
  samples: readonly TelemetrySample[];
  gpuReadings?: readonly GpuReading[];
  idleSamples: readonly TelemetrySample[];
  windowStartMs: number;
  windowEndMs: number;
  inferences: number;
  intervalMs: number;
  gpu: { available: boolean; reason?: string; source?: 'nvml' | 'nvidia-smi' | 'none'; sourceNote?: string };
  /** Where the run ran: its energy is charged to that device alone. */
  device: EnergyDevice;
  /** GPUs the worker held memory on (NVML's process list), when known. */
  workerGpus?: readonly number[];
  energyUnavailableReason?: string;
}): TelemetrySummary {
  const inWindow = opts.samples.filter((s) => s.tMs >= opts.windowStartMs && s.tMs <= opts.windowEndMs);
  const util = inWindow.map((s) => s.cpuUtilPct);
  const workerCpu = inWindow.flatMap((s) => (s.workerCpuPct === null ? [] : [s.workerCpuPct]));
  const rss = opts.samples.flatMap((s) => (s.workerRssBytes === null ? [] : [s.workerRssBytes]));
  const gpu = gpuFigures(opts.gpuReadings ?? [], opts.windowStartMs, opts.windowEndMs, idleGpuPowerW(opts.idleSamples, opts.gpuReadings ?? []));
  const cpuJ = windowEnergyJ(opts.samples, opts.windowStartMs, opts.windowEndMs);
  const figures = (source: Energy['source'], device: string, totalJ: number, peakW: number | null, idleW: number | null): Energy => ({
    source,
    device,
    ...energyFigures({ totalJ, durationMs: opts.windowEndMs - opts.windowStartMs, inferences: opts.inferences, peakW, idleW }),
  });
  const none = (reason: string): Energy => ({ source: 'none', reason, device: null, ...NO_ENERGY });
  let energy: Energy;
  const d = opts.device;
  if (d.kind === 'cpu') {
    const idleCpuW = mean(opts.idleSamples.flatMap((s) => (s.cpuPowerW === null ? [] : [s.cpuPowerW])));
    const cpuPeak = max(inWindow.flatMap((s) => (s.cpuPowerW === null ? [] : [s.cpuPowerW])));
    energy =
      cpuJ === null
        ? none(
            `${opts.energyUnavailableReason ?? 'no RAPL energy counter sampled during the measured window'}${gpu.total.energyJ === null ? '' : ' (a CPU-provider run is not charged GPU power)'}`,
          )
        : figures('rapl', 'CPU package and DRAM (RAPL): the whole package, every process on it', cpuJ, cpuPeak, idleCpuW);
  } else if (d.kind === 'gpu') {
    const g = gpu.perGpu.find((x) => x.index === d.index);
    energy =
      g?.energyJ === null || g?.energyJ === undefined
        ? none(`no power readings from GPU ${d.index} during the measured window`)
        : figures(g.energyMethod === 'counter' ? 'gpu-energy-counter' : 'gpu-power-integral', `GPU ${d.index}${g.name ? ` (${g.name})` : ''}: the whole device, every process on it`, g.energyJ, g.peakPowerW, g.idlePowerW);
  } else {
    // Only the GPUs the worker used, where NVML said which; otherwise every sampled GPU.
    const used = opts.workerGpus?.length ? gpu.perGpu.filter((g) => opts.workerGpus?.includes(g.index)) : [];
    const charged = used.length ? used : gpu.perGpu;
    const energies = charged.flatMap((g) => (g.energyJ === null ? [] : [g.energyJ]));
    const idle = charged.every((g) => g.idlePowerW !== null) && charged.length ? charged.reduce((a, g) => a + (g.idlePowerW ?? 0), 0) : null;
    const method = charged.length && charged.every((g) => g.energyMethod === 'counter') ? 'gpu-energy-counter' : 'gpu-power-integral';
    const what = used.length ? `the GPU${used.length > 1 ? 's' : ''} the worker used (${used.map((g) => g.index).join(', ')}): whole device${used.length > 1 ? 's' : ''}` : `every GPU together (${gpu.perGpu.length}): whole devices`;
    const peak = used.length === 1 ? (used[0]?.peakPowerW ?? null) : used.length ? null : gpu.total.peakPowerW;
    energy = energies.length === 0 ? none('no GPU power readings during the measured window') : figures(method, what, energies.reduce((a, b) => a + b, 0), peak, idle);
  }
  const { energyJ: gpuJ, ...totals } = gpu.total;
  return {
    intervalMs: opts.intervalMs,
    samples: inWindow.length,
    gpu: { ...opts.gpu, ...totals, energyJ: gpuJ, workerMemoryMiB: null, workerSmUtilPct: null, workerMemUtilPct: null, otherProcesses: [], perGpu: gpu.perGpu },
    cpu: { avgUtilPct: mean(util), peakUtilPct: max(util), workerAvgCpuPct: mean(workerCpu), workerPeakRssBytes: max(rss), energyJ: cpuJ },
    energy,
  };
}
