/**
 * Process priorities that keep a benchmark worker ahead of the processes that only watch it (the
 * host, the renderer, a browser) when they compete for the same cores. Lowering a process's
 * priority is allowed to its owner; raising one above normal needs privilege (root or
 * CAP_SYS_NICE on Linux, Administrator on Windows), so it is tried and what was achieved is
 * reported. On Linux a nice value belongs to a thread and threads inherit it when they start:
 * setting it on the worker right after fork, before it creates its ONNX Runtime session, covers
 * the main thread and ORT's intra-op pool.
 */
import { constants, getPriority, setPriority } from 'node:os';

/** The worker's goal: above normal (nice -7), where the OS lets us. */
export const WORKER_PRIORITY = constants.priority.PRIORITY_ABOVE_NORMAL;
/** Processes that only display a run (the Electron renderer and GPU process): below normal (nice 10). */
export const WATCHER_PRIORITY = constants.priority.PRIORITY_BELOW_NORMAL;
/**
 * Work that should yield to what a user is looking at (the provider probe, which at a studio's
 * start runs beside the first page's answers): below normal (nice 10). A command that waits on
 * it loses nothing on a quiet machine.
 */
export const BACKGROUND_PRIORITY = constants.priority.PRIORITY_BELOW_NORMAL;

/** The nice value a process ended with, after trying to set it to `priority`; undefined when it cannot be read. */
export function trySetPriority(pid: number, priority: number): number | undefined {
  try {
    setPriority(pid, priority);
  } catch {
    // Not permitted (raising without privilege) or the process is gone: keep what it has.
  }
  return readPriority(pid);
}

export function readPriority(pid: number): number | undefined {
  try {
    return getPriority(pid);
  } catch {
    return undefined;
  }
}

/**
 * The worker's priority: DYNO_WORKER_PRIORITY=<nice> overrides (e.g. 0 to measure without the
 * boost), `inherit` leaves it as forked.
 */
export function workerPriorityFromEnv(env: NodeJS.ProcessEnv = process.env): number | 'inherit' {
  const v = env.DYNO_WORKER_PRIORITY?.trim();
  if (!v) return WORKER_PRIORITY;
  if (v === 'inherit') return 'inherit';
  const n = Number(v);
  return Number.isInteger(n) && n >= -20 && n <= 19 ? n : WORKER_PRIORITY;
}
