/**
 * Telemetry sampled beside a run, on its own clock and on the same time base as latency
 * samples (ms since the epoch), and what a finished run reports of it: utilisation, memory,
 * energy, and the environment it ran in. Absent readings are null with a reason, never 0.
 */
import { z } from 'zod';

/** One GPU at one instant, as nvidia-smi reported it; null where the driver gave no value. */
export const GpuReadingSchema = z.object({
  tMs: z.number(),
  index: z.number().int(),
  uuid: z.string().nullable(),
  name: z.string().nullable(),
  utilGpuPct: z.number().nullable(),
  utilMemPct: z.number().nullable(),
  memUsedMiB: z.number().nullable(),
  memTotalMiB: z.number().nullable(),
  powerW: z.number().nullable(),
  powerLimitW: z.number().nullable(),
  tempC: z.number().nullable(),
  smClockMHz: z.number().nullable(),
  memClockMHz: z.number().nullable(),
  pstate: z.string().nullable(),
  throttleReasons: z.number().nullable(),
  /** NVML only (absent from nvidia-smi readings and older runs): PCIe throughput, the driver's own 20 ms sample. */
  pcieTxKBps: z.number().nullable().optional(),
  pcieRxKBps: z.number().nullable().optional(),
  /** NVML only: instantaneous power and the driver's 1 s average, where it offers both (fields 186, 185). */
  powerInstantW: z.number().nullable().optional(),
  powerAvgW: z.number().nullable().optional(),
  /** NVML only: the hardware energy counter, in mJ since this run's first reading (Volta and later). */
  energyMj: z.number().nullable().optional(),
});
export type GpuReading = z.infer<typeof GpuReadingSchema>;

export const TelemetrySampleSchema = z.object({
  tMs: z.number(),
  cpuUtilPct: z.number(),
  perCorePct: z.array(z.number()),
  memUsedBytes: z.number(),
  cpuSpeedMHz: z.number().nullable().default(null),
  workerRssBytes: z.number().nullable(),
  /** CPU time of the worker over the last interval, as % of one core (200 = two cores busy). */
  workerCpuPct: z.number().nullable(),
  /** RAPL package + DRAM power over the last interval. */
  cpuPowerW: z.number().nullable(),
  /** The latest reading of each sampled GPU (nvidia-smi streams on its own clock). */
  gpus: z.array(GpuReadingSchema).default([]),
});
export type TelemetrySample = z.infer<typeof TelemetrySampleSchema>;

/**
 * The run's energy, charged to the device it ran on: the CPU package (RAPL) for the CPU
 * provider, the session's GPU for CUDA and TensorRT, every GPU for WebGPU (its device is not
 * known). Each is a whole-device figure: other processes on that device are included.
 */
export const EnergySchema = z.object({
  /**
   * How the energy was measured: a hardware counter (RAPL, NVML's total-energy counter) or the
   * trapezoid of sampled power. 'rapl+gpu-power-integral' only in runs stored before energy was
   * charged to one device.
   */
  source: z.enum(['rapl', 'gpu-energy-counter', 'gpu-power-integral', 'rapl+gpu-power-integral', 'none']),
  reason: z.string().optional(),
  /** What the figures cover, in words (e.g. "GPU 1 (NVIDIA H100): whole device"); null in older runs. */
  device: z.string().nullable().default(null),
  totalJ: z.number().nullable(),
  averageW: z.number().nullable(),
  peakW: z.number().nullable(),
  idleW: z.number().nullable(),
  netJ: z.number().nullable(),
  perInferenceMj: z.number().nullable(),
  /** netJ per inference, in mJ. */
  netPerInferenceMj: z.number().nullable().default(null),
  inferencesPerJ: z.number().nullable(),
});
export type Energy = z.infer<typeof EnergySchema>;

/** One GPU over the measured window. Power is the piecewise-linear trace through its readings. */
export const GpuFiguresSchema = z.object({
  index: z.number().int(),
  uuid: z.string().nullable(),
  name: z.string().nullable(),
  /** Energy over the window ÷ its duration. */
  avgPowerW: z.number().nullable(),
  peakPowerW: z.number().nullable(),
  energyJ: z.number().nullable(),
  /** This GPU's mean power in the idle baseline before the run. */
  idlePowerW: z.number().nullable(),
  avgUtilPct: z.number().nullable(),
  maxTempC: z.number().nullable(),
  peakMemUsedMiB: z.number().nullable(),
  /** Where energyJ came from: NVML's hardware counter, or the trapezoid of sampled power (null in older runs). */
  energyMethod: z.enum(['counter', 'power-integral']).nullable().optional(),
  /** Why the counter was not used where the source has one (unsupported, reset mid-run). */
  energyNote: z.string().optional(),
});
export type GpuFigures = z.infer<typeof GpuFiguresSchema>;

