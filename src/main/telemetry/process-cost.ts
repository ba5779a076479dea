/**
 * What one of Dyno's own processes (the host, the worker) cost over a window, from two
 * snapshots of /proc: its CPU time (user + system, all threads) and its voluntary context
 * switches (each time a thread went to sleep: a timer, a message, I/O, a lock — its wake-ups).
 * CPU time per process is what the machine's other load does not move the way it moves
 * latency, so this is how the CLI's and the studio's hosts can be compared on a busy machine.
 * Nothing is read between the two snapshots. Linux only: elsewhere `begin` gives undefined.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { DynoProcessCost } from '../../shared/conditions';
import { parseProcStat } from './proc-stats';

interface Snapshot {
  atMs: number;
  cpuSeconds: number;
  /** Voluntary context switches per thread id: a thread that ends takes its count with it. */
  switches: Map<number, number>;
}

function voluntarySwitches(status: string): number {
  return Number(/^voluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1] ?? 0);
}

function snapshot(pid: number, root: string, nowMs: number): Snapshot | undefined {
  try {
    const { cpuSeconds } = parseProcStat(readFileSync(`${root}/${pid}/stat`, 'utf8'));
    const switches = new Map<number, number>();
    for (const tid of readdirSync(`${root}/${pid}/task`)) {
      try {
        switches.set(Number(tid), voluntarySwitches(readFileSync(`${root}/${pid}/task/${tid}/status`, 'utf8')));
      } catch {
        // The thread ended between the listing and the read.
      }
    }
    return { atMs: nowMs, cpuSeconds, switches };
  } catch {
    return undefined;
  }
}

export class ProcessCostWatch {
  private start: Snapshot | undefined;

  constructor(
    readonly pid: number,
    private readonly root = '/proc',
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  begin(): void {
    this.start = snapshot(this.pid, this.root, this.nowMs());
  }

  /** Undefined when /proc could not be read at either end, or the window is empty. */
  end(): DynoProcessCost | undefined {
    const start = this.start;
    const now = start && snapshot(this.pid, this.root, this.nowMs());
    if (!start || !now) return undefined;
    const seconds = (now.atMs - start.atMs) / 1000;
    if (!(seconds > 0)) return undefined;
    let switches = 0;
    // Threads born in the window count from zero; threads that ended in it are not seen.
    for (const [tid, n] of now.switches) switches += n - (start.switches.get(tid) ?? 0);
    return {
      pid: this.pid,
      cpuPct: round1(((now.cpuSeconds - start.cpuSeconds) / seconds) * 100),
      wakeupsPerS: round1(switches / seconds),
      threads: now.switches.size,
    };
  }
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
