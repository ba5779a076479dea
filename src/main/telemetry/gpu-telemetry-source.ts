/**
 * The seam every GPU telemetry source sits behind: NVML in this process (nvml-source.ts), the
 * nvidia-smi stream as the fallback (nvidia-smi-stream.ts). A source samples on its own clock;
 * the sampler takes its latest readings, the summary all of them. Which source a run gets, and
 * why not a better one, is decided once per studio (gpu-presence.ts).
 */
import type { GpuReading } from '../../shared/telemetry';

export interface GpuProcessSnapshot {
  /** GPU memory the worker holds, summed over GPUs; null when it is not listed. */
  workerMemoryMiB: number | null;
  /** GPUs the worker holds memory on (empty where the source cannot tell). */
  workerGpus: number[];
  /** Other processes holding GPU memory: they share the GPU with the benchmark. */
  others: { gpu: number; pid: number; name: string | null; usedMemoryMiB: number | null }[];
}

export interface GpuTelemetrySource {
  readonly kind: 'nvml' | 'nvidia-smi';
  start(): void;
  /** Resolves once the first reading is in, or the source has failed (a source on another thread starts asynchronously). */
  ready?(): Promise<void>;
  /**
   * Waits for a call still out on another thread (bounded by the source's watchdog), so that
   * stop() can take its last readings: on a loaded machine a tick's call is often still out when
   * the run ends, and skipping the last reading leaves the measured window's end uncovered.
   */
  drain?(): Promise<void>;
  stop(): void;
  /** The latest reading of each GPU. */
  latest(): GpuReading[];
  /** Every reading so far, in the order read. */
  readonly readings: readonly GpuReading[];
  /** Why the source stopped early, if it did; readings before then are kept. */
  readonly failure: string | undefined;
  /** Who holds GPU memory now (read once per run, when measuring starts). */
  processes(workerPid: number): Promise<GpuProcessSnapshot>;
  /** The worker's own utilisation since processes() was called, where the source can tell. */
  processUtilization?(): Promise<{ smPct: number; memPct: number } | null>;
}