export const TelemetrySummarySchema = z.object({
  intervalMs: z.number(),
  samples: z.number().int(),
  /** The measured window the figures cover, on the samples' clock (ms since the epoch); absent in older runs. */
  window: z.object({ startMs: z.number(), endMs: z.number() }).optional(),
  gpu: z.object({
    available: z.boolean(),
    reason: z.string().optional(),
    /** What the GPU figures were read from (absent in runs stored before NVML was read). */
    source: z.enum(['nvml', 'nvidia-smi', 'none']).optional(),
    /** Why a preferred source was not used (e.g. NVML failed to initialise, so nvidia-smi). */
    sourceNote: z.string().optional(),
    /**
     * Totals over every sampled GPU (whole-system figures), one rule each: power is the sum of
     * the GPUs at each instant (average = total energy ÷ window, peak = highest instant of the
     * sum, never below the average); utilisation is the mean of the GPUs' means; temperature the
     * hottest GPU; memory the highest instant of the GPUs' sum. Runs stored before per-GPU
     * figures existed summed average power but took one GPU's peak.
     */
    avgPowerW: z.number().nullable().default(null),
    peakPowerW: z.number().nullable().default(null),
    avgUtilPct: z.number().nullable().default(null),
    maxTempC: z.number().nullable().default(null),
    peakMemUsedMiB: z.number().nullable().default(null),
    /** GPU memory the benchmark worker itself held, read once after warm-up. */
    workerMemoryMiB: z.number().nullable().default(null),
    /** The worker's own SM and memory-controller utilisation over the window (NVML, where the driver allows). */
    workerSmUtilPct: z.number().nullable().optional(),
    workerMemUtilPct: z.number().nullable().optional(),
    /** Other processes holding GPU memory when measuring started: they share the GPU with the run. */
    otherProcesses: z.array(z.object({ gpu: z.number(), pid: z.number(), name: z.string().nullable(), usedMemoryMiB: z.number().nullable() })).optional(),
    /** Fraction of samples in which a clock was held back by something other than idleness. */
    throttledShare: z.number().nullable().default(null),
    /** Energy of every sampled GPU together: the sum of perGpu's. */
    energyJ: z.number().nullable().default(null),
    perGpu: z.array(GpuFiguresSchema).default([]),
  }),
  cpu: z.object({
    avgUtilPct: z.number().nullable(),
    peakUtilPct: z.number().nullable(),
    workerAvgCpuPct: z.number().nullable(),
    workerPeakRssBytes: z.number().nullable(),
    /** RAPL package + DRAM energy over the window: the whole package, every process. */
    energyJ: z.number().nullable().default(null),
  }),
  energy: EnergySchema,
});
export type TelemetrySummary = z.infer<typeof TelemetrySummarySchema>;

export const EnvironmentSchema = z.object({
  cpuModel: z.string(),
  logicalCores: z.number().int(),
  physicalCores: z.number().int().nullable(),
  totalMemoryBytes: z.number(),
  os: z.string(),
  kernel: z.string(),
  nodeVersion: z.string(),
  electronVersion: z.string().nullable(),
  ortVersion: z.string(),
  executionProvider: z.string(),
  gpus: z.array(
    z.object({
      name: z.string(),
      driver: z.string().nullable(),
      uuid: z.string().nullable().default(null),
      memoryTotalMiB: z.number().nullable().default(null),
      powerLimitW: z.number().nullable().default(null),
      smClockMHz: z.number().nullable().default(null),
    }),
  ),
  cudaVersion: z.string().nullable().default(null),
  /** Processes already on the GPUs when the run started: they share the GPU with the benchmark. */
  gpuProcesses: z.array(z.object({ gpu: z.number(), pid: z.number(), name: z.string().nullable(), usedMemoryMiB: z.number().nullable() })).default([]),
  gpuReason: z.string().optional(),
  cpuTemperatureC: z.number().nullable(),
  /** The CPU's vector and matrix instruction sets (AVX2, AVX-512, VNNI, AMX) as the kernel lists them; absent where unknown or in older runs. */
  cpuFlags: z.array(z.string()).optional(),
});
export type Environment = z.infer<typeof EnvironmentSchema>;

export const TelemetryConfigSchema = z.object({
  enabled: z.boolean().default(true),
  /** DESIGN: 100 ms by default, at most 10 Hz for charts; down to 10 ms with NVML (20 ms with nvidia-smi). */
  intervalMs: z.number().int().min(10).max(10_000).default(100),
  /** Idle power measured before the run (only when an energy source exists). */
  idleBaselineMs: z.number().int().min(0).max(60_000).default(1000),
  /** GPU indices to sample (nvidia-smi --id); empty samples every GPU. */
  gpus: z.array(z.number().int().min(0)).default([]),
});
export type TelemetryConfig = z.infer<typeof TelemetryConfigSchema>;

/** The CPU flags worth keeping with a run: those that decide which kernels ONNX Runtime can use. */
export function vectorCpuFlags(flags: string): string[] {
  return flags.split(/\s+/).filter((f) => /^(avx2|avx512\w*|avx_vnni\w*|amx\w*)$/.test(f));
}

/** Which environment differences make two runs hard to compare, in words. */
export function environmentDifferences(a: Environment, b: Environment): string[] {
  const out: string[] = [];
  const diff = (label: string, x: unknown, y: unknown): void => {
    if (JSON.stringify(x) !== JSON.stringify(y)) out.push(`${label}: ${String(JSON.stringify(x))} vs ${String(JSON.stringify(y))}`);
  };
  diff('CPU', a.cpuModel, b.cpuModel);
  diff('logical cores', a.logicalCores, b.logicalCores);
  diff('memory', a.totalMemoryBytes, b.totalMemoryBytes);
  diff('OS', `${a.os} ${a.kernel}`, `${b.os} ${b.kernel}`);
  diff('ONNX Runtime', a.ortVersion, b.ortVersion);
  diff('execution provider', a.executionProvider, b.executionProvider);
  diff('GPUs', a.gpus.map((g) => `${g.name} ${g.driver ?? ''}`), b.gpus.map((g) => `${g.name} ${g.driver ?? ''}`));
  diff('GPU power limits', a.gpus.map((g) => g.powerLimitW), b.gpus.map((g) => g.powerLimitW));
  diff('CUDA', a.cudaVersion, b.cudaVersion);
  // Which programs shared the GPUs (by name: process ids differ on every run).
  const sharing = (e: Environment): string[] => e.gpuProcesses.map((p) => `GPU ${p.gpu}: ${p.name ?? 'unnamed process'}`).sort();
  diff('other processes on the GPUs', sharing(a), sharing(b));
  diff('Node', a.nodeVersion, b.nodeVersion);
  return out;
}
