/**
 * The time the command executor spends in the run queue's handlers between runs: storing a batch
 * of samples in SQLite, the queue's one-off "measuring started" snapshot of every process's CPU
 * time (tens of ms on a loaded machine), streaming output to the studio. The ONNX worker hands
 * its samples to another process and measures on; a command run's handlers run in the same loop,
 * so their time is left out of the measured window's wall time (what throughput and bench:exec
 * divide), as it would be there. Calls made while a run is in flight (a timer flushing output)
 * are inside that run's own spawn-to-exit time and are not counted here.
 */
import type { ExecutorHandlers } from '../executor';

export class HandlerClock {
  private spent = 0;

  /** `betweenRuns` says whether no run is in flight now. */
  constructor(private readonly betweenRuns: () => boolean) {}

  /** The same handlers, each call between runs timed. */
  wrap(h: ExecutorHandlers): ExecutorHandlers {
    const timed =
      <A>(f: ((a: A) => void) | undefined) =>
      (a: A): void => {
        if (!f) return;
        if (!this.betweenRuns()) return f(a);
        const t = performance.now();
        try {
          f(a);
        } finally {
          this.spent += performance.now() - t;
        }
      };
    return {
      onReady: (ready) => h.onReady(ready),
      onSamples: timed((batch) => h.onSamples(batch)),
      ...(h.onOutput ? { onOutput: timed((o) => h.onOutput?.(o)) } : {}),
      ...(h.onMetrics ? { onMetrics: timed((m) => h.onMetrics?.(m)) } : {}),
    };
  }

  /** Milliseconds spent in handlers between runs so far. */
  get spentMs(): number {
    return this.spent;
  }
}
