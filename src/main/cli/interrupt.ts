/**
 * Ctrl+C in a CLI command that runs a series of runs (`sweep`, `compare --rerun`, `exec`): the
 * run being measured is cancelled through the API, the same call the studio's Cancel makes (it is
 * kept as an aborted run), and the command starts no more.
 */
import type { DynoApi } from '../../shared/contract';

export interface Interrupt {
  asked: boolean;
  /** The run being measured, set by the command as each one starts. */
  runId?: string;
  /** A sweep the host measures (studies.sweep): cancelled as a whole, as the studio's Cancel does. */
  studyId?: string;
}

/**
 * SIGTERM (kill, a CI job's timeout) and SIGHUP (the terminal closed) stop the command as Ctrl+C
 * does: a command's run is in a process group of its own, which neither reaches, so with Node's
 * default (exit at once) its whole tree was left running.
 */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Listens for one SIGINT (or SIGTERM, SIGHUP) until `release()`; the command reads `interrupt.asked` between runs. */
export function cancelOnInterrupt(api: DynoApi): { interrupt: Interrupt; release(): void } {
  const interrupt: Interrupt = { asked: false };
  const onSigint = (): void => {
    interrupt.asked = true;
    if (interrupt.studyId) void api.call('studies.cancelSweep', { studyId: interrupt.studyId }).catch(() => undefined);
    else if (interrupt.runId) void api.call('runs.cancel', { runId: interrupt.runId }).catch(() => undefined);
  };
  for (const signal of SIGNALS) process.once(signal, onSigint);
  return { interrupt, release: () => SIGNALS.forEach((signal) => process.off(signal, onSigint)) };
}
