/**
 * What the main thread and the NVML reader thread (nvml-reader-worker.ts) say to each other.
 * Readings travel in batches; every message from the reader is also its heartbeat, which the
 * main thread's watchdog waits for.
 */
import type { GpuReading } from '../../shared/telemetry';
import type { GpuProcessSnapshot } from './gpu-telemetry-source';

export interface ReaderStart {
  /** The library the main thread has loaded and initialised (the same dlopen handle here). */
  path: string;
  intervalMs: number;
  gpus: number[];
}

export type ReaderRequest =
  | { type: 'final'; id: number }
  | { type: 'processes'; id: number; pid: number }
  | { type: 'utilization'; id: number };

export type WorkerUtilization = { smPct: number; memPct: number } | null;

export type ReaderMessage =
  /** The thread is up and about to make its first NVML call (the watchdog's start). */
  | { type: 'loaded' }
  | { type: 'started'; gpus: number }
  | { type: 'readings'; readings: GpuReading[] }
  | { type: 'failed'; reason: string }
  | { type: 'reply'; id: number; value: null | GpuProcessSnapshot | WorkerUtilization };
