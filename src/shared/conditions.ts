/**
 * The conditions a run was measured under, recorded with its results: what the client that
 * started it drew meanwhile, the cores and priority the worker had, the intra-op threads against
 * those cores, and the other processes that used the CPU while it measured. A run measured while
 * a window redraws, or beside a compile job, reads slower than one measured alone; these let a
 * result say so (warnings.ts), and let two runs be compared knowing where their conditions
 * differ (`conditionDifferences`).
 */
import { z } from 'zod';

/** What the front end that started the run drew while it measured. */
export const DISPLAYS = ['live-charts', 'charts-paused', 'none'] as const;
export const DisplaySchema = z.enum(DISPLAYS);
export type Display = z.infer<typeof DisplaySchema>;

export const BusyProcessSchema = z.object({
  pid: z.number().int(),
  /** The kernel's command name (15 characters at most on Linux). */
  name: z.string(),
  /** Average share of one core over the measured window, in %. */
  cpuPct: z.number(),
  /** This is Dyno's own host process (the studio, `dyno serve` or the CLI). */
  dynoHost: z.boolean().optional(),
});
export type BusyProcess = z.infer<typeof BusyProcessSchema>;

/** What one of Dyno's own processes cost while the run measured (two /proc snapshots, Linux). */
export const DynoProcessCostSchema = z.object({
  pid: z.number().int(),
  /** Average share of one core over the measured window (user + system, all threads), in %. */
  cpuPct: z.number(),
  /** Voluntary context switches a second, all threads: how often it woke (timers, messages, I/O). */
  wakeupsPerS: z.number(),
  /** Its threads at the end of the window. */
  threads: z.number().int(),
  /** The host only: share of the window its event loop spent running JavaScript, in %. */
  eventLoopPct: z.number().optional(),
});
export type DynoProcessCost = z.infer<typeof DynoProcessCostSchema>;

export const MeasurementConditionsSchema = z.object({
  /** live-charts: the studio drew while measuring; charts-paused: it drew nothing; none: no display (CLI, API). */
  display: DisplaySchema,
  /** Logical cores the worker was allowed to run on (its affinity mask), and the machine's. */
  workerCores: z.number().int().positive(),
  machineCores: z.number().int().positive(),
  /** The worker's allowed CPUs as the kernel lists them (e.g. "0-3"), where known. */
  workerCpuList: z.string().optional(),
  /** The worker's nice value (lower runs first; Dyno raises it where the OS allows). */
  workerNice: z.number().int().optional(),
  /** Intra-op threads ONNX Runtime ran with (the same figure as the results' intraOpThreads). */
  intraOpThreads: z.number().int().optional(),
  /** Other processes that used ≥ 2 % of a core while it measured, busiest first; absent where /proc is not readable. */
  busyProcesses: z.array(BusyProcessSchema).optional(),
  /**
   * Dyno's own processes over the same window: the host (the studio, `dyno serve`, or the CLI
   * that started the run) and the worker. Reported whatever their size, so the host's cost can
   * be compared between front ends.
   */
  dynoProcesses: z.object({ host: DynoProcessCostSchema, worker: DynoProcessCostSchema.optional() }).optional(),
});
export type MeasurementConditions = z.infer<typeof MeasurementConditionsSchema>;

/** Another process averaging more than this share of one core is likely to have disturbed a run. */
export const BUSY_PROCESS_WARN_PCT = 20;

/** Processes likely to have disturbed the run: others (not Dyno's host) above the threshold. */
export function disturbingProcesses(c: MeasurementConditions): BusyProcess[] {
  return (c.busyProcesses ?? []).filter((p) => !p.dynoHost && p.cpuPct > BUSY_PROCESS_WARN_PCT);
}

export interface ConditionDifference {
  /** Which condition: display, workerCores, machineCores, workerNice, intraOpThreads or busyProcesses. */
  condition: 'display' | 'workerCores' | 'machineCores' | 'workerNice' | 'intraOpThreads' | 'busyProcesses';
  /** One line for a reader, e.g. "Live drawing: live-charts vs none". */
  message: string;
}

const describeBusy = (c: MeasurementConditions): string => {
  const d = disturbingProcesses(c);
  return d.length === 0 ? 'none busy' : d.map((p) => `${p.name} ${p.cpuPct.toFixed(0)}%`).join(', ');
};

/**
 * Where the conditions of two runs differ in a way that can move their latencies: what was
 * drawn, cores, priority, threads, and whether other processes were busy (named only past
 * BUSY_PROCESS_WARN_PCT, so everyday background noise is not a difference). A run without
 * recorded conditions (stored before they were) yields no differences: unknown is not different.
 */
export function conditionDifferences(a: MeasurementConditions | undefined, b: MeasurementConditions | undefined): ConditionDifference[] {
  if (!a || !b) return [];
  const out: ConditionDifference[] = [];
  const add = (condition: ConditionDifference['condition'], label: string, x: unknown, y: unknown): void => {
    if (x !== undefined && y !== undefined && x !== y) out.push({ condition, message: `${label}: ${String(x)} vs ${String(y)}` });
  };
  add('display', 'Live drawing', a.display, b.display);
  add('workerCores', "Worker's cores", a.workerCores, b.workerCores);
  add('machineCores', "Machine's cores", a.machineCores, b.machineCores);
  add('workerNice', "Worker's nice value", a.workerNice, b.workerNice);
  add('intraOpThreads', 'Intra-op threads', a.intraOpThreads, b.intraOpThreads);
  // Busy neighbours on one side only: which processes, and how busy, varies run to run anyway.
  if (a.busyProcesses && b.busyProcesses && disturbingProcesses(a).length > 0 !== disturbingProcesses(b).length > 0) {
    out.push({ condition: 'busyProcesses', message: `Other busy processes: ${describeBusy(a)} vs ${describeBusy(b)}` });
  }
  return out;
}
