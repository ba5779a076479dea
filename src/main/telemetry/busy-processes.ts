/**
 * Which other processes used the CPU while a run measured. Two passes over /proc/<pid>/stat,
 * one when measuring starts and one when it ends, give each process's CPU time over the
 * window: the per-tick sampler is unchanged, and nothing reads /proc while the benchmark runs.
 * Linux only; elsewhere (no /proc) it reports nothing, and the run says so.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseProcStat } from './proc-stats';
import type { BusyProcess } from '../../shared/conditions';

/** Processes below this share of one core over the window are not worth naming. */
const MIN_CPU_PCT = 2;
const MAX_LISTED = 5;

type Snapshot = Map<number, { name: string; cpuSeconds: number }>;

function snapshot(root: string): Snapshot | undefined {
  let pids: string[];
  try {
    pids = readdirSync(root).filter((d) => /^\d+$/.test(d));
  } catch {
    return undefined;
  }
  const out: Snapshot = new Map();
  for (const d of pids) {
    try {
      out.set(Number(d), parseProcStat(readFileSync(`${root}/${d}/stat`, 'utf8')));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return out;
}

export class BusyProcessWatch {
  private start: { snap: Snapshot; atMs: number } | undefined;

  constructor(
    private readonly root = '/proc',
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  begin(): void {
    const snap = snapshot(this.root);
    this.start = snap ? { snap, atMs: this.nowMs() } : undefined;
  }

  /**
   * The busiest processes over the window, busiest first, leaving out `exclude` (the worker);
   * `self` marks Dyno's own host. Undefined when /proc could not be read or `begin` was not called.
   */
  end(exclude: ReadonlySet<number>, self: number = process.pid, maxListed = MAX_LISTED): BusyProcess[] | undefined {
    const start = this.start;
    const snap = start && snapshot(this.root);
    if (!start || !snap) return undefined;
    const seconds = (this.nowMs() - start.atMs) / 1000;
    if (!(seconds > 0)) return [];
    const busy: BusyProcess[] = [];
    for (const [pid, now] of snap) {
      const before = start.snap.get(pid);
      if (exclude.has(pid) || !before || before.name !== now.name) continue;
      const cpuPct = ((now.cpuSeconds - before.cpuSeconds) / seconds) * 100;
      if (cpuPct >= MIN_CPU_PCT) busy.push({ pid, name: now.name, cpuPct: Math.round(cpuPct * 10) / 10, ...(pid === self ? { dynoHost: true } : {}) });
    }
    return busy.sort((a, b) => b.cpuPct - a.cpuPct).slice(0, maxListed);
  }
}
