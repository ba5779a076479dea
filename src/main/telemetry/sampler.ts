/**
 * The telemetry sampler: runs in the host, on its own timer, independent of the worker (whose
 * event loop session.run blocks). Each tick reads /proc (through systeminformation), the
 * worker's /proc entry and the RAPL counters: files, never a process per sample. Ticks that
 * would overlap are skipped rather than queued, so a slow tick cannot snowball.
 */
import si from 'systeminformation';
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
  private busy = false;
  private lastTick: { tMs: number; proc?: ProcStats; raplUj: number[] } | undefined;

  constructor(private readonly deps: SamplerDeps) {}

  start(): void {
    // The first currentLoad() call primes systeminformation's /proc/stat delta.
    void si.currentLoad().catch(() => undefined);
    this.timer = setInterval(() => void this.tick(), this.deps.intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const [load, mem] = await Promise.all([si.currentLoad(), si.mem()]);
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
        cpuUtilPct: load.currentLoad,
        perCorePct: load.cpus.map((c) => c.load),
        memUsedBytes: mem.active,
        workerRssBytes: proc?.rssBytes ?? null,
        workerCpuPct,
        cpuPowerW,
        gpus: this.deps.gpus(),
      });
    } catch {
      // A failed read skips one sample; the next tick tries again.
    } finally {
      this.busy = false;
    }
  }
}
