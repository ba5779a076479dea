/**
 * The telemetry sampler: runs in the host, on its own timer, independent of the worker (whose
 * event loop session.run blocks). Each tick reads the kernel's CPU counters, free memory, the
 * worker's /proc entry and the RAPL counters: a few small reads, never a process per sample,
 * and synchronous so a tick cannot overlap the next (measured by npm run bench:telemetry).
 */
import { freemem, totalmem } from 'node:os';
import { CpuLoadMeter } from './cpu-load';
import type { GpuReading, TelemetrySample } from '../../shared/telemetry';
import { counterDeltaJ, readCounterUj, type RaplDomain } from './rapl';
import { readProcStats, type ProcStats } from './proc-stats';

export interface SamplerDeps {
  intervalMs: number;
  /** ms since the epoch, on the time base of latency samples. */
  now: () => number;
  workerPid: () => number | undefined;
  rapl: RaplDomain[];
  /** Latest GPU readings, from the nvidia-smi stream when there is one. */
  gpus: () => GpuReading[];
  onSample: (s: TelemetrySample) => void;
}

export class TelemetrySampler {
  private timer: NodeJS.Timeout | undefined;
  private cpu: CpuLoadMeter | undefined;
  private lastTick: { tMs: number; proc?: ProcStats; raplUj: number[] } | undefined;

  constructor(private readonly deps: SamplerDeps) {}

  start(): void {
    this.cpu = new CpuLoadMeter();
    this.timer = setInterval(() => this.tick(), this.deps.intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    try {
      const load = (this.cpu ??= new CpuLoadMeter()).read();
      const tMs = this.deps.now();
      const pid = this.deps.workerPid();
      const proc = pid === undefined ? undefined : readProcStats(pid);
      const raplUj = this.deps.rapl.map(readCounterUj);
      const prev = this.lastTick;
      const dt = prev ? (tMs - prev.tMs) / 1000 : 0;
      const workerCpuPct = prev?.proc && proc && dt > 0 ? (100 * (proc.cpuSeconds - prev.proc.cpuSeconds)) / dt : null;
      const cpuPowerW =
        prev && dt > 0 && raplUj.length > 0
          ? raplUj.reduce((sum, uj, i) => sum + counterDeltaJ(prev.raplUj[i] ?? uj, uj, this.deps.rapl[i]?.maxRangeUj ?? Number.MAX_SAFE_INTEGER), 0) / dt
          : null;
      this.lastTick = { tMs, raplUj, ...(proc ? { proc } : {}) };
      this.deps.onSample({
        tMs,
        cpuUtilPct: load.totalPct,
        perCorePct: load.perCorePct,
        memUsedBytes: totalmem() - freemem(),
        cpuSpeedMHz: load.speedMHz > 0 ? load.speedMHz : null,
        workerRssBytes: proc?.rssBytes ?? null,
        workerCpuPct,
        cpuPowerW,
        gpus: this.deps.gpus(),
      });
    } catch {
      // A failed read skips one sample; the next tick tries again.
    }
  }
}
