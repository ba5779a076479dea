/**
 * CPU load from the kernel's cumulative per-core times (os.cpus(): /proc/stat on Linux, the
 * same counters on macOS and Windows), as the busy share of each core between two readings.
 * A few microseconds per reading, no process, no parsing library: cheap enough for 10–50 Hz.
 */
import { cpus, type CpuInfo } from 'node:os';

type Times = CpuInfo['times'];

export interface CpuLoad {
  totalPct: number;
  perCorePct: number[];
  /** Mean current clock over cores, as the OS reports it (0 where it does not). */
  speedMHz: number;
}

const busy = (t: Times): number => t.user + t.nice + t.sys + t.irq;
const total = (t: Times): number => busy(t) + t.idle;

export class CpuLoadMeter {
  private last: Times[] = cpus().map((c) => c.times);

  /** Load since the previous call (or since construction). */
  read(): CpuLoad {
    const list = cpus();
    const now = list.map((c) => c.times);
    const perCorePct = now.map((t, i) => {
      const prev = this.last[i];
      if (!prev) return 0;
      const dt = total(t) - total(prev);
      return dt > 0 ? (100 * (busy(t) - busy(prev))) / dt : 0;
    });
    this.last = now;
    const totalPct = perCorePct.length ? perCorePct.reduce((a, b) => a + b, 0) / perCorePct.length : 0;
    const speedMHz = list.length ? list.reduce((a, c) => a + c.speed, 0) / list.length : 0;
    return { totalPct, perCorePct, speedMHz };
  }
}
